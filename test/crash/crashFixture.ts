/**
 * A small store built for contention: a few beneficiaries with carnets of a
 * few hours, and a few future slots of capacity 1 or 2. Many random requests
 * share them, so a good part is refused for lack of seats or hours, and
 * cancellations keep giving seats and hours back.
 *
 * One slot starts within the programme's cancellation notice: cancelling it
 * consumes the hours (late cancellation), the others release them.
 */
import type { Programme } from '../../src/domain/programme';
import type { Actor, Beneficiary, Slot } from '../../src/domain/types';
import { issueVoucherBook } from '../../src/domain/voucherLedger';
import type { Stores } from '../../src/store/repositories';

/** What the worker needs to make valid requests (sent to it as JSON). */
export interface CrashFixture {
  programmeId: string;
  people: { beneficiaryId: string; bookIds: string[] }[];
  slotIds: string[];
  /** Slots starting within the programme's cancellation notice. */
  lateSlotIds: string[];
}

const SEED: Actor = { kind: 'system', id: 'crash-test' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** [first carnet hours, second carnet hours (0: none)] per beneficiary. */
const CARNETS: readonly (readonly [number, number])[] = [
  [3, 2],
  [3, 2],
  [3, 0],
  [3, 0],
  [3, 0],
  [3, 0],
  [2, 0],
  [2, 0],
];

/** [hours from now to the start, duration in hours, capacity]. */
const SLOTS: readonly (readonly [number, number, number])[] = [
  [3, 1, 1], // within the 24 h notice: a cancellation consumes the hour
  [2 * 24, 1, 2],
  [2 * 24 + 2, 2, 1],
  [3 * 24, 1, 2],
  [3 * 24 + 3, 1, 1],
  [4 * 24, 2, 2],
  [5 * 24, 1, 1],
  [6 * 24, 1, 2],
  [7 * 24, 2, 1],
  [8 * 24, 1, 2],
];

/** Writes the programme, people, carnets and slots; returns what the worker needs. */
export async function prepareCrashFixture(stores: Stores, programme: Programme, now: Date): Promise<CrashFixture> {
  await stores.programmes.upsert(programme);
  const fixture: CrashFixture = { programmeId: programme.id, people: [], slotIds: [], lateSlotIds: [] };
  for (const [index, [first, second]] of CARNETS.entries()) {
    const n = index + 1;
    const person: Beneficiary = {
      id: `crash-ben-${n}`,
      programmeId: programme.id,
      firstName: `Prénom${n}`,
      lastName: 'Crash',
      birthDate: '1950-01-01',
      createdAt: now,
      createdBy: SEED,
    };
    await stores.beneficiaries.create(person);
    const bookIds: string[] = [];
    for (const [k, hours] of [first, second].entries()) {
      if (hours === 0) continue;
      const id = `crash-book-${n}-${k + 1}`;
      await stores.voucherBooks.create(
        issueVoucherBook({
          id,
          number: `CRASH-${n}-${k + 1}`,
          programmeId: programme.id,
          beneficiaryId: person.id,
          hours,
          issuedAt: now,
          expiresAt: new Date(now.getTime() + 365 * DAY),
          issuedBy: SEED,
          reason: 'crash test carnet',
        }),
      );
      bookIds.push(id);
    }
    fixture.people.push({ beneficiaryId: person.id, bookIds });
  }
  const slots: Slot[] = SLOTS.map(([fromNowHours, durationHours, capacity], index) => {
    const start = new Date(now.getTime() + fromNowHours * HOUR);
    return {
      id: `crash-slot-${index + 1}`,
      programmeId: programme.id,
      placeId: 'crash-place',
      start,
      end: new Date(start.getTime() + durationHours * HOUR),
      capacity,
      seatsLeft: capacity,
      bookingIds: [],
    };
  });
  await stores.slots.insertMany(slots);
  fixture.slotIds = slots.map((s) => s.id);
  const noticeMs = programme.cancellation.noticeHours.value * HOUR;
  fixture.lateSlotIds = slots.filter((s) => s.start.getTime() - now.getTime() < noticeMs).map((s) => s.id);
  return fixture;
}
