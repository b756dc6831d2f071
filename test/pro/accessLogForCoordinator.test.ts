/**
 * « Qui a consulté le dossier DRO-VALE-NCK ? » for the Drôme coordination:
 * the log shows who looked, refused lookups included (a Lozère prescriber
 * typing a Drôme carnet is refused, and the coordination sees who tried),
 * and not the coordinator's own lookup made to ask the question.
 */
import assert from 'node:assert/strict';
import { AUDIT_PURPOSE } from '../../src/services/pro/accessLog';
import { GERARD } from '../support/personas';
import { type ProFixture, proFixture } from './proFixture';

describe('the access log a coordinator reads', function () {
  this.timeout(30_000);
  let fixture: ProFixture;

  beforeEach(async () => {
    fixture = await proFixture();
  });
  afterEach(async () => fixture.close());

  it("shows another département's refused lookup, and not the lookup that asked the question", async () => {
    const { pro, people, ctx } = fixture;
    const claire = ctx(people.prescriber.lozere);
    const julien = ctx(people.coordinator.drome);
    // Claire (Lozère) types Gérard's Drôme chéquier: nothing is shown to her, the refusal is audited.
    const refusedLookup = await pro.lookup.search(claire, { voucherBookNumber: GERARD.voucherBookNumber });
    assert.deepEqual(refusedLookup, { outcome: 'found', matches: [] });
    // Julien looks Gérard up to read his log, as « qui a consulté le dossier DRO-VALE-NCK ? » does.
    const found = await pro.lookup.search(julien, { voucherBookNumber: GERARD.voucherBookNumber }, AUDIT_PURPOSE);
    assert.equal(found.outcome === 'found' && found.matches[0]?.id, GERARD.id);

    const log = await pro.accessLog.forCoordinator(julien, GERARD.id);
    assert.equal(log.outcome, 'entries');
    const entries = log.outcome === 'entries' ? log.entries : [];
    const refused = entries.filter((e) => e.refused);
    assert.equal(refused.length, 1, 'the refused lookup is shown');
    assert.equal(refused[0].structure, people.prescriber.lozere.structure);
    assert.equal(
      entries.filter((e) => e.structure === people.coordinator.drome.structure && e.action === 'beneficiary.search').length,
      0,
      "the coordinator's own lookup for the question is not shown",
    );
    // The beneficiary's own view stays the granted accesses.
    assert.ok((await pro.accessLog.forBeneficiary(GERARD.id)).every((e) => !e.refused));
  });
});
