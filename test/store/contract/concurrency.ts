/**
 * Contract: invariants hold under concurrent requests. Each test fires 50
 * operations at once at one document; the store's single conditional write
 * must let exactly one through.
 */
import assert from 'node:assert/strict';
import { isBalanced } from '../../../src/domain/voucherLedger';
import { DuplicateKeyError } from '../../../src/store/errors';
import type { Stores } from '../../../src/store/repositories';
import * as f from './fixtures';

const PARALLEL = 50;
const times = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));
const tally = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});

export function concurrencyContract(stores: () => Stores): void {
  describe('concurrency', () => {
    it(`lets one of ${PARALLEL} parallel reservations take a book's last hour`, async () => {
      const book = f.voucherBook({ hoursTotal: 1 });
      await stores().voucherBooks.create(book);
      const results = await Promise.all(times(PARALLEL, () => stores().voucherBooks.applyEntry(book.id, f.entry('reserve', 1))));
      assert.deepEqual(tally(results.map((r) => r.outcome)), { applied: 1, insufficient: PARALLEL - 1 });
      const after = await stores().voucherBooks.get(book.id);
      assert.equal(after?.hoursLeft, 0);
      assert.equal(after?.hoursReserved, 1);
      assert.equal(after?.ledger.length, 2);
      assert.ok(after && isBalanced(after));
    });

    it(`applies one of ${PARALLEL} parallel replays of the same operation`, async () => {
      const book = f.voucherBook({ hoursTotal: 100 });
      await stores().voucherBooks.create(book);
      const e = f.entry('reserve', 1);
      const results = await Promise.all(times(PARALLEL, () => stores().voucherBooks.applyEntry(book.id, e)));
      assert.deepEqual(tally(results.map((r) => r.outcome)), { applied: 1, duplicate: PARALLEL - 1 });
      assert.equal((await stores().voucherBooks.get(book.id))?.hoursLeft, 99);
    });

    it(`gives a one-seat slot to one of ${PARALLEL} parallel bookings`, async () => {
      const s = f.slot({ capacity: 1 });
      await stores().slots.insertMany([s]);
      const outcomes = await Promise.all(times(PARALLEL, (i) => stores().slots.takeSeat(s.id, `booking-${i}`)));
      assert.deepEqual(tally(outcomes), { taken: 1, full: PARALLEL - 1 });
      const after = await stores().slots.get(s.id);
      assert.equal(after?.seatsLeft, 0);
      assert.equal(after?.bookingIds.length, 1);
    });

    it(`gives one seat to a booking asking ${PARALLEL} times at once`, async () => {
      const s = f.slot({ capacity: 5 });
      await stores().slots.insertMany([s]);
      const outcomes = await Promise.all(times(PARALLEL, () => stores().slots.takeSeat(s.id, 'booking-1')));
      assert.deepEqual(tally(outcomes), { taken: 1, already_held: PARALLEL - 1 });
      assert.equal((await stores().slots.get(s.id))?.seatsLeft, 4);
    });

    it(`keeps one of ${PARALLEL} parallel bookings of the same person in the same slot`, async () => {
      const first = f.booking();
      const results = await Promise.allSettled(
        times(PARALLEL, () => stores().bookings.insert(f.booking({ slotId: first.slotId, beneficiaryId: first.beneficiaryId }))),
      );
      const refused = results.filter((r) => r.status === 'rejected');
      assert.equal(results.length - refused.length, 1);
      assert.ok(refused.every((r) => r.reason instanceof DuplicateKeyError));
      assert.equal((await stores().bookings.list({ slotId: first.slotId })).length, 1);
    });
  });
}
