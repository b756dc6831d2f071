/**
 * A place's OSM opening hours in words, for people and for SMS:
 * "ouvert maintenant, ferme à 17 h", "fermé, ouvre demain à 9 h",
 * "ouvre lundi à 14 h", and the usual week "mar. et jeu. 9 h-12 h,
 * 14 h-17 h ; sam. 9 h-12 h". Everything is computed in Europe/Paris by
 * domain/openingHours.ts (so daylight-saving changes are right), and the
 * "open now" answer is the `opening_hours` library's own state at that
 * instant. The facts (`openingStatus`, `weekPattern`) are pure data; the
 * `describe…` functions put them in words from locales/fr/places.json
 * through the `t` they are given, so dialogs call them directly.
 */
import { DateTime } from 'luxon';
import { isOpenAt, openIntervals, PARIS_ZONE } from './openingHours';
import { formatFrench } from './frenchDayFormat';
import { publicHolidayOn } from './holidays';

/** The part of i18next's TFunction these helpers need. */
export type Words = (key: string, options?: Record<string, unknown>) => unknown;

export type OpeningStatus =
  | { open: true; closesAt: Date }
  | { open: false; opensAt: Date }
  /** Closed, and no opening in the horizon looked at (two weeks). */
  | { open: false; opensAt?: undefined };

const DAY_MS = 24 * 3_600_000;
const HORIZON_DAYS = 14;

function paris(instant: Date): DateTime {
  return DateTime.fromJSDate(instant, { zone: PARIS_ZONE });
}

/** Open now (the library's state) and until when, or when it opens next. */
export function openingStatus(hours: string, now: Date): OpeningStatus {
  const horizon = new Date(now.getTime() + HORIZON_DAYS * DAY_MS);
  if (isOpenAt(hours, now)) {
    // From a little before now, so the interval holding `now` is the first one.
    const current = openIntervals(hours, new Date(now.getTime() - DAY_MS), horizon).find(
      (i) => i.start.getTime() <= now.getTime() && now.getTime() < i.end.getTime(),
    );
    return { open: true, closesAt: current?.end ?? horizon };
  }
  const next = openIntervals(hours, now, horizon).find((i) => i.start.getTime() > now.getTime());
  return next ? { open: false, opensAt: next.start } : { open: false };
}

/** The next opening strictly after `now`, if one comes within two weeks. */
export function nextOpening(hours: string, now: Date): Date | undefined {
  const horizon = new Date(now.getTime() + HORIZON_DAYS * DAY_MS);
  return openIntervals(hours, now, horizon).find((i) => i.start.getTime() > now.getTime())?.start;
}

/** One weekday's opening times as Paris wall-clock minutes since midnight. */
export interface DayHours {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  ranges: { start: number; end: number }[];
}

/**
 * The usual week: for each weekday, its hours on the first such day from
 * `now` on that is not a public holiday (a holiday closing would otherwise
 * pass for the usual timetable). Days without opening are left out.
 */
export function weekPattern(hours: string, now: Date): DayHours[] {
  const today = paris(now).startOf('day');
  const days: DayHours[] = [];
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    let day = today.plus({ days: (weekday - today.weekday + 7) % 7 });
    while (publicHolidayOn(day.toISODate() as string)) day = day.plus({ weeks: 1 });
    const start = day.toJSDate();
    const end = day.plus({ days: 1 }).toJSDate();
    const ranges = openIntervals(hours, start, end).map((i) => ({ start: minutesOf(i.start, day), end: minutesOf(i.end, day) }));
    if (ranges.length > 0) days.push({ weekday, ranges });
  }
  return days;
}

/** Minutes since the Paris midnight that starts `day` (1440 for the next midnight). */
function minutesOf(instant: Date, day: DateTime): number {
  const at = paris(instant);
  return at.hasSame(day, 'day') ? at.hour * 60 + at.minute : 24 * 60;
}

// ---------------------------------------------------------------- words

function text(t: Words, key: string, options?: Record<string, unknown>): string {
  return String(t(`places:${key}`, options));
}

function dayNames(t: Words, kind: 'short' | 'long'): string[] {
  return t(`places:days.${kind}`, { returnObjects: true }) as string[];
}

