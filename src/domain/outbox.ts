/**
 * Messages the assistant writes first (issue #10), as data: what is due,
 * for whom, and the timing rules. Pure: no I/O, the clock is a parameter.
 *
 * Times are computed in Europe/Paris with luxon (the project's date
 * library), so "two days before at 9:00" stays 9:00 across the change to
 * and from summer time.
 */
import { DateTime } from 'luxon';
import { publicHolidayOn } from './holidays';

/** What a person is told about a booking: one event per request (a move is one event). */
export const BOOKING_EVENTS = ['booked', 'moved', 'cancelled'] as const;
export type BookingEvent = (typeof BOOKING_EVENTS)[number];

export const OUTBOX_KINDS = ['confirmation', 'reminder', 'expiry', 'feedback', 'prescriber_alert'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Why a prescriber is told about a person they prescribed for: hours used,
 * sessions missed (when the programme enables it); a carnet locked after
 * too many wrong birth dates, waiting for them to unlock it (always).
 */
export const PRESCRIBER_ALERTS = ['hours_used', 'missed_twice', 'book_locked'] as const;
export type PrescriberAlert = (typeof PRESCRIBER_ALERTS)[number];

/** One message to send once; its id says what it is about, so planning it twice changes nothing. */
export interface OutboxMessage {
  /** e.g. "reminder:<bookingId>", "expiry30:<bookId>", "feedback:<bookingId>". */
  id: string;
  kind: OutboxKind;
  programmeId: string;
  /** The person it is for, or, for a prescriber alert, the person it is about. */
  beneficiaryId: string;
  /** A prescriber alert: the professional (prescriber or coordinator record) it goes to, in Teams. */
  professionalId?: string;
  alert?: PrescriberAlert;
  bookingId?: string;
  voucherBookId?: string;
  /** A confirmation: what it confirms. */
  event?: BookingEvent;
  /** A confirmation of what the person did on this channel: its reply there said it already. */
  skipChannelId?: string;
  /** When it should go, before quiet hours are applied. */
  dueAt: Date;
  status: OutboxStatus;
  /** Sending attempts started (a claim counts as one). */
  attempts: number;
  /** Not picked before this (due time, then backoff after a failure). */
  nextAttemptAt: Date;
  /** Which dispatcher holds it, until when (epoch when nobody does). */
  leaseOwner?: string;
  leaseUntil: Date;
  sentAt?: Date;
  /** Why it failed, was retried or cancelled: a code, never personal data. */
  reason?: string;
  /** The 1–5 answer to "Comment s'est passée votre séance ?". */
  rating?: number;
  answeredAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** The epoch: "no lease". */
export const NO_LEASE = new Date(0);

export const ZONE = 'Europe/Paris';

const QUIET_FROM_HOUR = 20;
const QUIET_UNTIL_HOUR = 8;

/** Nothing is sent between 20:00 and 8:00 (Paris), on Sundays or on public holidays. */
export function isQuietTime(at: Date): boolean {
  const local = DateTime.fromJSDate(at, { zone: ZONE });
  if (local.hour >= QUIET_FROM_HOUR || local.hour < QUIET_UNTIL_HOUR) return true;
  if (local.weekday === 7) return true;
  return publicHolidayOn(local.toISODate()!) !== undefined;
}

/** The first moment at or after `at` when a message may be sent. */
export function nextAllowedTime(at: Date): Date {
  let candidate = DateTime.fromJSDate(at, { zone: ZONE });
  // At most a long weekend of holidays: a few days are enough.
  for (let i = 0; i < 10 && isQuietTime(candidate.toJSDate()); i += 1) {
    candidate =
      candidate.hour < QUIET_UNTIL_HOUR
        ? candidate.set({ hour: QUIET_UNTIL_HOUR, minute: 0, second: 0, millisecond: 0 })
        : candidate.plus({ days: 1 }).set({ hour: QUIET_UNTIL_HOUR, minute: 0, second: 0, millisecond: 0 });
  }
  return candidate.toJSDate();
}

/** `daysBefore` calendar days before `start` (Paris), at `hour`:00. */
export function daysBeforeAt(start: Date, daysBefore: number, hour: number): Date {
  return DateTime.fromJSDate(start, { zone: ZONE })
    .minus({ days: daysBefore })
    .set({ hour, minute: 0, second: 0, millisecond: 0 })
    .toJSDate();
}

/** Waiting time before attempt n+1 (n ≥ 1 attempts made): 1, 5, 30 minutes, then 2 hours. */
export function retryDelayMs(attempts: number): number {
  const minutes = [1, 5, 30, 120];
  return minutes[Math.min(Math.max(attempts, 1), minutes.length) - 1] * 60_000;
}

/** Ids, one per purpose: planning twice finds the same message. */
export const outboxIds = {
  reminder: (bookingId: string) => `reminder:${bookingId}`,
  feedback: (bookingId: string) => `feedback:${bookingId}`,
  expiry: (bookId: string, daysBefore: number) => `expiry${daysBefore}:${bookId}`,
  confirmation: (bookingId: string, event: string) => `confirmation:${event}:${bookingId}`,
  /** Once per prescriber and reason; "hours used" once per carnet that ran out. */
  prescriberAlert: (alert: PrescriberAlert, professionalId: string, about: string) => `alert:${alert}:${professionalId}:${about}`,
};

/** A person's channel to write to, with their consent. */
export interface ContactReference {
  /** `<beneficiaryId>:<channelId>`: one per person and channel. */
  id: string;
  /**
   * The person written to: a beneficiary or, for prescriber alerts, a
   * professional's record id in Teams (store ids are unique across both).
   */
  beneficiaryId: string;
  channelId: string;
  /** The HMAC key of the channel identity (as channel links): "ne plus recevoir de messages" finds it from any turn. */
  channelKey: string;
  /** Bot Framework conversation reference, as JSON. */
  referenceJson: string;
  consent: boolean;
  updatedAt: Date;
}

export const contactReferenceId = (beneficiaryId: string, channelId: string) => `${beneficiaryId}:${channelId}`;
