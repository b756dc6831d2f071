/** Programme policies about bookings, as pure functions. */
import type { Programme } from './programme';

/**
 * What cancelling a session does to its hours: cancelled at least the
 * programme's notice before the start, they come back; later, the
 * programme's late-cancellation policy decides.
 */
export function cancellationSettlement(programme: Programme, slotStart: Date, now: Date): 'release' | 'consume' {
  const noticeMs = programme.cancellation.noticeHours.value * 3_600_000;
  if (slotStart.getTime() - now.getTime() >= noticeMs) return 'release';
  return programme.cancellation.lateCancellation.value;
}

/** The hours a session takes from a carnet: its length, one hour for a one-hour slot. */
export function slotHours(slot: { start: Date; end: Date }): number {
  return (slot.end.getTime() - slot.start.getTime()) / 3_600_000;
}

/** The person's own words for a session's subject are kept this short: enough for the trainer, little to hold. */
export const SUBJECT_MAX_CHARS = 120;
