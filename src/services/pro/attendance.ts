/**
 * A trainer's sessions (today, or the next 7 days with those of the 7
 * days before still to mark) at their places, and
 * attendance: attended → the reserved hours are consumed; missed → the
 * programme's no-show policy (consume or release). A session that has not
 * started yet cannot be marked. Status moves through the repository's
 * conditional `transition` (confirmed → attended | missed), so a session is
 * marked once even if two people press the button; the ledger entry's
 * operation id is the booking's, so its hours move once too. A mark made
 * by mistake can be turned into the other one when that moves no hour
 * (domain/attendanceRules.ts).
 */
import { DateTime } from 'luxon';
import { markCorrection, markSettlement } from '../../domain/attendanceRules';
import { PARIS_ZONE } from '../../domain/openingHours';
import type { Programme } from '../../domain/programme';
import type { Beneficiary, Booking, LedgerEntry, Place, Slot } from '../../domain/types';
import type { Stores } from '../../store/repositories';
import { namedPeople } from './beneficiaryLookup';
import { actorOf, type ProAccess, type ProContext, type Refused, refused } from './proAccess';

export type BookingRange = 'today' | 'week';

export interface BookingToMark {
  booking: Booking;
  slot: Slot;
  place?: Place;
  beneficiary?: Pick<Beneficiary, 'firstName' | 'lastName'>;
}

export type BookingsToMarkOutcome =
  | Refused
  /** `next`: when none is in the range, the first one after it (within NEXT_HORIZON_DAYS). */
  | { outcome: 'bookings'; bookings: BookingToMark[]; from: Date; to: Date; next?: BookingToMark };

export type AttendanceOutcome =
  | Refused
  | { outcome: 'recorded'; booking: Booking; settlement: 'consume' | 'release' }
  | { outcome: 'future' }
  | { outcome: 'already_marked'; booking: Booking }
  | { outcome: 'not_found' };

export type CorrectionOutcome =
  | Refused
  | { outcome: 'corrected'; booking: Booking; settlement: 'consume' | 'release' }
  /** The first mark already moved the hours the other way: the coordination corrects it. */
  | { outcome: 'hours_moved'; booking: Booking; settlement: 'consume' | 'release' }
  /** Already marked so (nothing to correct). */
  | { outcome: 'unchanged'; booking: Booking }
  /** Not marked yet (or cancelled): nothing to correct. */
  | { outcome: 'not_marked'; booking: Booking }
  | { outcome: 'not_found' };

/** How far ahead the next session is looked for when the range holds none. */
const NEXT_HORIZON_DAYS = 90;
/** « Séances de la semaine »: today and the days after it, whatever the day of the week (a Monday's session is seen on Thursday). */
export const WEEK_DAYS = 7;

/** Statuses a trainer sees in a list: still to mark, or already marked. */
const LISTED = ['confirmed', 'attended', 'missed'] as const;

export function rangeBounds(range: BookingRange, now: Date): { from: Date; to: Date } {
  const paris = DateTime.fromJSDate(now, { zone: PARIS_ZONE });
  const start = paris.startOf('day');
  const end = start.plus({ days: range === 'today' ? 1 : WEEK_DAYS });
  return { from: start.toJSDate(), to: end.toJSDate() };
}

