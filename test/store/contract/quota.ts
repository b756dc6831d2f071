/**
 * Contract: the per-person carnet limit (beneficiary counters moved by one
 * conditional write) and the trainer list — on every store, FerretDB included.
 */
import assert from 'node:assert/strict';
import type { Stores } from '../../../src/store/repositories';
import * as f from './fixtures';

const claim = (prescriptionId: string) => ({ prescriptionId, hours: 5, maxBooks: 8, maxHours: 40 });

export function quotaContract(stores: () => Stores): void {
  describe('beneficiary carnet quota', () => {
    it('says "uninitialised" until the counters are set, and sets them once', async () => {
      await stores().beneficiaries.create(f.beneficiary({ id: 'q-1' }));
      assert.equal(await stores().beneficiaries.claimBookQuota('q-1', claim('rx-1')), 'uninitialised');
      assert.equal(await stores().beneficiaries.initQuota('q-1', { booksIssued: 1, hoursIssued: 5 }), true);
      assert.equal(await stores().beneficiaries.initQuota('q-1', { booksIssued: 0, hoursIssued: 0 }), false);
      assert.equal((await stores().beneficiaries.get('q-1'))?.booksIssued, 1);
    });

    it('counts up to the limit, once per prescription, then refuses', async () => {
      await stores().beneficiaries.create(f.beneficiary({ id: 'q-2' }));
      await stores().beneficiaries.initQuota('q-2', { booksIssued: 6, hoursIssued: 30 });
      assert.equal(await stores().beneficiaries.claimBookQuota('q-2', claim('rx-a')), 'claimed');
      assert.equal(await stores().beneficiaries.claimBookQuota('q-2', claim('rx-a')), 'duplicate');
      assert.equal(await stores().beneficiaries.claimBookQuota('q-2', claim('rx-b')), 'claimed');
      assert.equal(await stores().beneficiaries.claimBookQuota('q-2', claim('rx-c')), 'limit');
      const person = await stores().beneficiaries.get('q-2');
      assert.deepEqual([person?.booksIssued, person?.hoursIssued, person?.prescriptionIds], [8, 40, ['rx-a', 'rx-b']]);
    });

    it('the hours limit alone also refuses', async () => {
      await stores().beneficiaries.create(f.beneficiary({ id: 'q-3' }));
      await stores().beneficiaries.initQuota('q-3', { booksIssued: 2, hoursIssued: 38 });
      assert.equal(await stores().beneficiaries.claimBookQuota('q-3', claim('rx-h')), 'limit');
      assert.equal(await stores().beneficiaries.claimBookQuota('q-3', { ...claim('rx-h'), maxHours: null, maxBooks: null }), 'claimed');
    });

    it('ten concurrent claims for the last two carnets: exactly two pass', async () => {
      await stores().beneficiaries.create(f.beneficiary({ id: 'q-4' }));
      await stores().beneficiaries.initQuota('q-4', { booksIssued: 6, hoursIssued: 30 });
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) => stores().beneficiaries.claimBookQuota('q-4', claim(`rx-${i}`))),
      );
      assert.equal(outcomes.filter((o) => o === 'claimed').length, 2);
      assert.equal((await stores().beneficiaries.get('q-4'))?.booksIssued, 8);
    });

    it('gives a claimed carnet back, once', async () => {
      await stores().beneficiaries.create(f.beneficiary({ id: 'q-5' }));
      await stores().beneficiaries.initQuota('q-5', { booksIssued: 0, hoursIssued: 0 });
      await stores().beneficiaries.claimBookQuota('q-5', claim('rx-r'));
      assert.equal(await stores().beneficiaries.releaseBookQuota('q-5', 'rx-r', 5), true);
      assert.equal(await stores().beneficiaries.releaseBookQuota('q-5', 'rx-r', 5), false);
      const person = await stores().beneficiaries.get('q-5');
      assert.deepEqual([person?.booksIssued, person?.hoursIssued, person?.prescriptionIds], [0, 0, []]);
    });

    it("lists a programme's beneficiaries", async () => {
      await stores().beneficiaries.create(f.beneficiary({ id: 'q-6', programmeId: 'lozere' }));
      await stores().beneficiaries.create(f.beneficiary({ id: 'q-7', programmeId: 'drome' }));
      assert.deepEqual(
        (await stores().beneficiaries.listByProgramme('drome')).map((b) => b.id),
        ['q-7'],
      );
    });
  });

  describe('trainers by programme', () => {
    it("lists one programme's trainers", async () => {
      await stores().trainers.upsert(f.trainer({ id: 't-a', programmeId: 'lozere' }));
      await stores().trainers.upsert(f.trainer({ id: 't-b', programmeId: 'drome' }));
      assert.deepEqual(
        (await stores().trainers.list('drome')).map((t) => t.id),
        ['t-b'],
      );
    });
  });
}
