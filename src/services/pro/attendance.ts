/**
 * A trainer's sessions (today, this week) at their places, and attendance:
 * attended → the reserved hours are consumed; missed → the programme's
 * no-show policy (consume or release). A session that has not started yet
 * cannot be marked. Status moves through the repository's conditional
 * `transition` (confirmed → attended | missed), so a session is marked once
 * even if two people press the button; the ledger entry's operation id is
 * the booking's, so its hours move once too.
 */
import { DateTime } from 'luxon';
import { PARIS_ZONE } from '../../domain/openingHours';
import type { Programme } from '../../domain/programme';
import type { Beneficiary, Booking, LedgerEntry, Place, Slot } from '../../domain/types';
import type { Stores } from '../../store/repositories';
import { actorOf, type ProAccess, type ProContext, type Refused, refused } from './proAccess';

export type BookingRange = 'today' | 'week';

export interface BookingToMark {
  booking: Booking;
  slot: Slot;
  place?: Place;
  beneficiary?: Pick<Beneficiary, 'firstName' | 'lastName'>;
}

export type BookingsToMarkOutcome = Refused | { outcome: 'bookings'; bookings: BookingToMark[]; from: Date; to: Date };

export type AttendanceOutcome =
  | Refused
  | { outcome: 'recorded'; booking: Booking; settlement: 'consume' | 'release' }
  | { outcome: 'future' }
  | { outcome: 'already_marked'; booking: Booking }
  | { outcome: 'not_found' };

/** Statuses a trainer sees in a list: still to mark, or already marked. */
const LISTED = ['confirmed', 'attended', 'missed'] as const;

export function rangeBounds(range: BookingRange, now: Date): { from: Date; to: Date } {
  const paris = DateTime.fromJSDate(now, { zone: PARIS_ZONE });
  const start = range === 'today' ? paris.startOf('day') : paris.startOf('week');
  const end = range === 'today' ? start.plus({ days: 1 }) : start.plus({ weeks: 1 });
  return { from: start.toJSDate(), to: end.toJSDate() };
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

  async bookingsToMark(ctx: ProContext, range: BookingRange, now: Date): Promise<BookingsToMarkOutcome> {
    const pro = ctx.professional;
    const decision = await this.access.check(ctx, 'sessions.view', { kind: 'sessions', id: range, programmeId: pro?.programmeId });
    if (!decision.allowed || !pro) return refused(decision);
    const { from, to } = rangeBounds(range, now);
    // Trainers see their places; a coordinator sees the whole programme.
    const slots =
      pro.role === 'trainer'
        ? (await Promise.all(pro.placeIds.map((placeId) => this.stores.slots.list({ placeId, from, to })))).flat()
        : await this.stores.slots.list({ programmeId: pro.programmeId, from, to });
    const toMark: BookingToMark[] = [];
    for (const slot of slots.filter((s) => s.bookingIds.length > 0 || s.seatsLeft < s.capacity)) {
      const bookings = await this.stores.bookings.list({ slotId: slot.id, statuses: [...LISTED] });
      const place = await this.stores.places.get(slot.placeId);
      for (const booking of bookings) {
        const subject = { kind: 'beneficiary', id: booking.beneficiaryId, programmeId: booking.programmeId };
        // A place listed for a trainer of another programme (registered before that was checked) opens nothing.
        if (booking.programmeId !== pro.programmeId || slot.programmeId !== pro.programmeId) {
          await this.access.record(ctx, 'sessions.view', subject, { outcome: 'refused', reason: 'other_programme', bookingId: booking.id });
          continue;
        }
        const person = await this.stores.beneficiaries.get(booking.beneficiaryId);
        await this.access.record(ctx, 'sessions.view', subject, { bookingId: booking.id });
        toMark.push({ booking, slot, place, beneficiary: person && { firstName: person.firstName, lastName: person.lastName } });
      }
    }
    toMark.sort((a, b) => a.slot.start.getTime() - b.slot.start.getTime());
    return { outcome: 'bookings', bookings: toMark, from, to };
  }

  async record(ctx: ProContext, bookingId: string, attended: boolean, now: Date): Promise<AttendanceOutcome> {
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
    if (!booking || !slot || !programme) return { outcome: 'not_found' };
    if (pro.role === 'trainer' && !pro.placeIds.includes(slot.placeId)) {
      await this.access.record(ctx, 'attendance.record', subject, { outcome: 'refused', reason: 'other_place' });
      return { outcome: 'refused', reason: 'other_place' };
    }
    if (slot.start.getTime() > now.getTime()) return { outcome: 'future' };

    const status = attended ? 'attended' : 'missed';
    const ended = `${booking.slotId}:${booking.beneficiaryId}:ended:${booking.id}`;
    const marked = await this.stores.bookings.transition(booking.id, ['confirmed'], status, now, { activeKey: ended });
    if (!marked) {
      const current = (await this.stores.bookings.get(booking.id)) ?? booking;
      return { outcome: 'already_marked', booking: current };
    }
    const settlement = attended ? 'consume' : programme.cancellation.noShow.value;
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
}
