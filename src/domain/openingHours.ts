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

/** A Date whose local fields show the Paris wall clock at `instant`. */
function toWallClock(instant: Date): Date {
  const p = DateTime.fromJSDate(instant, { zone: PARIS_ZONE });
  return new Date(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
}

/** The instant at which Paris shows the local fields of `wall`. */
function fromWallClock(wall: Date): Date {
  return DateTime.fromObject(
    {
      year: wall.getFullYear(),
      month: wall.getMonth() + 1,
      day: wall.getDate(),
      hour: wall.getHours(),
      minute: wall.getMinutes(),
      second: wall.getSeconds(),
      millisecond: wall.getMilliseconds(),
    },
    { zone: PARIS_ZONE },
  ).toJSDate();
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
