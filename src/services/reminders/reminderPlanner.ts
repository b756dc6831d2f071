/**
 * Decides which proactive messages are due, and when, and writes them to
 * the outbox. Every plan is idempotent (ids say what a message is about):
 * `follow` after a booking, a move or a cancellation puts the reminder and
 * the after-session question where the booking now says, or cancels them,
 * and queues the confirmation; `planExpiryAlerts` (daily) adds the carnet
 * alerts.
 */
import { DateTime } from 'luxon';
import { daysBeforeAt, NO_LEASE, type OutboxMessage, outboxIds, ZONE } from '../../domain/outbox';
import type { Programme } from '../../domain/programme';
import type { Booking } from '../../domain/types';
import type { Stores } from '../../store/repositories';
import type { BookingChange } from '../bookingService';

export class ReminderPlanner {
  constructor(
    private readonly stores: Stores,
    private readonly programmes: Programme[],
  ) {}

  private programme(id: string): Programme | undefined {
    return this.programmes.find((p) => p.id === id);
  }

  /** What a booking change asks for: its reminders follow it; a change someone asked for is confirmed. */
  async follow(change: BookingChange): Promise<void> {
    await this.syncBooking(change.booking, change.now);
    if (change.request) await this.planConfirmation(change.booking, change.request, change.now);
  }

  /**
   * The confirmation goes at once (quiet hours apply) on the person's
   * channel. When the person made the change themselves, the reply in that
   * conversation already confirmed it: the message goes only to another
   * channel they agreed to (their phone, after booking on the web page).
   */
  private async planConfirmation(booking: Booking, request: NonNullable<BookingChange['request']>, now: Date): Promise<void> {
    const byThePerson = request.actor.kind === 'beneficiary';
    await this.stores.outbox.add({
      ...newMessage({
        id: outboxIds.confirmation(booking.id, request.event),
        kind: 'confirmation',
        programmeId: booking.programmeId,
        beneficiaryId: booking.beneficiaryId,
        bookingId: booking.id,
        dueAt: now,
        now,
      }),
      event: request.event,
      ...(byThePerson && request.channelId ? { skipChannelId: request.channelId } : {}),
    });
  }

  /** Reminder and feedback of one booking follow its status and its slot. */
  async syncBooking(booking: Booking, now: Date): Promise<void> {
    const programme = this.programme(booking.programmeId);
    const slot = await this.stores.slots.get(booking.slotId);
    const reminderId = outboxIds.reminder(booking.id);
    const feedbackId = outboxIds.feedback(booking.id);
    if (!programme || !slot || booking.status !== 'confirmed') {
      await this.stores.outbox.cancel(reminderId, 'booking_ended', now);
      await this.stores.outbox.cancel(feedbackId, 'booking_ended', now);
      return;
    }
    const settings = programme.reminders;
    const reminderAt = daysBeforeAt(slot.start, settings.daysBefore.value, settings.hour.value);
    // Booked later than the reminder time: the booking's own confirmation is the reminder.
    if (reminderAt.getTime() > now.getTime()) await this.place(reminderId, 'reminder', booking, reminderAt, now);
    else await this.stores.outbox.cancel(reminderId, 'too_late', now);
    const afterHours = settings.feedbackAfterHours?.value;
    if (afterHours !== undefined) {
      await this.place(feedbackId, 'feedback', booking, new Date(slot.end.getTime() + afterHours * 3_600_000), now);
    }
  }

  private async place(id: string, kind: 'reminder' | 'feedback', booking: Booking, dueAt: Date, now: Date): Promise<void> {
    const existing = await this.stores.outbox.get(id);
    if (existing) {
      if (existing.status === 'pending' && existing.dueAt.getTime() !== dueAt.getTime()) {
        await this.stores.outbox.reschedule(id, dueAt, now);
      }
      return;
    }
    await this.stores.outbox.add(
      newMessage({ id, kind, programmeId: booking.programmeId, beneficiaryId: booking.beneficiaryId, bookingId: booking.id, dueAt, now }),
    );
  }

  /**
   * Alerts before carnets with hours left expire (each programme's days,
   * e.g. 30 and 15), at the reminder hour. An alert day already past is
   * skipped, except the last one while the carnet is still valid.
   */
  async planExpiryAlerts(now: Date): Promise<number> {
    const longest = Math.max(0, ...this.programmes.flatMap((p) => p.reminders.expiryAlertDays.value));
    const horizon = DateTime.fromJSDate(now, { zone: ZONE })
      .plus({ days: longest + 2 })
      .toJSDate();
    const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day').toJSDate();
    let added = 0;
    for (const book of await this.stores.voucherBooks.listExpiring(horizon)) {
      const programme = this.programme(book.programmeId);
      if (!programme || book.status !== 'active' || book.hoursLeft <= 0 || book.expiresAt.getTime() <= now.getTime()) continue;
      const days = [...programme.reminders.expiryAlertDays.value].sort((a, b) => b - a);
      for (const [index, daysBefore] of days.entries()) {
        const dueAt = daysBeforeAt(book.expiresAt, daysBefore, programme.reminders.hour.value);
        const last = index === days.length - 1;
        if (dueAt.getTime() < today.getTime() && !last) continue;
        const message = newMessage({
          id: outboxIds.expiry(book.id, daysBefore),
          kind: 'expiry',
          programmeId: book.programmeId,
          beneficiaryId: book.beneficiaryId,
          voucherBookId: book.id,
          dueAt: dueAt.getTime() < now.getTime() ? now : dueAt,
          now,
        });
        if (await this.stores.outbox.add(message)) added += 1;
      }
    }
    return added;
  }
}

export function newMessage(
  fields: Pick<OutboxMessage, 'id' | 'kind' | 'programmeId' | 'beneficiaryId' | 'dueAt'> & {
    bookingId?: string;
    voucherBookId?: string;
    now: Date;
  },
): OutboxMessage {
  const { now, ...rest } = fields;
  return { ...rest, status: 'pending', attempts: 0, nextAttemptAt: fields.dueAt, leaseUntil: NO_LEASE, createdAt: now, updatedAt: now };
}
