/**
 * Moving a session needs no free hour: the session's own reserved hour goes
 * to the new one in one ledger write (issue 14, fault 7: Gérard on his last
 * hour was told to cancel and book again, which can cost the hour). The move
 * is a saga of single-document writes; a crash may stop it after any of
 * them, and the start-up recovery must then leave one session — the old or
 * the new, never both or none — with its hour reserved, every seat held by
 * a confirmed booking and the carnet's ledger telling the same story.
 */
import assert from 'node:assert/strict';
import { loadProgrammes } from '../../src/data/programmes';
import { ledgerMismatches } from '../../src/domain/ledgerConsistency';
import { isBalanced } from '../../src/domain/voucherLedger';
import type { Actor, Booking } from '../../src/domain/types';
import { BookingService } from '../../src/services/bookingService';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import { testNow } from '../support/clock';
import { raceIds, seedOnePersonBooked } from '../support/raceWorld';

const programme = loadProgrammes(['lozere'])[0];
const person: Actor = { kind: 'beneficiary', id: raceIds.person(0) };

/** One person, one one-hour carnet, booked in slot 0: the carnet has no hour left. */
async function lastHourBooked(): Promise<{ stores: Stores; booking: Booking; now: Date }> {
  const stores = await openStores({ inMemory: true });
  const now = testNow();
  return { stores, booking: await seedOnePersonBooked(stores, now, 'move-test'), now };
}

/** Runs `check` on a fresh last-hour world, closing its store whatever happens. */
async function onLastHour(check: (world: { stores: Stores; booking: Booking; now: Date }) => Promise<void>): Promise<void> {
  const world = await lastHourBooked();
  try {
    await check(world);
  } finally {
    await world.stores.close();
  }
}

const moveRequest = (now: Date, requestId = 'move-1') => ({ requestId, programme, actor: person, now });

/** The store's writes a move makes, counted; the one numbered `crashAt` throws instead of writing (the process died). */
function crashingAt(stores: Stores, crashAt: number): { stores: Stores; writes: () => number } {
  let writes = 0;
  const guard =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      writes += 1;
      if (writes === crashAt) throw new Error('crash');
      return write(...args);
    };
  const crashing: Stores = {
    ...stores,
    bookings: { ...stores.bookings, insert: guard(stores.bookings.insert), transition: guard(stores.bookings.transition) },
    slots: { ...stores.slots, takeSeat: guard(stores.slots.takeSeat), releaseSeat: guard(stores.slots.releaseSeat) },
    voucherBooks: { ...stores.voucherBooks, applyEntry: guard(stores.voucherBooks.applyEntry) },
  };
  return { stores: crashing, writes: () => writes };
}

/** What a person and an auditor would check: one session held, its hour reserved, seats and ledger agreeing. */
async function assertOneSessionHeld(stores: Stores, why: string): Promise<Booking> {
  const bookings = await stores.bookings.list({ beneficiaryId: raceIds.person(0) });
  const confirmed = bookings.filter((b) => b.status === 'confirmed');
  assert.equal(confirmed.length, 1, `${why}: one session held (${bookings.map((b) => b.status).join(', ')})`);
  assert.ok(
    bookings.every((b) => b.status === 'confirmed' || b.status === 'cancelled'),
    `${why}: nothing left half done (${bookings.map((b) => b.status).join(', ')})`,
  );
  const book = await stores.voucherBooks.get(raceIds.book(0));
  assert.ok(book && isBalanced(book), `${why}: carnet balanced`);
  assert.deepEqual([book.hoursLeft, book.hoursReserved], [0, 1], `${why}: the hour still reserved, none given or lost`);
  assert.deepEqual(ledgerMismatches([book], bookings), [], `${why}: ledger and bookings agree`);
  for (let i = 0; i < 3; i += 1) {
    const slot = await stores.slots.get(raceIds.slot(i));
    const holders = confirmed.filter((b) => b.slotId === raceIds.slot(i)).map((b) => b.id);
    assert.deepEqual(slot?.bookingIds, holders, `${why}: seats of slot ${i} held by its confirmed bookings only`);
    assert.equal(slot?.seatsLeft, 1 - holders.length, `${why}: seats left in slot ${i}`);
  }
  return confirmed[0];
}

