/**
 * Exceptional closures of places (summer break, works, a trainer's leave):
 * a per-place list of Paris calendar date ranges, kept in data/closures.json
 * because the national data does not carry them. With public holidays, they
 * are the days no session is offered. Pure: the file is read in src/data/.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { publicHolidayOn } from './holidays';
import { PARIS_ZONE } from './openingHours';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');

export const closureSchema = z
  .object({
    /** First closed day (Paris calendar date). */
    from: isoDate,
    /** Last closed day, included; the same as `from` for one day. */
    to: isoDate,
    /** For staff: why ("congés d'été"); never shown as a reason to the public. */
    note: z.string().optional(),
  })
  .refine((c) => c.from <= c.to, { message: '"to" is before "from"' });

/** place id → its closures. */
export const closuresFileSchema = z.record(z.string().min(1), z.array(closureSchema));

export type Closure = z.infer<typeof closureSchema>;
export type ClosureCalendar = Readonly<Record<string, readonly Closure[]>>;

/** The Paris calendar date of an instant, YYYY-MM-DD. */
export function parisDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: PARIS_ZONE }).toISODate() as string;
}

export type DayOff = { kind: 'holiday'; name: string } | { kind: 'closure' };

/** Why a place offers no session on a Paris date, or undefined on a working day. */
export function dayOff(placeId: string, date: string, closures: ClosureCalendar = {}): DayOff | undefined {
  const holiday = publicHolidayOn(date);
  if (holiday) return { kind: 'holiday', name: holiday.name };
  if ((closures[placeId] ?? []).some((c) => c.from <= date && date <= c.to)) return { kind: 'closure' };
  return undefined;
}
