/**
 * What a prescription must respect, before anything is written: the
 * programme's limits (books and hours per person), a birth date that is a
 * real past date, an adult where the programme says so. Pure.
 */
import { DateTime } from 'luxon';
import { hoursPerBook, type Programme } from './programme';

export interface QuotaState {
  booksIssued: number;
  hoursIssued: number;
}

export interface ProgrammeLimits {
  maxBooks: number | null;
  maxHours: number | null;
  hoursPerBook: number;
}

export function programmeLimits(programme: Programme): ProgrammeLimits {
  return {
    maxBooks: programme.limits.maxBooksPerBeneficiary.value,
    maxHours: programme.limits.maxHoursPerBeneficiary.value,
    hoursPerBook: hoursPerBook(programme),
  };
}

/** Whether one more book fits the limits (the store re-checks it atomically). */
export function canIssueAnother(quota: QuotaState, limits: ProgrammeLimits): boolean {
  if (limits.maxBooks !== null && quota.booksIssued + 1 > limits.maxBooks) return false;
  if (limits.maxHours !== null && quota.hoursIssued + limits.hoursPerBook > limits.maxHours) return false;
  return true;
}

export type BirthDateCheck = 'ok' | 'invalid' | 'future' | 'too_old' | 'too_young';

/** Older than this is a typing slip (« 1876 » for « 1976 »), not a person to prescribe for. */
export const OLDEST_PLAUSIBLE_AGE = 120;

/** An ISO date, not in the future (Paris calendar), a plausible age, and old enough for the programme. */
export function checkBirthDate(iso: string, now: Date, minimumAge: number): BirthDateCheck {
  const date = DateTime.fromISO(iso, { zone: 'Europe/Paris' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || !date.isValid) return 'invalid';
  const today = DateTime.fromJSDate(now, { zone: 'Europe/Paris' }).startOf('day');
  if (date > today) return 'future';
  if (ageOn(iso, now) > OLDEST_PLAUSIBLE_AGE) return 'too_old';
  if (date.plus({ years: minimumAge }) > today) return 'too_young';
  return 'ok';
}

/** Full years from an ISO birth date to `now` (Paris calendar). */
export function ageOn(iso: string, now: Date): number {
  const date = DateTime.fromISO(iso, { zone: 'Europe/Paris' });
  const today = DateTime.fromJSDate(now, { zone: 'Europe/Paris' }).startOf('day');
  return Math.floor(today.diff(date, 'years').years);
}

/** French mobile or landline in E.164 (+33…), from what a person typed; undefined when unreadable. */
export function frenchPhoneE164(text: string): string | undefined {
  const digits = text.replace(/[\s.\-()]/g, '');
  const national = /^0([1-9]\d{8})$/.exec(digits);
  if (national) return `+33${national[1]}`;
  const international = /^(?:\+|00)33([1-9]\d{8})$/.exec(digits);
  return international ? `+33${international[1]}` : undefined;
}
