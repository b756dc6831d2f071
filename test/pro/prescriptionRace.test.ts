/**
 * The programme limit under concurrent prescriptions: many prescribers at
 * the same moment never pass it (one conditional update per carnet), and
 * refusals with a reason write no beneficiary data.
 */
import assert from 'node:assert/strict';
import { personId, prescriptionClaimId } from '../../src/services/pro/prescription';
import { type ProFixture, proFixture } from './proFixture';
import { GERARD } from '../support/personas';
import { testNow } from '../support/clock';

const COMMUNE_DIE = '26113';

describe('prescriptions: the limit holds under concurrency, refusals write nothing', function () {
  this.timeout(60_000);
  let f: ProFixture;

  beforeEach(async () => {
    f = await proFixture();
  });
  afterEach(async () => f.close());

  it('ten prescriptions at once for Gérard (1 chéquier of 8) issue exactly 7 more', async () => {
    const ctx = f.ctx(f.people.coordinator.drome);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        f.pro.prescription.prescribe(ctx, { requestId: `race-${i}`, beneficiaryId: GERARD.id, now: testNow() }),
      ),
    );
    assert.equal(outcomes.filter((o) => o.outcome === 'prescribed').length, 7);
    assert.equal(outcomes.filter((o) => o.outcome === 'limit').length, 3);
    assert.equal((await f.stores.voucherBooks.listByBeneficiary(GERARD.id)).length, 8);
    const gerard = (await f.stores.beneficiaries.get(GERARD.id))!;
    assert.equal(gerard.booksIssued, 8);
    assert.equal(gerard.hoursIssued, 40);
  });

  it('two prescribers at the same moment for the last chéquier: one gets it, the other is told the limit', async () => {
    const ctx = f.ctx(f.people.coordinator.drome);
    for (let i = 0; i < 6; i += 1) {
      assert.equal(
        (await f.pro.prescription.prescribe(ctx, { requestId: `seq-${i}`, beneficiaryId: GERARD.id, now: testNow() })).outcome,
        'prescribed',
      );
    }
    const [a, b] = await Promise.all([
      f.pro.prescription.prescribe(ctx, { requestId: 'last-a', beneficiaryId: GERARD.id, now: testNow() }),
      f.pro.prescription.prescribe(f.ctx(f.people.prescriber.drome), { requestId: 'last-b', beneficiaryId: GERARD.id, now: testNow() }),
    ]);
    assert.deepEqual([a.outcome, b.outcome].sort(), ['limit', 'prescribed']);
    assert.equal((await f.stores.voucherBooks.listByBeneficiary(GERARD.id)).length, 8);
  });

  it('the same confirmation replayed issues one carnet', async () => {
    const ctx = f.ctx(f.people.coordinator.drome);
    const [a, b] = await Promise.all([
      f.pro.prescription.prescribe(ctx, { requestId: 'replayed', beneficiaryId: GERARD.id, now: testNow() }),
      f.pro.prescription.prescribe(ctx, { requestId: 'replayed', beneficiaryId: GERARD.id, now: testNow() }),
    ]);
    assert.equal(a.outcome, 'prescribed');
    assert.equal(b.outcome, 'prescribed');
    assert.equal(a.outcome === 'prescribed' && b.outcome === 'prescribed' && a.book.number === b.book.number, true);
    assert.equal((await f.stores.voucherBooks.listByBeneficiary(GERARD.id)).length, 2);
  });

  it('the last chéquier counted before a crash, its carnet not yet issued: confirming again issues it', async () => {
    const ctx = f.ctx(f.people.coordinator.drome);
    for (let i = 0; i < 6; i += 1)
      await f.pro.prescription.prescribe(ctx, { requestId: `before-${i}`, beneficiaryId: GERARD.id, now: testNow() });
    // What the killed run left: the 8th chéquier counted (the limit reached by it), no carnet yet.
    const claim = await f.stores.beneficiaries.claimBookQuota(GERARD.id, {
      prescriptionId: prescriptionClaimId('cut-off'),
      hours: 5,
      maxBooks: 8,
      maxHours: null,
    });
    assert.equal(claim, 'claimed');
    const again = await f.pro.prescription.prescribe(ctx, { requestId: 'cut-off', beneficiaryId: GERARD.id, now: testNow() });
    assert.equal(again.outcome, 'prescribed', 'the limit it reached is its own');
    assert.equal((await f.stores.voucherBooks.listByBeneficiary(GERARD.id)).length, 8);
    assert.equal((await f.stores.beneficiaries.get(GERARD.id))!.booksIssued, 8);
    const another = await f.pro.prescription.prescribe(ctx, { requestId: 'one-more', beneficiaryId: GERARD.id, now: testNow() });
    assert.equal(another.outcome, 'limit');
  });

  it('two prescribers creating the same new person at once make one record', async () => {
    const person = { firstName: 'Jeanne', lastName: 'Arnaud', birthDate: '1951-02-14', communeInsee: COMMUNE_DIE };
    const [a, b] = await Promise.all([
      f.pro.prescription.prescribe(f.ctx(f.people.prescriber.drome), { requestId: 'new-a', newPerson: person, now: testNow() }),
      f.pro.prescription.prescribe(f.ctx(f.people.coordinator.drome), { requestId: 'new-b', newPerson: person, now: testNow() }),
    ]);
    assert.equal(a.outcome, 'prescribed');
    assert.equal(b.outcome, 'prescribed');
    const id = personId('drome', person);
    assert.equal((await f.stores.beneficiaries.findByBirthDate('drome', '1951-02-14')).length, 1);
    assert.equal((await f.stores.beneficiaries.get(id))!.booksIssued, 2);
  });

  describe('refusals with a reason write nothing', () => {
    async function snapshot() {
      return {
        beneficiaries: await f.stores.beneficiaries.count(),
        books: await f.stores.voucherBooks.count(),
        gerard: await f.stores.beneficiaries.get(GERARD.id),
      };
    }

    it('a birth date in the future', async () => {
      const before = await snapshot();
      const outcome = await f.pro.prescription.prescribe(f.ctx(f.people.prescriber.drome), {
        requestId: 'future',
        newPerson: { firstName: 'Paul', lastName: 'Futur', birthDate: '2999-01-01', communeInsee: COMMUNE_DIE },
        now: testNow(),
      });
      assert.deepEqual(outcome, { outcome: 'birth_date', problem: 'future' });
      assert.deepEqual(await snapshot(), before);
    });

    it('an unknown commune, and a commune of another département', async () => {
      const before = await snapshot();
      const person = { firstName: 'Paul', lastName: 'Nulle', birthDate: '1960-01-01' };
      const unknown = await f.pro.prescription.prescribe(f.ctx(f.people.prescriber.drome), {
        requestId: 'c1',
        newPerson: { ...person, communeInsee: '99999' },
        now: testNow(),
      });
      assert.equal(unknown.outcome, 'unknown_commune');
      const mende = await f.pro.prescription.prescribe(f.ctx(f.people.prescriber.drome), {
        requestId: 'c2',
        newPerson: { ...person, communeInsee: '48095' },
        now: testNow(),
      });
      assert.equal(mende.outcome, 'commune_outside_programme');
      assert.deepEqual(await snapshot(), before);
    });

    it('past the limit: no carnet, counters unchanged', async () => {
      const ctx = f.ctx(f.people.coordinator.drome);
      for (let i = 0; i < 7; i += 1)
        await f.pro.prescription.prescribe(ctx, { requestId: `fill-${i}`, beneficiaryId: GERARD.id, now: testNow() });
      const before = await snapshot();
      const outcome = await f.pro.prescription.prescribe(ctx, { requestId: 'ninth', beneficiaryId: GERARD.id, now: testNow() });
      assert.equal(outcome.outcome, 'limit');
      assert.ok(
        outcome.outcome === 'limit' && outcome.booksIssued === 8 && outcome.limits.maxBooks === 8 && outcome.limits.maxHours === 40,
      );
      assert.deepEqual(await snapshot(), before);
    });
  });
});
