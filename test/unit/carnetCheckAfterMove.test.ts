/**
 * The carnet check of the random walk and the crash tests (unbalancedBooks)
 * after a move. A move to a slot of the same length hands the old booking's
 * reserved hour to the new one in one ledger entry, `transfer:<new>` naming
 * the old as `fromBookingId`: no `release:<old>`, no `reserve:<new>`. The
 * check read only those per-booking ids, so a correct move was reported as
 * « cancelled booking … (moved) has ledger reserve » and « confirmed booking
 * … has ledger empty » (WALK_SEED=31415, Martine moving her Friday session
 * an hour later). It must pass such a move and still catch a hand-over lost.
 */
import assert from 'node:assert/strict';
import { loadProgrammes } from '../../src/data/programmes';
import type { Actor, Booking } from '../../src/domain/types';
import { BookingService } from '../../src/services/bookingService';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import { type Snapshot, unbalancedBooks } from '../crash/crashChecks';
import { testNow } from '../support/clock';
import { raceIds, seedOnePersonBooked } from '../support/raceWorld';

const programme = loadProgrammes(['lozere'])[0];
const person: Actor = { kind: 'beneficiary', id: raceIds.person(0) };

async function snapshotOf(stores: Stores): Promise<Snapshot> {
  return {
    bookings: await stores.bookings.list({}),
    slots: await stores.slots.list({}),
    books: await stores.voucherBooks.listByBeneficiary(raceIds.person(0)),
    prescribed: [],
  };
}

/** One person, a one-hour carnet, booked in slot 0 then moved along `moves` (slot indexes, same length). */
async function movedAlong(moves: number[]): Promise<Snapshot> {
  const stores = await openStores({ inMemory: true });
  try {
    const now = testNow();
    let current = await seedOnePersonBooked(stores, now, 'check-test');
    const service = new BookingService(stores);
    for (const [n, slot] of moves.entries()) {
      const moved = await service.move(current.id, raceIds.slot(slot), { requestId: `move-${n}`, programme, actor: person, now });
      assert.equal(moved.outcome, 'moved');
      current = (moved as { booking: Booking }).booking;
    }
    return await snapshotOf(stores);
  } finally {
    await stores.close();
  }
}

describe('the carnet check after a move', () => {
  it('passes a move whose hour was handed over by one transfer', async () => {
    const snapshot = await movedAlong([1]);
    assert.deepEqual(
      snapshot.books[0].ledger.map((e) => e.operation),
      ['issue', 'reserve', 'transfer'],
    );
    assert.deepEqual(unbalancedBooks(snapshot), []);
  });

  it('passes a session moved twice (the hour handed on from the booking that received it)', async () => {
    assert.deepEqual(unbalancedBooks(await movedAlong([1, 2])), []);
  });

  it('still reports a move whose hour stayed with the old booking', async () => {
    const snapshot = await movedAlong([1]);
    const [book] = snapshot.books;
    const old = snapshot.bookings.find((b) => b.settlement === 'moved');
    const moved = snapshot.bookings.find((b) => b.status === 'confirmed');
    assert.ok(old && moved);
    // The hand-over written for some other booking: the old one kept its hour, the new one has none.
    const lost = {
      ...snapshot,
      books: [
        {
          ...book,
          ledger: book.ledger.map((e) =>
            e.operation === 'transfer' ? { ...e, bookingId: 'elsewhere', fromBookingId: 'elsewhere-before' } : e,
          ),
        },
      ],
    };
    assert.deepEqual(
      unbalancedBooks(lost).sort(),
      [
        `carnet ${book.id}: cancelled booking ${old.id} (moved) has ledger reserve`,
        `carnet ${book.id}: confirmed booking ${moved.id} has ledger empty`,
      ].sort(),
    );
  });
});
