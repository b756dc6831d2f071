/**
 * A person is never in two sessions at once: the times of the sessions they
 * hold (booked, or being booked) may not overlap. Kept on the person, so
 * that one guarded write on one document decides between two requests made
 * at the same moment (store/shared/repositories/sessionTimes.ts).
 */

/** The time a booking holds in the person's day: its slot's [start, end). */
export interface SessionTime {
  bookingId: string;
  start: Date;
  end: Date;
}

/** Two sessions overlap when each starts before the other ends (one ending at 10 h and one starting at 10 h do not). */
export function overlaps(a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/**
 * The session already held that the wanted one would overlap, or undefined.
 * `except`: the booking a move gives up, which the new time may overlap
 * (moving a session half an hour later).
 */
export function clashingTime(held: readonly SessionTime[], wanted: SessionTime, except?: string): SessionTime | undefined {
  return held.find((time) => time.bookingId !== wanted.bookingId && time.bookingId !== except && overlaps(time, wanted));
}

/** Whether an instant falls inside one of the times (« lundi 14 h » while a session runs 14 h – 15 h). */
export function timeHolding(held: readonly { start: Date; end: Date }[], instant: Date): number {
  return held.findIndex((time) => time.start.getTime() <= instant.getTime() && instant.getTime() < time.end.getTime());
}
