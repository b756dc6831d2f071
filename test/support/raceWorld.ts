/**
 * The world of the seat races (test/reliability/concurrency.test.ts, and
 * twoProcessRace.test.ts across processes): `people` one-hour carnets in
 * Lozère and `slots` one-seat sessions starting in two days, an hour apart.
 */
import { loadProgrammes } from '../../src/data/programmes';
import assert from 'node:assert/strict';
import type { Actor, Booking, Slot } from '../../src/domain/types';
import { issueVoucherBook } from '../../src/domain/voucherLedger';
import { BookingService } from '../../src/services/bookingService';
import type { Stores } from '../../src/store/repositories';

const HOUR = 3_600_000;

export const raceIds = {
  person: (n: number) => `race-ben-${n}`,
  book: (n: number) => `race-book-${n}`,
  slot: (i: number) => `race-slot-${i}`,
};

export async function seedRaceWorld(stores: Stores, options: { now: Date; people: number; slots: number; actor: Actor }): Promise<void> {
  const { now, actor } = options;
  const programme = loadProgrammes(['lozere'])[0];
  await stores.programmes.upsert(programme);
  for (let n = 0; n < options.people; n += 1) {
    await stores.beneficiaries.create({
      id: raceIds.person(n),
      programmeId: programme.id,
      firstName: `Prénom${n}`,
      lastName: 'Course',
      birthDate: '1950-01-01',
      createdAt: now,
      createdBy: actor,
    });
    await stores.voucherBooks.create(
      issueVoucherBook({
        id: raceIds.book(n),
        number: `RACE-${n}`,
        programmeId: programme.id,
        beneficiaryId: raceIds.person(n),
        hours: 1,
        issuedAt: now,
        expiresAt: new Date(now.getTime() + 365 * 24 * HOUR),
        issuedBy: actor,
        reason: 'seat race carnet',
      }),
    );
  }
  const slots: Slot[] = Array.from({ length: options.slots }, (_, i) => {
    const start = new Date(now.getTime() + (48 + i) * HOUR);
    return {
      id: raceIds.slot(i),
      programmeId: programme.id,
      placeId: 'race-place',
      start,
      end: new Date(start.getTime() + HOUR),
      capacity: 1,
      seatsLeft: 1,
      bookingIds: [],
    };
  });
  await stores.slots.insertMany(slots);
}

/**
 * A race world of one person and three sessions, the person booked in slot
 * 0 by themselves: their one-hour carnet has no hour free (the move tests).
 */
export async function seedOnePersonBooked(stores: Stores, now: Date, actorId: string): Promise<Booking> {
  await seedRaceWorld(stores, { now, people: 1, slots: 3, actor: { kind: 'system', id: actorId } });
  const booked = await new BookingService(stores).book({
    requestId: 'book-0',
    beneficiaryId: raceIds.person(0),
    slotId: raceIds.slot(0),
    actor: { kind: 'beneficiary', id: raceIds.person(0) },
    now,
  });
  assert.equal(booked.outcome, 'booked');
  return (booked as { booking: Booking }).booking;
}