describe('moving a session on the last hour of a carnet', () => {
  it('moves it: the new session holds the hour the old one had, and the carnet still has none free', () =>
    onLastHour(async ({ stores, booking, now }) => {
      const moved = await new BookingService(stores).move(booking.id, raceIds.slot(1), moveRequest(now));
      assert.equal(moved.outcome, 'moved');
      const held = await assertOneSessionHeld(stores, 'after the move');
      assert.equal(held.slotId, raceIds.slot(1));
      const book = await stores.voucherBooks.get(raceIds.book(0));
      assert.deepEqual(
        book?.ledger.map((e) => e.operation),
        ['issue', 'reserve', 'transfer'],
        'one write hands the hour over: nothing released, nothing reserved anew',
      );
    }));

  it('answers a replayed confirmation with the same move, once', () =>
    onLastHour(async ({ stores, booking, now }) => {
      const service = new BookingService(stores);
      const first = await service.move(booking.id, raceIds.slot(1), moveRequest(now));
      const again = await service.move(booking.id, raceIds.slot(1), moveRequest(now));
      assert.equal(again.outcome, 'moved');
      assert.equal((again as { booking: Booking }).booking.id, (first as { booking: Booking }).booking.id);
      await assertOneSessionHeld(stores, 'after the replay');
    }));

  it('lets only one of a move and a cancellation asked at once end the old session', () =>
    onLastHour(async ({ stores, booking, now }) => {
      const service = new BookingService(stores);
      const [moved, cancelled] = await Promise.all([
        service.move(booking.id, raceIds.slot(1), moveRequest(now)),
        service.cancel(booking.id, programme, person, now),
      ]);
      assert.equal(
        [moved.outcome === 'moved', cancelled.outcome === 'cancelled'].filter(Boolean).length,
        1,
        `${moved.outcome} / ${cancelled.outcome}`,
      );
      const book = await stores.voucherBooks.get(raceIds.book(0));
      const bookings = await stores.bookings.list({ beneficiaryId: raceIds.person(0) });
      assert.ok(book && isBalanced(book));
      assert.deepEqual(ledgerMismatches([book], bookings), []);
      assert.equal(bookings.filter((b) => b.status === 'confirmed').length, moved.outcome === 'moved' ? 1 : 0);
    }));

  it('keeps one session, and its hour, whichever write a crash stops the move at', async () => {
    const { stores: clean, booking, now } = await lastHourBooked();
    const counted = crashingAt(clean, 0);
    await new BookingService(counted.stores).move(booking.id, raceIds.slot(1), moveRequest(now));
    const writes = counted.writes();
    await clean.close();
    assert.ok(writes >= 5, `a move is several writes (${writes})`);

    for (let crashAt = 1; crashAt <= writes; crashAt += 1) {
      const { stores, booking: old, now: at } = await lastHourBooked();
      try {
        const crashing = crashingAt(stores, crashAt);
        await assert.rejects(new BookingService(crashing.stores).move(old.id, raceIds.slot(1), moveRequest(at)), /crash/);
        // The restarted process: its start-up recovery, then the person sends « oui » again.
        await new BookingService(stores).settleInterrupted(at);
        await assertOneSessionHeld(stores, `crash at write ${crashAt} of ${writes}, recovered`);
        const retried = await new BookingService(stores).move(old.id, raceIds.slot(1), moveRequest(at));
        const held = await assertOneSessionHeld(stores, `crash at write ${crashAt}, « oui » sent again (${retried.outcome})`);
        assert.equal(held.slotId, raceIds.slot(1), `crash at write ${crashAt}: the session asked for is the one held`);
      } finally {
        await stores.close();
      }
    }
  });
});
