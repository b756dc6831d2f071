/**
 * French public holidays (metropolitan France, without the Alsace-Moselle
 * extras) from @socialgouv/jours-feries, the list the French administration
 * publishes and maintains; no session is offered on those days. Pure.
 */
// The package ships no types: its one function returns { name: Date at UTC midnight }.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const joursFeries = require('@socialgouv/jours-feries') as (year: number, options?: { alsace?: boolean }) => Record<string, Date>;

export interface PublicHoliday {
  /** Paris calendar date, YYYY-MM-DD. */
  date: string;
  name: string;
}

const byYear = new Map<number, PublicHoliday[]>();

export function publicHolidays(year: number): PublicHoliday[] {
  let list = byYear.get(year);
  if (!list) {
    list = Object.entries(joursFeries(year, { alsace: false }))
      .map(([name, date]) => ({ date: date.toISOString().slice(0, 10), name }))
      .sort((a, b) => a.date.localeCompare(b.date));
    byYear.set(year, list);
  }
  return list;
}

/** The holiday falling on a Paris calendar date (YYYY-MM-DD), if any. */
export function publicHolidayOn(date: string): PublicHoliday | undefined {
  return publicHolidays(Number(date.slice(0, 4))).find((h) => h.date === date);
}
