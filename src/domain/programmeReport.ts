/**
 * A programme's figures over a period, computed from the voucher ledger
 * alone (every hour moved is a ledger entry), so they can be rebuilt and
 * checked: beneficiaries and carnets prescribed, hours reserved, consumed,
 * released and expired, no-show rate, the 1–5 answers to "Comment s'est
 * passée votre séance ?"; in total, by theme, by place, by
 * prescribing structure and by month (Paris time). The reconciliation
 * checks, for the carnets prescribed in the period, that the hours
 * prescribed equal left + reserved + consumed + expired, and that every
 * carnet's stored balance is what its ledger says. A beneficiary counts in
 * every row where one of their carnets moved an hour (or was prescribed).
 * Pure.
 */
import { DateTime } from 'luxon';
import { PARIS_ZONE } from './openingHours';
import type { Booking, LedgerEntry, Slot, VoucherBook } from './types';
import { balanceFromLedger, isBalanced } from './voucherLedger';

/** What a dimension's value is when the data does not say (a booking made without a subject). */
export const NOT_GIVEN = '';

export interface Tally {
  beneficiaries: number;
  books: number;
  hoursPrescribed: number;
  hoursReserved: number;
  hoursConsumed: number;
  hoursReleased: number;
  hoursExpired: number;
  /** Sessions held in the period (slot start), by their outcome. */
  attended: number;
  missed: number;
  /** Sessions cancelled by the person in the period (the day it was asked), whatever became of their hours. */
  cancelled: number;
  /** missed / (attended + missed), or undefined without a session held. */
  noShowRate?: number;
  /** Answers to the after-session question for sessions held in the period, and their mean (1–5). */
  ratings: number;
  averageRating?: number;
}

export interface ReportRow extends Tally {
  /** The theme, place name, structure or month (YYYY-MM); NOT_GIVEN when unknown. */
  key: string;
}

export interface Reconciliation {
  ok: boolean;
  books: number;
  hoursPrescribed: number;
  hoursLeft: number;
  hoursReserved: number;
  hoursConsumed: number;
  hoursExpired: number;
  /** Ids of carnets whose buckets do not add up or differ from their ledger. */
  unbalancedBookIds: string[];
}

/**
 * The hours consumed in the period, by what consumed them: a session
 * attended, a no-show or a late cancellation (when the programme counts
 * them), or no session known to the assistant (hours used before it, as the
 * demo's past sessions). Without it « 4 h consommées » next to « 0 séance
 * honorée » reads as an error.
 */
export interface ConsumedHours {
  attended: number;
  missed: number;
  lateCancelled: number;
  withoutSession: number;
}

export interface ProgrammeReport {
  programmeId: string;
  /** Paris calendar dates, inclusive. */
  from: string;
  to: string;
  totals: Tally;
  consumedFor: ConsumedHours;
  byTheme: ReportRow[];
  byPlace: ReportRow[];
  byStructure: ReportRow[];
  byMonth: ReportRow[];
  reconciliation: Reconciliation;
}

export interface ReportInput {
  programmeId: string;
  from: string;
  to: string;
  books: readonly VoucherBook[];
  bookings: readonly Booking[];
  slots: readonly Slot[];
  /** Place id → display name. */
  placeNames: ReadonlyMap<string, string>;
  /** The after-session answers (from the outbox), by booking. */
  ratings?: readonly { bookingId: string; rating: number }[];
}

/** A tally while counting: who was counted (not how many), and the sum of the ratings for their mean. */
type Counter = Omit<Tally, 'beneficiaries' | 'noShowRate' | 'averageRating'> & { beneficiaries: Set<string>; ratingSum: number };

const newCounter = (): Counter => ({
  beneficiaries: new Set(),
  books: 0,
  hoursPrescribed: 0,
  hoursReserved: 0,
  hoursConsumed: 0,
  hoursReleased: 0,
  hoursExpired: 0,
  attended: 0,
  missed: 0,
  cancelled: 0,
  ratings: 0,
  ratingSum: 0,
});