/** "9 h", "14 h 30", "0 h" for midnight. */
export function timeWords(minutes: number, t: Words): string {
  const hour = Math.floor(minutes / 60) % 24;
  const minute = minutes % 60;
  return minute === 0
    ? text(t, 'hours.time_hour', { hour })
    : text(t, 'hours.time_hour_minute', { hour, minute: String(minute).padStart(2, '0') });
}

function instantTimeWords(instant: Date, t: Words): string {
  const at = paris(instant);
  return timeWords(at.hour * 60 + at.minute, t);
}

/** "ouvre aujourd'hui à 14 h", "ouvre demain à 9 h", "ouvre lundi à 14 h", "ouvre le 3 mars à 9 h". */
export function describeOpensAt(opensAt: Date, now: Date, t: Words): string {
  const time = instantTimeWords(opensAt, t);
  const days = paris(opensAt).startOf('day').diff(paris(now).startOf('day'), 'days').days;
  if (days < 1) return text(t, 'hours.opens_today', { time });
  if (days < 2) return text(t, 'hours.opens_tomorrow', { time });
  if (days < 7) return text(t, 'hours.opens_weekday', { time, day: dayNames(t, 'long')[paris(opensAt).weekday - 1] });
  const date = formatFrench(paris(opensAt).setLocale('fr'), text(t, 'hours.date_format'));
  return text(t, 'hours.opens_date', { time, date });
}

/** "ouvert maintenant, ferme à 17 h" or "fermé, ouvre demain à 9 h". */
export function describeOpeningStatus(hours: string, now: Date, t: Words): string {
  const status = openingStatus(hours, now);
  if (status.open) return text(t, 'hours.open_until', { time: instantTimeWords(status.closesAt, t) });
  if (!status.opensAt) return text(t, 'hours.closed_for_now');
  return text(t, 'hours.closed_then', { next: describeOpensAt(status.opensAt, now, t) });
}

/** "ouvre lundi à 14 h" (the next opening after now), or "" when none comes within two weeks. */
export function describeNextOpening(hours: string, now: Date, t: Words): string {
  const at = nextOpening(hours, now);
  return at ? describeOpensAt(at, now, t) : '';
}

/** "lun.-ven.", "mar. et jeu.", "lun., mer. et ven.", "lun.-mer. et sam." */
export function weekdaysWords(weekdays: readonly number[], t: Words): string {
  const names = dayNames(t, 'short');
  const runs: number[][] = [];
  for (const day of [...weekdays].sort((a, b) => a - b)) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === day - 1) run.push(day);
    else runs.push([day]);
  }
  const items: string[] = [];
  for (const run of runs) {
    if (run.length >= 3) items.push(text(t, 'hours.day_run', { first: names[run[0] - 1], last: names[run[run.length - 1] - 1] }));
    else items.push(...run.map((d) => names[d - 1]));
  }
  if (items.length === 1) return items[0];
  return items.slice(0, -1).join(text(t, 'hours.list_separator')) + text(t, 'hours.list_last') + items[items.length - 1];
}

/** The usual week in short words for SMS: "mar. et jeu. 9 h-12 h, 14 h-17 h ; sam. 9 h-12 h". */
export function describeWeekHours(hours: string, now: Date, t: Words): string {
  const pattern = weekPattern(hours, now);
  if (pattern.length === 0) return text(t, 'hours.unknown');
  const groups = new Map<string, { weekdays: number[]; ranges: string }>();
  for (const day of pattern) {
    const ranges = day.ranges
      .map((r) => text(t, 'hours.range', { start: timeWords(r.start, t), end: timeWords(r.end, t) }))
      .join(text(t, 'hours.ranges_separator'));
    const group = groups.get(ranges);
    if (group) group.weekdays.push(day.weekday);
    else groups.set(ranges, { weekdays: [day.weekday], ranges });
  }
  return [...groups.values()]
    .map((g) => text(t, 'hours.day_group', { days: weekdaysWords(g.weekdays, t), ranges: g.ranges }))
    .join(text(t, 'hours.groups_separator'));
}
