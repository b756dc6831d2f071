/**
 * The booking's slots as people fill them (dialogs/bookingWish.ts): every
 * slot a sentence names, nothing from an identity answer, and a later word
 * replacing an earlier one — all of it plain JSON, as state is stored.
 */
import assert from 'node:assert/strict';
import { mergeWish, wishIn } from '../../dialogs/bookingWish';
import { loadProgrammes } from '../../src/data/programmes';
import { understand } from '../../src/nlu/understand';

const NOW = new Date('2026-12-02T08:37:00+01:00');
const programmes = loadProgrammes(['lozere', 'drome']);
const wishOf = (text: string) => wishIn(understand(text, { now: NOW, programmes }));

describe('the booking wish', () => {
  it('takes place, moment and subject from one sentence', () => {
    const wish = wishOf('je voudrais un rdv a Florac jeudi apres-midi pour apprendre internet');
    assert.equal(wish.commune?.name, 'Florac Trois Rivières');
    assert.equal(new Date(wish.when!.start).toISOString(), '2026-12-03T11:00:00.000Z');
    assert.equal(wish.when?.partOfDay, 'afternoon');
    assert.match(wish.themeText ?? '', /internet/);
  });

  it('reads « près de chez moi » as home, never as a commune', () => {
    const wish = wishOf('un rdv pres de chez moi');
    assert.equal(wish.nearMe, true);
    assert.equal(wish.commune, undefined);
  });

  it('takes nothing from a carnet number or a birth date', () => {
    assert.deepEqual(wishOf('LOZ-MEND-E4L'), {});
    assert.deepEqual(wishOf('12/04/1958'), {});
    assert.deepEqual(wishOf('LOZ-MEND-E4L 12/04/1958'), {});
  });

  it("takes the place said beside the carnet and the birth date (a stranger's « LOZ-MEND-E4L 12/04/1958 je voudrais un rdv a die »)", () => {
    const wish = wishOf('LOZ-MEND-E4L 12/04/1958 je voudrais un rdv a florac pour internet');
    assert.equal(wish.commune?.name, 'Florac Trois Rivières');
    assert.equal(wish.when, undefined, 'the birth date is no moment');
    assert.equal(wish.themeText, 'je voudrais un rdv a florac pour internet');
  });

  it('lets a later word replace an earlier one: « plutôt vendredi », « plutôt à Langogne »', () => {
    const first = wishOf('rdv a Florac jeudi');
    const merged = mergeWish(mergeWish(first, wishOf('plutot vendredi'), NOW), wishOf('plutot a langogne'), NOW);
    assert.equal(merged.commune?.name, 'Langogne');
    assert.equal(merged.when?.start.slice(0, 10), '2026-12-04');
    assert.equal(mergeWish(merged, wishOf('pres de chez moi'), NOW).commune, undefined, 'home replaces the commune');
  });

  it('keeps the day asked when only the part of the day changes: « jeudi matin », then « en fait plutot l aprem »', () => {
    const merged = mergeWish(wishOf('rdv jeudi matin'), wishOf('en fait plutot l aprem'), NOW);
    assert.equal(merged.when?.start, '2026-12-03T12:00:00+01:00');
    assert.equal(merged.when?.partOfDay, 'afternoon');
  });

  it('survives a JSON round trip unchanged (dialog state is stored as JSON)', () => {
    const wish = wishOf('rdv a Florac demain 10h');
    assert.deepEqual(JSON.parse(JSON.stringify(wish)), wish);
  });
});
