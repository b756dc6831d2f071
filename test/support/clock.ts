/**
 * The day the tests live on. Every bot a test starts reads this clock, so
 * a test gives the same answer whatever day `npm test` runs: Wednesday
 * 2 December 2026 at 8:37 in Paris, a working day with sessions left that
 * morning. Tests about particular days (a Sunday, 31 December, the eve of
 * a public holiday, a DST change) start their bot on `chosenDays` instead.
 */
import { type Clock, clockStartingAt } from '../../src/domain/clock';

export const TEST_NOW = '2026-12-02T08:37:00+01:00';

/** A clock for one bot: the chosen moment, then running at the machine's pace. */
export function testClock(at: string = TEST_NOW): Clock {
  return clockStartingAt(at);
}

/** Days whose calendar changes what the bot may offer. */
export const chosenDays = {
  monday: '2026-12-07T09:15:00+01:00',
  fridayEvening: '2026-12-04T18:45:00+01:00',
  sunday: '2026-12-06T11:00:00+01:00',
  christmasEve: '2026-12-24T10:00:00+01:00',
  newYearsEve: '2026-12-31T16:00:00+01:00',
  lastDayOfFebruary: '2027-02-28T10:00:00+01:00',
  dstSpringForward: '2027-03-27T10:00:00+01:00',
  dstFallBack: '2026-10-24T10:00:00+02:00',
} as const;

/** One running test clock for the tests that call services directly (no bot): "now" on the tests' day. */
const suiteClock = testClock();
export const testNow = (): Date => suiteClock.now();
