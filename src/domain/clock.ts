/**
 * Where "now" comes from. Business code never calls `new Date()` for a
 * decision (which sessions are in the past, which day « demain » is, when
 * a verification expires): it asks the Clock it was given, so tests and
 * demos can run any day — a Sunday, 31 December, a DST change — and give
 * the same answers every day.
 */
export interface Clock {
  now(): Date;
}

/** The machine's clock: what the process uses unless told otherwise. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (unit tests). */
export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at).getTime();
  if (Number.isNaN(instant)) throw new Error(`fixedClock: not a date: ${String(at)}`);
  return { now: () => new Date(instant) };
}

/**
 * A clock that starts at a chosen instant and then runs at the machine's
 * pace, so durations (lock-outs, expiries, leases) behave as in real life
 * while the calendar day is the one chosen.
 */
export function clockStartingAt(at: Date | string, machine: () => number = Date.now): Clock {
  const start = new Date(at).getTime();
  if (Number.isNaN(start)) throw new Error(`clockStartingAt: not a date: ${String(at)}`);
  const origin = machine();
  return { now: () => new Date(start + (machine() - origin)) };
}