/** One Paris calendar day. */
function dayBounds(day: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(day, { zone: PARIS_ZONE }).startOf('day');
  return { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
}

/** Whose sessions are asked for: people by a name (typo-tolerant), or the one carnet that pays them. */
type Who = { name: string } | { voucherBookId: string };

/** A booking a professional may see, with its person, before it is shown. */
interface Booked {
  booking: Booking;
  slot: Slot;
  place?: Place;
  person?: Beneficiary;
}

/** Told after a session is marked attended or missed (prescriber alerts follow it). */
export type AttendanceListener = (booking: Booking, now: Date) => Promise<void>;

export class AttendanceService {
  private readonly listeners: AttendanceListener[] = [];

  /** Listeners run after the mark and its hours are stored, and handle their own errors. */
  onRecorded(listener: AttendanceListener): void {
    this.listeners.push(listener);
  }

  constructor(
    private readonly stores: Stores,
    private readonly access: ProAccess,
    private readonly programmes: readonly Programme[],
  ) {}

  /**
   * The sessions in the range; with `person`, only those of people by that
   * name (typo-tolerant); with `day` (a Paris date, yyyy-MM-dd: « hier »),
   * that day's instead of the range's.
   */
  async bookingsToMark(
    ctx: ProContext,
    range: BookingRange,
    now: Date,
    person?: string,
    day?: string,
    voucherBookNumber?: string,
    /** The mark just made from this list: kept in it (with its correction) though marked, a day before. */
    justMarkedId?: string,
  ): Promise<BookingsToMarkOutcome> {
    const pro = ctx.professional;
    const decision = await this.access.check(ctx, 'sessions.view', { kind: 'sessions', id: day ?? range, programmeId: pro?.programmeId });
    if (!decision.allowed || !pro) return refused(decision);
    const { from, to } = day ? dayBounds(day) : rangeBounds(range, now);
    // A carnet number typed (« LOZ-BRGS-K7J »): the sessions paid by that carnet only; one nobody knows, none.
    const book = voucherBookNumber ? await this.stores.voucherBooks.getByNumber(voucherBookNumber) : undefined;
    const who: Who | undefined = voucherBookNumber ? { voucherBookId: book?.id ?? '' } : person ? { name: person } : undefined;
    // The week looks ahead; a session of the days before still to mark stays in it, so it is never lost;
    // one person's, marked already too: « odette n'est pas venue » after a mark is its correction, not « nobody ».
    const earlier =
      range === 'week' && !day
        ? (await this.booked(ctx, DateTime.fromJSDate(from).minus({ days: WEEK_DAYS }).toJSDate(), from, who, Infinity, LISTED)).filter(
            (b) => who || b.booking.status === 'confirmed' || b.booking.id === justMarkedId,
          )
        : [];
    const bookings = await this.shown(ctx, [...earlier, ...(await this.booked(ctx, from, to, who))], who);
    if (bookings.length > 0) return { outcome: 'bookings', bookings, from, to };
    const next = await this.nextAfter(ctx, to, who);
    return { outcome: 'bookings', bookings, from, to, ...(next ? { next } : {}) };
  }

  /** « mes lieux »: the places a trainer works at, as registered (their sessions are set by the coordination). */
  async trainerPlaces(ctx: ProContext): Promise<Place[]> {
    const pro = ctx.professional;
    if (!pro || pro.role !== 'trainer') return [];
    const places = await Promise.all(pro.placeIds.map((id) => this.stores.places.get(id)));
    return places.filter((place): place is Place => !!place && place.programmes.some((p) => p.programmeId === pro.programmeId));
  }

  /** The first booking after `after`, a week at a time (a programme's sessions over months are many), up to the horizon. */
  private async nextAfter(ctx: ProContext, after: Date, person?: Who): Promise<BookingToMark | undefined> {
    const start = DateTime.fromJSDate(after);
    for (let days = 0; days < NEXT_HORIZON_DAYS; days += WEEK_DAYS) {
      const from = start.plus({ days }).toJSDate();
      const to = start.plus({ days: Math.min(days + WEEK_DAYS, NEXT_HORIZON_DAYS) }).toJSDate();
      const [next] = await this.shown(ctx, await this.booked(ctx, from, to, person, 1), person, 1);
      if (next) return next;
    }
    return undefined;
  }

  /**
   * The bookings of sessions starting in [from, to) that this professional
   * sees, first first (up to `limit` when no name is asked: with one, all
   * are read, to match it against everyone booked). Not accessed yet: see `shown`.
   */
  private async booked(
    ctx: ProContext,
    from: Date,
    to: Date,
    person?: Who,
    limit = Infinity,
    statuses: readonly Booking['status'][] = LISTED,
  ): Promise<Booked[]> {
    const pro = ctx.professional!;
    // Trainers see their places; a coordinator sees the whole programme.
    const slots =
      pro.role === 'trainer'
        ? (await Promise.all(pro.placeIds.map((placeId) => this.stores.slots.list({ placeId, from, to })))).flat()
        : await this.stores.slots.list({ programmeId: pro.programmeId, from, to });
    slots.sort((a, b) => a.start.getTime() - b.start.getTime());
    const found: Booked[] = [];
    for (const slot of slots.filter((s) => s.bookingIds.length > 0 || s.seatsLeft < s.capacity)) {
      if (!person && found.length >= limit) break;
      const bookings = await this.stores.bookings.list({ slotId: slot.id, statuses: [...statuses] });
      const place = await this.stores.places.get(slot.placeId);
      for (const booking of bookings) {
        if (!person && found.length >= limit) break;
        // A place listed for a trainer of another programme (registered before that was checked) opens nothing.
        if (booking.programmeId !== pro.programmeId || slot.programmeId !== pro.programmeId) {
          const subject = { kind: 'beneficiary', id: booking.beneficiaryId, programmeId: booking.programmeId };
          await this.access.record(ctx, 'sessions.view', subject, { outcome: 'refused', reason: 'other_programme', bookingId: booking.id });
          continue;
        }
        found.push({ booking, slot, place, person: await this.stores.beneficiaries.get(booking.beneficiaryId) });
      }
    }
    return found;
  }

  /**
   * The bookings shown, up to `limit`: all, or those of the person asked
   * for, the name matched against everyone booked (« josette » is Josette,
   * not Odette a letter away); each shown one is an audited access.
   */
  private async shown(ctx: ProContext, found: readonly Booked[], person?: Who, limit = Infinity): Promise<BookingToMark[]> {
    const named =
      person && 'name' in person
        ? new Set(
            namedPeople(
              found.flatMap((f) => (f.person ? [f.person] : [])),
              person.name,
            ),
          )
        : undefined;
    const paidBy = person && 'voucherBookId' in person ? person.voucherBookId : undefined;
    const toMark: BookingToMark[] = [];
    for (const { booking, slot, place, person: beneficiary } of found) {
      // Only those shown are accessed: none past the limit, nor someone else than the person asked for.
      if (toMark.length >= limit) break;
      if (named && !(beneficiary && named.has(beneficiary))) continue;
      if (paidBy !== undefined && booking.voucherBookId !== paidBy) continue;
      const subject = { kind: 'beneficiary', id: booking.beneficiaryId, programmeId: booking.programmeId };
      await this.access.record(ctx, 'sessions.view', subject, { bookingId: booking.id });
      toMark.push({
        booking,
        slot,
        place,
        beneficiary: beneficiary && { firstName: beneficiary.firstName, lastName: beneficiary.lastName },
      });
    }
    return toMark;
  }

  async record(ctx: ProContext, bookingId: string, attended: boolean, now: Date): Promise<AttendanceOutcome> {
    const found = await this.markable(ctx, bookingId);
    if (found.outcome !== 'markable') return found;
    const { booking, slot, programme, subject, pro } = found;
    if (slot.start.getTime() > now.getTime()) return { outcome: 'future' };

    const status = attended ? 'attended' : 'missed';
    const ended = `${booking.slotId}:${booking.beneficiaryId}:ended:${booking.id}`;
    const marked = await this.stores.bookings.transition(booking.id, ['confirmed'], status, now, { activeKey: ended });
    if (!marked) {
      const current = (await this.stores.bookings.get(booking.id)) ?? booking;
      return { outcome: 'already_marked', booking: current };
    }
    const settlement = markSettlement(attended, programme);
    const entry: LedgerEntry = {
      // The same ids as the booking saga's: a booking's hours move once, whoever moves them.
      operationId: `${settlement}:${booking.id}`,
      operation: settlement,
      hours: booking.hours,
      at: now,
      by: actorOf(pro),
      reason: `${status} ${booking.id}`,
      bookingId: booking.id,
    };
    await this.stores.voucherBooks.applyEntry(booking.voucherBookId, entry);
    await this.access.record(ctx, `booking.${status}`, subject, { bookingId: booking.id, settlement });
    for (const listener of this.listeners) await listener(marked, now);
    return { outcome: 'recorded', booking: marked, settlement };
  }

  /**
   * A mark made by mistake, turned into the other one (« elle était là, je
   * me suis trompée »). Only when it moves no hour: the booking's status
   * changes in one conditional write, the ledger keeps its one entry.
   */
  async correct(ctx: ProContext, bookingId: string, attended: boolean, now: Date): Promise<CorrectionOutcome> {
    const found = await this.markable(ctx, bookingId);
    if (found.outcome !== 'markable') return found;
    const { booking, programme, subject } = found;
    const status = attended ? 'attended' : 'missed';
    if (booking.status === status) return { outcome: 'unchanged', booking };
    if (booking.status !== 'attended' && booking.status !== 'missed') return { outcome: 'not_marked', booking };
    const correction = markCorrection(booking.status === 'attended', attended, programme);
    if (correction.kind === 'hours_moved') return { outcome: 'hours_moved', booking, settlement: correction.settlement };
    const corrected = await this.stores.bookings.transition(booking.id, [booking.status], status, now);
    if (!corrected) {
      // Changed meanwhile (the other button, another trainer): say how it stands now.
      const current = (await this.stores.bookings.get(booking.id)) ?? booking;
      return current.status === status ? { outcome: 'unchanged', booking: current } : { outcome: 'not_marked', booking: current };
    }
    await this.access.record(ctx, `booking.${status}`, subject, {
      bookingId: booking.id,
      settlement: correction.settlement,
      correctedFrom: booking.status,
    });
    for (const listener of this.listeners) await listener(corrected, now);
    return { outcome: 'corrected', booking: corrected, settlement: correction.settlement };
  }

  /** The booking, its session and programme, once the professional may mark it (their place, their programme). */
  private async markable(ctx: ProContext, bookingId: string) {
    const booking = await this.stores.bookings.get(bookingId);
    const subject = {
      kind: 'beneficiary',
      id: booking?.beneficiaryId ?? 'none',
      programmeId: booking?.programmeId ?? ctx.professional?.programmeId,
    };
    const decision = await this.access.check(ctx, 'attendance.record', subject);
    if (!decision.allowed || !ctx.professional) return refused(decision);
    const pro = ctx.professional;
    const slot = booking && (await this.stores.slots.get(booking.slotId));
    const programme = this.programmes.find((p) => p.id === booking?.programmeId);
    if (!booking || !slot || !programme) return { outcome: 'not_found' as const };
    if (pro.role === 'trainer' && !pro.placeIds.includes(slot.placeId)) {
      await this.access.record(ctx, 'attendance.record', subject, { outcome: 'refused', reason: 'other_place' });
      return { outcome: 'refused' as const, reason: 'other_place' as const };
    }
    return { outcome: 'markable' as const, booking, slot, programme, subject, pro };
  }
}