function toTally({ beneficiaries, ratingSum, ...counts }: Counter): Tally {
  const held = counts.attended + counts.missed;
  return {
    ...counts,
    beneficiaries: beneficiaries.size,
    ...(held > 0 ? { noShowRate: counts.missed / held } : {}),
    ...(counts.ratings > 0 ? { averageRating: ratingSum / counts.ratings } : {}),
  };
}

class Dimension {
  private readonly counters = new Map<string, Counter>();
  get(key: string | undefined): Counter {
    const k = key ?? NOT_GIVEN;
    let c = this.counters.get(k);
    if (!c) this.counters.set(k, (c = newCounter()));
    return c;
  }
  rows(order: 'key' | 'hours'): ReportRow[] {
    const rows = [...this.counters].map(([key, c]) => ({ key, ...toTally(c) }));
    return order === 'key'
      ? rows.sort((a, b) => a.key.localeCompare(b.key))
      : rows.sort((a, b) => b.hoursConsumed + b.hoursReserved - (a.hoursConsumed + a.hoursReserved) || a.key.localeCompare(b.key, 'fr'));
  }
}

const BUCKET: Partial<Record<LedgerEntry['operation'], keyof Counter>> = {
  reserve: 'hoursReserved',
  consume: 'hoursConsumed',
  release: 'hoursReleased',
  expire: 'hoursExpired',
};

/** What consumed an hour, from its booking's outcome. */
function consumedBy(booking: Booking | undefined): keyof ConsumedHours {
  if (booking?.status === 'missed') return 'missed';
  if (booking?.status === 'cancelled') return 'lateCancelled';
  return booking ? 'attended' : 'withoutSession';
}

function parisDay(at: Date): string {
  return DateTime.fromJSDate(at, { zone: PARIS_ZONE }).toISODate() as string;
}

