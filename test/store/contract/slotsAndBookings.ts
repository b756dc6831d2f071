/** Contract: slots (seats) and bookings (conditional status changes). */
import assert from 'node:assert/strict';
import { DuplicateKeyError } from '../../../src/store/errors';
import type { SlotQuery, Stores } from '../../../src/store/repositories';
import * as f from './fixtures';
import { testNow } from '../../support/clock';

export function slotBookingContract(stores: () => Stores): void {
  const slots = () => stores().slots;
  const bookings = () => stores().bookings;

  describe('slots', () => {
    it('gives back inserted slots as written', async () => {
      const a = f.slot();
      const b = f.slot({ capacity: 1 });
      await slots().insertMany([a, b]);
      assert.deepEqual(await slots().get(a.id), a);
      assert.deepEqual(await slots().get(b.id), b);
      assert.equal(await slots().get('slot-unknown'), undefined);
    });

    it('refuses a batch holding an existing slot id', async () => {
      const a = f.slot();
      await slots().insertMany([a]);
      assert.ok((await f.rejection(slots().insertMany([{ ...a }]))) instanceof DuplicateKeyError);
    });

    it('lists slots by start time, filtered by place, programme, time window and free seats', async () => {
      const nine = f.slot({ placeId: 'p1', start: f.at('2026-03-02T09:00:00Z') });
      const ten = f.slot({ placeId: 'p1', start: f.at('2026-03-02T10:00:00Z'), seatsLeft: 0 });
      const eleven = f.slot({ placeId: 'p2', start: f.at('2026-03-02T11:00:00Z'), programmeId: 'drome' });
      await slots().insertMany([eleven, nine, ten]);
      const ids = async (q: SlotQuery) => (await slots().list(q)).map((s) => s.id);
      assert.deepEqual(await ids({}), [nine.id, ten.id, eleven.id]);
      assert.deepEqual(await ids({ placeId: 'p1' }), [nine.id, ten.id]);
      assert.deepEqual(await ids({ programmeId: 'drome' }), [eleven.id]);
      assert.deepEqual(await ids({ from: ten.start, to: eleven.start }), [ten.id]);
      assert.deepEqual(await ids({ onlyFree: true }), [nine.id, eleven.id]);
      assert.deepEqual(await ids({ limit: 2 }), [nine.id, ten.id]);
      assert.deepEqual(await ids({ placeId: 'p1', latestFirst: true, limit: 1 }), [ten.id]);
      assert.equal(await slots().count({ placeId: 'p1', onlyFree: true }), 1);
      assert.equal(await slots().count(), 3);
    });

    it('takes a seat for a booking: one seat fewer, the booking recorded', async () => {
      const s = f.slot({ capacity: 2 });
      await slots().insertMany([s]);
      assert.equal(await slots().takeSeat(s.id, 'booking-1'), 'taken');
      const after = await slots().get(s.id);
      assert.equal(after?.seatsLeft, 1);
      assert.deepEqual(after?.bookingIds, ['booking-1']);
    });

    it('takes one seat per booking however often it asks', async () => {
      const s = f.slot({ capacity: 2 });
      await slots().insertMany([s]);
      await slots().takeSeat(s.id, 'booking-1');
      assert.equal(await slots().takeSeat(s.id, 'booking-1'), 'already_held');
      assert.equal((await slots().get(s.id))?.seatsLeft, 1);
    });

    it('refuses a seat when the slot is full, and knows no unknown slot', async () => {
      const s = f.slot({ capacity: 1 });
      await slots().insertMany([s]);
      await slots().takeSeat(s.id, 'booking-1');
      assert.equal(await slots().takeSeat(s.id, 'booking-2'), 'full');
      assert.equal(await slots().takeSeat('slot-unknown', 'booking-2'), 'not_found');
    });

    it('releases a held seat once', async () => {
      const s = f.slot({ capacity: 1 });
      await slots().insertMany([s]);
      await slots().takeSeat(s.id, 'booking-1');
      assert.equal(await slots().releaseSeat(s.id, 'booking-1'), 'released');
      assert.deepEqual(await slots().get(s.id), s);
      assert.equal(await slots().releaseSeat(s.id, 'booking-1'), 'not_held');
    });

    it('does not release a seat for a booking that holds none', async () => {
      const s = f.slot({ capacity: 2 });
      await slots().insertMany([s]);
      await slots().takeSeat(s.id, 'booking-1');
      assert.equal(await slots().releaseSeat(s.id, 'booking-2'), 'not_held');
      assert.equal((await slots().get(s.id))?.seatsLeft, 1);
    });
    it('removes only the listed slots that hold no booking', async () => {
      const free = f.slot();
      const booked = f.slot();
      const other = f.slot();
      await slots().insertMany([free, booked, other]);
      assert.equal(await slots().takeSeat(booked.id, 'booking-1'), 'taken');
      assert.equal(await slots().removeUnbooked([free.id, booked.id, 'slot-unknown']), 1);
      assert.equal(await slots().get(free.id), undefined);
      assert.ok(await slots().get(booked.id));
      assert.ok(await slots().get(other.id));
      assert.equal(await slots().removeUnbooked([]), 0);
    });
  });

  describe('bookings', () => {
    it('gives back a booking by id and by request id', async () => {
      const b = f.booking();
      await bookings().insert(b);
      assert.deepEqual(await bookings().get(b.id), b);
      assert.deepEqual(await bookings().getByRequestId(b.requestId), b);
      assert.equal(await bookings().getByRequestId('activity-unknown'), undefined);
    });

    it('refuses a second active booking of the same person in the same slot', async () => {
      const b = f.booking();
      await bookings().insert(b);
      const again = f.booking({ slotId: b.slotId, beneficiaryId: b.beneficiaryId });
      assert.ok((await f.rejection(bookings().insert(again))) instanceof DuplicateKeyError);
    });

    it('refuses a second booking made by the same request', async () => {
      const b = f.booking();
      await bookings().insert(b);
      assert.ok((await f.rejection(bookings().insert(f.booking({ requestId: b.requestId })))) instanceof DuplicateKeyError);
    });

    it('refuses a second booking with the same id', async () => {
      const b = f.booking();
      await bookings().insert(b);
      assert.ok((await f.rejection(bookings().insert(f.booking({ id: b.id })))) instanceof DuplicateKeyError);
    });

    it('moves a booking between statuses only from an allowed one', async () => {
      const b = f.booking();
      await bookings().insert(b);
      const at = new Date(b.updatedAt.getTime() + 60_000);
      const confirmed = await bookings().transition(b.id, ['pending'], 'confirmed', at);
      assert.equal(confirmed?.status, 'confirmed');
      // The caller's clock, not the machine's: the recovery sweep compares it with its own.
      assert.equal(confirmed?.updatedAt.getTime(), at.getTime());
      assert.equal(await bookings().transition(b.id, ['pending'], 'cancelled', testNow()), undefined);
      assert.equal((await bookings().get(b.id))?.status, 'confirmed');
    });

    it('writes the cancellation details along with the status', async () => {
      const b = f.booking({ status: 'confirmed' });
      await bookings().insert(b);
      const cancelledAt = f.at('2026-02-25T08:00:00Z');
      const moved = await bookings().transition(b.id, ['confirmed'], 'cancelling', testNow(), { cancelledAt, settlement: 'release' });
      cancelledAt.setFullYear(2000);
      const stored = await bookings().get(b.id);
      assert.deepEqual(moved, stored);
      assert.equal(stored?.status, 'cancelling');
      assert.deepEqual(stored?.cancelledAt, f.at('2026-02-25T08:00:00Z'));
      assert.equal(stored?.settlement, 'release');
    });

    it('says undefined when moving an unknown booking', async () => {
      assert.equal(await bookings().transition('booking-unknown', ['pending'], 'confirmed', testNow()), undefined);
    });

    it('frees the active key when a booking ends, so the person can book that slot again', async () => {
      const b = f.booking();
      await bookings().insert(b);
      const ended = await bookings().transition(b.id, ['pending'], 'cancelled', testNow(), { activeKey: `${b.activeKey}:${b.id}` });
      assert.equal(ended?.activeKey, `${b.activeKey}:${b.id}`);
      await bookings().insert(f.booking({ slotId: b.slotId, beneficiaryId: b.beneficiaryId }));
      assert.equal((await bookings().list({ slotId: b.slotId })).length, 2);
    });

    it('frees the request key when a booking is abandoned, so the same request can book again', async () => {
      const b = f.booking();
      await bookings().insert(b);
      await bookings().transition(b.id, ['pending'], 'cancelled', testNow(), {
        activeKey: `${b.activeKey}:${b.id}`,
        requestId: `${b.requestId}:undone:${b.id}`,
      });
      assert.equal(await bookings().getByRequestId(b.requestId), undefined);
      assert.equal((await bookings().getByRequestId(`${b.requestId}:undone:${b.id}`))?.id, b.id);
      await bookings().insert(f.booking({ slotId: b.slotId, beneficiaryId: b.beneficiaryId, requestId: b.requestId }));
      assert.equal((await bookings().getByRequestId(b.requestId))?.status, 'pending');
    });

    it('lists bookings by beneficiary, slot, book and statuses', async () => {
      const a = f.booking({ beneficiaryId: 'ben-a', slotId: 's1', voucherBookId: 'vb1' });
      const b = f.booking({ beneficiaryId: 'ben-a', slotId: 's2', status: 'confirmed' });
      const c = f.booking({ beneficiaryId: 'ben-c', slotId: 's1', voucherBookId: 'vb1', status: 'attended' });
      for (const x of [a, b, c]) await bookings().insert(x);
      const ids = async (q: Parameters<Stores['bookings']['list']>[0]) => (await bookings().list(q)).map((x) => x.id).sort();
      assert.deepEqual(await ids({ beneficiaryId: 'ben-a' }), [a.id, b.id].sort());
      assert.deepEqual(await ids({ slotId: 's1' }), [a.id, c.id].sort());
      assert.deepEqual(await ids({ voucherBookId: 'vb1', statuses: ['attended', 'missed'] }), [c.id]);
      assert.deepEqual(await ids({ statuses: ['pending', 'confirmed'] }), [a.id, b.id].sort());
    });

    it("forgets the person's own words on every booking of theirs, and only theirs", async () => {
      const mine = f.booking({ beneficiaryId: 'ben-a', subject: 'ma déclaration PAC', themeId: 'demarches-agricoles' });
      const plain = f.booking({ beneficiaryId: 'ben-a', slotId: 's2' });
      const other = f.booking({ beneficiaryId: 'ben-b', subject: 'mes impôts' });
      for (const x of [mine, plain, other]) await bookings().insert(x);
      assert.equal(await bookings().forgetSubjects('ben-a'), 1);
      const kept = await bookings().get(mine.id);
      assert.equal(kept?.subject, undefined);
      assert.equal(kept?.themeId, 'demarches-agricoles');
      assert.equal((await bookings().get(other.id))?.subject, 'mes impôts');
    });

    it('lists the bookings of one programme', async () => {
      const a = f.booking();
      const b = f.booking({ programmeId: 'drome' });
      for (const x of [a, b]) await bookings().insert(x);
      assert.deepEqual(
        (await bookings().list({ programmeId: 'drome' })).map((x) => x.id),
        [b.id],
      );
    });
  });
}
