/**
 * A moment said after another keeps what it does not change (a stranger's
 * Martine: « jeudi matin », then « en fait plutot l'apres midi » listed
 * Monday's and Tuesday's afternoons, then « non finalement le matin a 10h »
 * booked Monday at 10 h; « la semaine du 14 », then « le jeudi toujours a
 * 10h30 » was the coming Thursday). Read on Wednesday 2 December 2026.
 */
import assert from 'node:assert/strict';
import { refinedMoment } from '../../src/nlu/refinedMoment';
import { readWhen, type WhenEntity } from '../../src/nlu/whenEntity';

const NOW = new Date('2026-12-02T08:37:00+01:00');
const read = (text: string): WhenEntity => {
  const when = readWhen(text, { now: NOW, expecting: 'when' });
  assert.ok(when, `« ${text} » is a moment`);
  return when;
};
const after = (asked: string, said: string) => refinedMoment(read(asked), read(said), NOW);

describe('a moment said after another (refinedMoment)', () => {
  for (const said of ["en fait plutot l'apres midi", 'plutot l aprem', 'Plutôt l’après-midi', 'non l apres midi ca ira mieux']) {
    it(`« jeudi matin » then « ${said} »: Thursday afternoon`, () => {
      const when = after('jeudi matin', said);
      assert.equal(when.start, '2026-12-03T12:00:00+01:00');
      assert.equal(when.end, '2026-12-03T18:00:00+01:00');
      assert.equal(when.partOfDay, 'afternoon');
      assert.equal(when.anyDay, undefined);
    });
  }

  for (const said of ['non finalement le matin a 10h', 'a 10h', 'plutot vers 10 h', 'le matin 10h00']) {
    it(`« jeudi aprem » then « ${said} »: Thursday at 10 h`, () => {
      const when = after('jeudi aprem', said);
      assert.equal(when.start, '2026-12-03T10:00:00+01:00');
      assert.equal(when.grain, 'instant');
    });
  }

  for (const said of ['le jeudi toujours a 10h30 svp', 'jeudi 10h30', 'plutot le jedi a 10h30']) {
    it(`« la semaine du 14 » then « ${said} »: Thursday 17 at 10:30`, () => {
      const when = after('non plutot la semaine du 14', said);
      assert.equal(when.start, '2026-12-17T10:30:00+01:00');
    });
  }

  it('« la semaine prochaine » then « l aprem »: the afternoons of that week', () => {
    const when = after('la semaine prochaine', 'l aprem');
    assert.equal(when.start.slice(0, 10), '2026-12-07');
    assert.equal(when.end.slice(0, 10), '2026-12-14');
    assert.equal(when.partOfDay, 'afternoon');
  });

  for (const [asked, said, day] of [
    ['jeudi matin', 'plutot vendredi', '2026-12-04'],
    ['jeudi matin', 'demain aprem', '2026-12-03'],
    ['la semaine du 14', 'le 22', '2026-12-22'],
    ['la semaine du 14', 'jeudi prochain', '2026-12-03'],
  ]) {
    it(`« ${asked} » then « ${said} »: the day said (${day})`, () => {
      assert.equal(after(asked, said).start.slice(0, 10), day);
    });
  }

  it('with nothing asked before, « l aprem » is every afternoon from now', () => {
    assert.equal(refinedMoment(undefined, read('l aprem'), NOW).anyDay, true);
  });
});
