/**
 * What a professional's search reveals (issue 16, low): another programme's
 * carnet answered « ne relève pas de votre département » where an unknown
 * one answered « Je ne trouve personne », telling that it exists; and a
 * birth date alone (« 21 juillet 1967 ») opened a full file.
 */
import assert from 'node:assert/strict';
import { proFixture, type ProFixture } from '../pro/proFixture';
import { GERARD, MARTINE } from '../support/personas';

describe('a professional\'s search tells nothing it should not', function () {
  this.timeout(60_000);
  let fixture: ProFixture;
  before(async () => {
    fixture = await proFixture();
  });
  after(async () => fixture.close());

  it('another programme\'s carnet reads exactly as an unknown carnet, and the attempt is audited', async () => {
    const ctx = fixture.ctx(fixture.people.prescriber.lozere);
    const otherProgramme = await fixture.pro.lookup.search(ctx, { voucherBookNumber: GERARD.voucherBookNumber });
    const unknown = await fixture.pro.lookup.search(ctx, { voucherBookNumber: 'LOZ-ZZZZ-ZZZ' });
    assert.deepEqual(otherProgramme, unknown);
    const audited = await fixture.stores.audit.list({ actorId: fixture.people.prescriber.lozere.id });
    assert.ok(audited.some((e) => e.details?.outcome === 'refused' && e.details?.reason === 'other_programme'));
  });

  it('a birth date alone finds no one: a name or a carnet number is needed', async () => {
    const ctx = fixture.ctx(fixture.people.prescriber.lozere);
    const martine = (await fixture.stores.beneficiaries.get(MARTINE.id))!;
    assert.deepEqual(await fixture.pro.lookup.search(ctx, { birthDate: martine.birthDate }), { outcome: 'needs_name' });
    const withName = await fixture.pro.lookup.search(ctx, { birthDate: martine.birthDate, name: martine.lastName });
    assert.ok(withName.outcome === 'found' && withName.matches.some((m) => m.id === MARTINE.id));
  });
});
