/**
 * French writes the first day of a month as an ordinal — « le 1er novembre »,
 * « lundi 1er mars à 9 h » — and every other day as a number. luxon's `d`
 * token gives « 1 », so a day-of-month token of a pattern becomes `d'er'` on
 * the first. Patterns stay in locales/; quoted literals are left alone.
 */
import type { DateTime } from 'luxon';

/** The pattern to use for this day: on the 1st, each unquoted lone `d` (day of month) reads « 1er ». */
export function firstOfMonthPattern(pattern: string, dayOfMonth: number): string {
  if (dayOfMonth !== 1) return pattern;
  // Split into quoted literals (kept) and tokens; a lone d between non-letters is the day of month.
  return pattern
    .split(/('[^']*')/)
    .map((part) => (part.startsWith("'") ? part : part.replace(/(?<![A-Za-z])d(?![A-Za-z])/g, "d'er'")))
    .join('');
}

/** `day.toFormat(pattern)`, with « 1er » on the first of the month. */
export function formatFrench(day: DateTime, pattern: string): string {
  return day.toFormat(firstOfMonthPattern(pattern, day.day));
}
