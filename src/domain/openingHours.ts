/**
 * OSM `opening_hours` evaluated in Europe/Paris whatever the process time
 * zone is.
 *
 * The `opening_hours` library reads weekdays and times from the *local*
 * fields of the Date objects it gets and returns. So we hand it "wall-clock
 * dates": Dates whose local fields equal the Paris wall clock, and turn the
 * Dates it returns back into instants with luxon. A wall-clock time that does
 * not exist in the process zone (its own DST gap) would be shifted; places
 * in France are not open at 2 a.m. on a DST night, and the servers run in
 * UTC or Europe/Paris, where this is exact.
 */
import OpeningHours from 'opening_hours';
import { DateTime } from 'luxon';

export const PARIS_ZONE = 'Europe/Paris';

/** Lets public-holiday rules ("PH off") use the French holidays. */
const FRANCE = { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } };

export interface TimeInterval {
  start: Date;
  end: Date;
}

export type OpeningHoursCheck = { ok: true; warnings: string[] } | { ok: false; error: string };

const compiledCache = new Map<string, OpeningHours>();

function compile(value: string): OpeningHours {
  let oh = compiledCache.get(value);
  if (!oh) {
    // mode 0: time ranges only; points in time ("Mo 12:00") are not opening hours.
    oh = new OpeningHours(value, FRANCE, 0);
    compiledCache.set(value, oh);
  }
  return oh;
}

/** Parses without throwing: invalid syntax gives the library's message. */
export function checkOpeningHours(value: string): OpeningHoursCheck {
  if (value.trim() === '') return { ok: false, error: 'empty' };
  try {
    const oh = compile(value);
    return { ok: true, warnings: oh.getWarnings() };
  } catch (error) {
    return { ok: false, error: String(error).replace(/\s+/g, ' ').trim() };
  }
}

export function isValidOpeningHours(value: string): boolean {
  return checkOpeningHours(value).ok;
}

const HOUR_MS = 3_600_000;
const parisOffsets = new Map<number, number>();

/**
 * Paris's offset from UTC (minutes) at an instant, remembered per UTC hour:
 * France changes offset on the hour, so one hour has one offset. luxon asks
 * Intl for it on every call, which made this module the largest cost of a
 * "lieux près de chez moi" answer (tens of conversions per place listed).
 */
function parisOffset(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = parisOffsets.get(hour);
  if (offset === undefined) {
    offset = DateTime.fromMillis(hour * HOUR_MS, { zone: PARIS_ZONE }).offset;
    if (parisOffsets.size > 50_000) parisOffsets.clear();
    parisOffsets.set(hour, offset);
  }
  return offset;
}

/** A Date whose local fields show the Paris wall clock at `instant`. */
function toWallClock(instant: Date): Date {
  const p = new Date(instant.getTime() + parisOffset(instant.getTime()) * 60_000);
  return new Date(
    p.getUTCFullYear(),
    p.getUTCMonth(),
    p.getUTCDate(),
    p.getUTCHours(),
    p.getUTCMinutes(),
    p.getUTCSeconds(),
    p.getUTCMilliseconds(),
  );
}

/**
 * The instant at which Paris shows the local fields of `wall`: luxon's own
 * method (guess with an offset, correct once; in the autumn's repeated hour,
 * the earlier instant; in the spring gap, shifted forward), on cached offsets.
 */
function fromWallClock(wall: Date): Date {
  const local = Date.UTC(
    wall.getFullYear(),
    wall.getMonth(),
    wall.getDate(),
    wall.getHours(),
    wall.getMinutes(),
    wall.getSeconds(),
    wall.getMilliseconds(),
  );
  const o1 = parisOffset(local);
  let guess = local - o1 * 60_000;
  const o2 = parisOffset(guess);
  if (o1 === o2) return new Date(guess);
  guess -= (o2 - o1) * 60_000;
  const o3 = parisOffset(guess);
  if (o2 === o3) return new Date(guess);
  return new Date(local - Math.min(o2, o3) * 60_000);
}

/**
 * The open intervals between two instants, in order, clipped to [from, to].
 * Touching intervals ("09:30-13:00,13:00-18:30") are merged. Throws on an
 * invalid value: check it first with `checkOpeningHours`.
 */
export function openIntervals(value: string, from: Date, to: Date): TimeInterval[] {
  if (to.getTime() <= from.getTime()) return [];
  const raw = compile(value).getOpenIntervals(toWallClock(from), toWallClock(to));
  const merged: TimeInterval[] = [];
  for (const [wallStart, wallEnd, unknown] of raw) {
    if (unknown) continue; // "open?" / comments only: not a firm opening
    const start = new Date(Math.max(fromWallClock(wallStart).getTime(), from.getTime()));
    const end = new Date(Math.min(fromWallClock(wallEnd).getTime(), to.getTime()));
    if (end.getTime() <= start.getTime()) continue;
    const last = merged[merged.length - 1];
    if (last && last.end.getTime() >= start.getTime()) {
      if (end.getTime() > last.end.getTime()) last.end = end;
    } else {
      merged.push({ start, end });
    }
  }
  return merged;
}

/** Whether the place is open at `instant` (Paris time). */
export function isOpenAt(value: string, instant: Date): boolean {
  return compile(value).getState(toWallClock(instant));
}