export function computeReport(input: ReportInput): ProgrammeReport {
  const inPeriod = (at: Date) => {
    const day = parisDay(at);
    return day >= input.from && day <= input.to;
  };
  const bookingsById = new Map(input.bookings.map((b) => [b.id, b]));
  const booksById = new Map(input.books.map((b) => [b.id, b]));
  const slotsById = new Map(input.slots.map((s) => [s.id, s]));
  const themeOf = (booking: Booking | undefined) => booking?.themeId;
  const placeOf = (booking: Booking | undefined) => {
    const placeId = booking ? slotsById.get(booking.slotId)?.placeId : undefined;
    return placeId ? (input.placeNames.get(placeId) ?? placeId) : undefined;
  };

  const total = newCounter();
  const consumedFor: ConsumedHours = { attended: 0, missed: 0, lateCancelled: 0, withoutSession: 0 };
  const byTheme = new Dimension();
  const byPlace = new Dimension();
  const byStructure = new Dimension();
  const byMonth = new Dimension();

  for (const book of input.books) {
    if (book.programmeId !== input.programmeId) continue;
    for (const entry of book.ledger) {
      if (!inPeriod(entry.at)) continue;
      const month = parisDay(entry.at).slice(0, 7);
      const booking = entry.bookingId ? bookingsById.get(entry.bookingId) : undefined;
      const counters = [total, byStructure.get(book.structure), byMonth.get(month)];
      if (entry.operation === 'issue') {
        for (const c of counters) {
          c.books += 1;
          c.hoursPrescribed += entry.hours;
          c.beneficiaries.add(book.beneficiaryId);
        }
        continue;
      }
      // Every hour moved counts for a theme and a place too (« non renseigné » when no session
      // says which), so each grouping adds up to the totals, and so does each person.
      const bucket = BUCKET[entry.operation];
      // A transfer hands a reservation to the booking that replaced the first (a move): no hour moves.
      if (!bucket) continue;
      counters.push(byTheme.get(themeOf(booking)), byPlace.get(placeOf(booking)));
      if (entry.operation === 'consume') consumedFor[consumedBy(booking)] += entry.hours;
      for (const c of counters) {
        (c[bucket] as number) += entry.hours;
        c.beneficiaries.add(book.beneficiaryId);
      }
    }
  }

  /** The counters a session counts in when `at` (by default its slot start) is in the period; none outside it. */
  const bookingCounters = (booking: Booking | undefined, at?: Date): Counter[] => {
    if (!booking || booking.programmeId !== input.programmeId) return [];
    const start = slotsById.get(booking.slotId)?.start ?? booking.createdAt;
    if (!inPeriod(at ?? start)) return [];
    const book = booksById.get(booking.voucherBookId);
    return [
      total,
      byTheme.get(themeOf(booking)),
      byPlace.get(placeOf(booking)),
      byStructure.get(book?.structure),
      byMonth.get(parisDay(start).slice(0, 7)),
    ];
  };

  // No-shows: sessions held in the period, attended or missed.
  for (const booking of input.bookings) {
    if (booking.status !== 'attended' && booking.status !== 'missed') continue;
    for (const c of bookingCounters(booking)) c[booking.status] += 1;
  }
  // « combien de séances annulées ? »: cancellations made in the period, as the hours they released are
  // (a session cancelled today for next Monday counted nowhere, while « Heures libérées » showed its hour).
  // A move is no cancellation: its hours went on.
  for (const booking of input.bookings) {
    if (booking.status !== 'cancelled' || booking.settlement === 'moved') continue;
    for (const c of bookingCounters(booking, booking.cancelledAt ?? booking.updatedAt)) c.cancelled += 1;
  }

  // How the sessions went, in the people's words (1–5).
  for (const { bookingId, rating } of input.ratings ?? []) {
    for (const c of bookingCounters(bookingsById.get(bookingId))) {
      c.ratings += 1;
      c.ratingSum += rating;
    }
  }

  return {
    programmeId: input.programmeId,
    from: input.from,
    to: input.to,
    totals: toTally(total),
    consumedFor,
    byTheme: byTheme.rows('hours'),
    byPlace: byPlace.rows('hours'),
    byStructure: byStructure.rows('hours'),
    byMonth: byMonth.rows('key'),
    reconciliation: reconcile(input),
  };
}

/** The carnets prescribed in the period, as they stand now, must add up. */
export function reconcile(input: Pick<ReportInput, 'programmeId' | 'from' | 'to' | 'books'>): Reconciliation {
  const r: Reconciliation = {
    ok: true,
    books: 0,
    hoursPrescribed: 0,
    hoursLeft: 0,
    hoursReserved: 0,
    hoursConsumed: 0,
    hoursExpired: 0,
    unbalancedBookIds: [],
  };
  for (const book of input.books) {
    if (book.programmeId !== input.programmeId) continue;
    const issued = parisDay(book.issuedAt);
    if (issued < input.from || issued > input.to) continue;
    r.books += 1;
    r.hoursPrescribed += book.hoursTotal;
    r.hoursLeft += book.hoursLeft;
    r.hoursReserved += book.hoursReserved;
    r.hoursConsumed += book.hoursConsumed;
    r.hoursExpired += book.hoursExpired;
    const rebuilt = balanceFromLedger(book.ledger);
    const matches =
      rebuilt.hoursTotal === book.hoursTotal &&
      rebuilt.hoursLeft === book.hoursLeft &&
      rebuilt.hoursReserved === book.hoursReserved &&
      rebuilt.hoursConsumed === book.hoursConsumed &&
      rebuilt.hoursExpired === book.hoursExpired;
    if (!matches || !isBalanced(book)) r.unbalancedBookIds.push(book.id);
  }
  r.ok = r.unbalancedBookIds.length === 0 && r.hoursPrescribed === r.hoursLeft + r.hoursReserved + r.hoursConsumed + r.hoursExpired;
  return r;
}
