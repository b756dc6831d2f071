/**
 * A small store built for contention: a few beneficiaries with carnets of a
 * few hours, and a few future slots of capacity 1 or 2. Many random requests
 * share them, so a good part is refused for lack of seats or hours, and
 * cancellations keep giving seats and hours back.
 *
 * One slot starts within the programme's cancellation notice: cancelling it
 * consumes the hours (late cancellation), the others release them.
 *
 * Prescriptions happen in a second programme with a per-person limit (the
 * Drôme: 8 chéquiers, 40 hours): two people on file — one 2 chéquiers from
 * the limit, one whose counters were never set (the service counts their
 * chéquiers on the first prescription) — and new people the load creates.
 * The chéquiers prescribed are booked too, at the Drôme's own slots.
 */
import { readCommuneRows } from '../../src/data/communes';
import type { CommuneRow } from '../../src/domain/communes';
import { hoursPerBook, type Programme } from '../../src/domain/programme';
import type { Professional } from '../../src/domain/professional';
import type { Actor, Beneficiary, Slot } from '../../src/domain/types';
import { issueVoucherBook } from '../../src/domain/voucherLedger';
import type { Stores } from '../../src/store/repositories';

/** People and slots of one programme, as the worker books them. */
export interface BookingGroup {
  programmeId: string;
  people: { beneficiaryId: string; bookIds: string[] }[];
  slotIds: string[];
}

/** What the worker needs to prescribe. */
export interface PrescriptionFixture extends BookingGroup {
  prescriber: Professional;
  /** Where the new people live (a commune of the programme). */
  communeInsee: string;
  /** Its row of data/communes.csv: the worker's commune index (parsing the whole file in every life would double the run). */
  communeRows: CommuneRow[];
  /** Carnets written by the fixture (not by a prescription), by person. */
  fixtureBookIds: string[];
}

/** What the worker needs to make valid requests (sent to it as JSON). */
export interface CrashFixture {
  programmeId: string;
  people: { beneficiaryId: string; bookIds: string[] }[];
  slotIds: string[];
  /** Slots starting within the programme's cancellation notice. */
  lateSlotIds: string[];
  prescription: PrescriptionFixture;
}

const SEED: Actor = { kind: 'system', id: 'crash-test' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** [first carnet hours, second carnet hours (0: none)] per beneficiary. */
const VOUCHER_BOOKS: readonly (readonly [number, number])[] = [
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

/** Prescription people on file: [chéquiers already issued, whether their counters are set]. */
const PRESCRIPTION_PEOPLE: readonly (readonly [number, boolean])[] = [
  [6, true],
  [1, false],
];

/** Drôme slots [days from now, capacity], one hour each. */
const PRESCRIPTION_SLOTS: readonly (readonly [number, number])[] = [
  [2, 1],
  [3, 2],
  [4, 1],
];

/** Die, in the Drôme. */
const DIE = '26113';

/** Writes the programmes, people, carnets and slots; returns what the worker needs. */
export async function prepareCrashFixture(
  stores: Stores,
  programmes: { booking: Programme; prescription: Programme },
  now: Date,
): Promise<CrashFixture> {
  const programme = programmes.booking;
  await stores.programmes.upsert(programme);
  const prescription = await preparePrescriptions(stores, programmes.prescription, now);
  const fixture: CrashFixture = { programmeId: programme.id, people: [], slotIds: [], lateSlotIds: [], prescription };
  for (const [index, [first, second]] of VOUCHER_BOOKS.entries()) {
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

async function preparePrescriptions(stores: Stores, programme: Programme, now: Date): Promise<PrescriptionFixture> {
  await stores.programmes.upsert(programme);
  const hours = hoursPerBook(programme);
  const fixture: PrescriptionFixture = {
    programmeId: programme.id,
    people: [],
    slotIds: [],
    communeInsee: DIE,
    communeRows: readCommuneRows().filter((row) => row.insee === DIE),
    fixtureBookIds: [],
    prescriber: {
      id: 'crash-prescriber',
      role: 'prescriber',
      programmeId: programme.id,
      displayName: 'Prescriptrice Crash',
      structure: 'Centre social de Die',
      placeIds: [],
    },
  };
  for (const [index, [issued, counted]] of PRESCRIPTION_PEOPLE.entries()) {
    const id = `crash-rx-ben-${index + 1}`;
    await stores.beneficiaries.create({
      id,
      programmeId: programme.id,
      firstName: `Prescrit${index + 1}`,
      lastName: 'Crash',
      birthDate: '1948-03-02',
      communeInsee: DIE,
      createdAt: now,
      createdBy: SEED,
      ...(counted ? { booksIssued: issued, hoursIssued: issued * hours, prescriptionIds: [] } : {}),
    });
    const bookIds: string[] = [];
    for (let k = 1; k <= issued; k += 1) {
      const book = issueVoucherBook({
        id: `crash-rx-book-${index + 1}-${k}`,
        number: `CRASH-RX${index + 1}-${k}`,
        programmeId: programme.id,
        beneficiaryId: id,
        hours,
        issuedAt: now,
        expiresAt: new Date(now.getTime() + 365 * DAY),
        issuedBy: SEED,
        reason: 'crash test chéquier',
      });
      await stores.voucherBooks.create(book);
      bookIds.push(book.id);
    }
    fixture.people.push({ beneficiaryId: id, bookIds });
    fixture.fixtureBookIds.push(...bookIds);
  }
  const slots: Slot[] = PRESCRIPTION_SLOTS.map(([days, capacity], index) => {
    const start = new Date(now.getTime() + days * DAY + index * HOUR);
    return {
      id: `crash-rx-slot-${index + 1}`,
      programmeId: programme.id,
      placeId: 'crash-rx-place',
      start,
      end: new Date(start.getTime() + HOUR),
      capacity,
      seatsLeft: capacity,
      bookingIds: [],
    };
  });
  await stores.slots.insertMany(slots);
  fixture.slotIds = slots.map((s) => s.id);
  return fixture;
}
