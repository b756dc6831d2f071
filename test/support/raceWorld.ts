/**
 * The world of the seat races (test/reliability/concurrency.test.ts, and
 * twoProcessRace.test.ts across processes): `people` one-hour carnets in
 * Lozère and `slots` one-seat sessions starting in two days, an hour apart.
 */
import { loadProgrammes } from '../../src/data/programmes';
import type { Actor, Slot } from '../../src/domain/types';
import { issueVoucherBook } from '../../src/domain/voucherLedger';
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
