/**
 * Contract: a person never holds two sessions that overlap — the times on
 * the person's document change by one write guarded by their version, so
 * that of requests made at the same moment for overlapping sessions one
 * passes (on every store, FerretDB included).
 */
import assert from 'node:assert/strict';
import type { Stores } from '../../../src/store/repositories';
import * as f from './fixtures';

const at = (hhmm: string) => new Date(`2026-12-07T${hhmm}:00+01:00`);
const time = (bookingId: string, from: string, to: string) => ({ bookingId, start: at(from), end: at(to) });
const PARALLEL = 50;

export function sessionTimesContract(stores: () => Stores): void {
  describe('session times of a person', () => {
    it('says "uninitialised" until the times are set, and sets them once', async () => {
      await stores().beneficiaries.create(f.beneficiary({ id: 'st-1' }));
      assert.deepEqual(await stores().beneficiaries.claimSessionTime('st-1', time('b-1', '14:00', '15:00')), { outcome: 'uninitialised' });
      assert.equal(await stores().beneficiaries.initSessionTimes('st-1', [time('b-0', '09:00', '10:00')]), true);
      assert.equal(await stores().beneficiaries.initSessionTimes('st-1', []), false);
      assert.deepEqual((await stores().beneficiaries.get('st-1'))?.sessionTimes, [time('b-0', '09:00', '10:00')]);
    });

    it('refuses the same start and an overlapping length, allows back to back, and a move over the session it gives up', async () => {
      await stores().beneficiaries.create(f.beneficiary({ id: 'st-2' }));
      await stores().beneficiaries.initSessionTimes('st-2', []);
      const claim = (t: ReturnType<typeof time>, except?: string) => stores().beneficiaries.claimSessionTime('st-2', t, except);
      assert.deepEqual(await claim(time('b-1', '14:00', '15:00')), { outcome: 'claimed' });
      assert.deepEqual(await claim(time('b-1', '14:00', '15:00')), { outcome: 'claimed' }, 'held already: claimed once');
      assert.deepEqual(await claim(time('b-2', '14:00', '15:00')), { outcome: 'overlaps', held: time('b-1', '14:00', '15:00') });
      assert.equal((await claim(time('b-3', '13:30', '15:30'))).outcome, 'overlaps');
      assert.deepEqual(await claim(time('b-4', '15:00', '16:00')), { outcome: 'claimed' });
      assert.deepEqual(await claim(time('b-5', '14:30', '15:00'), 'b-1'), { outcome: 'claimed' });
      assert.equal(await stores().beneficiaries.releaseSessionTime('st-2', 'b-1'), true);
      assert.equal(await stores().beneficiaries.releaseSessionTime('st-2', 'b-1'), false);
      assert.deepEqual(await claim(time('b-6', '13:00', '14:00')), { outcome: 'claimed' });
      const held = (await stores().beneficiaries.get('st-2'))?.sessionTimes?.map((t) => t.bookingId);
      assert.deepEqual(held, ['b-4', 'b-5', 'b-6']);
    });

    it(`lets one of ${PARALLEL} parallel claims of overlapping sessions through, and every one that does not overlap`, async () => {
      await stores().beneficiaries.create(f.beneficiary({ id: 'st-3' }));
      await stores().beneficiaries.initSessionTimes('st-3', []);
      const overlapping = Array.from({ length: PARALLEL }, (_, i) => time(`o-${i}`, '14:00', '15:00'));
      const apart = Array.from({ length: 5 }, (_, i) => time(`a-${i}`, `0${i + 1}:00`, `0${i + 1}:30`));
      const results = await Promise.all([...overlapping, ...apart].map((t) => stores().beneficiaries.claimSessionTime('st-3', t)));
      const claimed = results.filter((r) => r.outcome === 'claimed').length;
      assert.equal(claimed, 1 + apart.length);
      assert.equal(results.filter((r) => r.outcome === 'overlaps').length, PARALLEL - 1);
      assert.equal((await stores().beneficiaries.get('st-3'))?.sessionTimes?.length, 1 + apart.length);
    });
  });
}
