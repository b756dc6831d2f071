/**
 * Wording that is not one sentence of locales/: dates as French readers
 * expect them (always in Europe/Paris time) and lists (« a, b ou c »).
 * For every channel and for the proactive messages alike.
 */
import { DateTime } from 'luxon';
import type { Translate } from './i18n';

const ZONE = 'Europe/Paris';

function paris(date: Date): DateTime {
  return DateTime.fromJSDate(date, { zone: ZONE }).setLocale('fr');
}

/** "25 novembre 2027" */
export function formatDate(date: Date, t: Translate): string {
  return paris(date).toFormat(t('formats.date'));
}

/** « Les centres sociaux » inside a sentence: « les centres sociaux ». */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "mardi 1 décembre à 10h00" */
export function formatSlotStart(date: Date, t: Translate): string {
  return paris(date).toFormat(t('formats.session'));
}

/** "mer. 2 déc. 14h": a button's label; the full date is in the message above it. */
export function formatSlotStartShort(date: Date, t: Translate): string {
  const day = paris(date);
  return day.toFormat(t(day.minute === 0 ? 'formats.session_short' : 'formats.session_short_minutes'));
}

/** "a, b ou c" in the user's language. */
export function joinWithOr(items: string[], t: Translate): string {
  if (items.length <= 1) return items.join('');
  return t('common.list_or', { head: items.slice(0, -1).join(', '), last: items[items.length - 1] });
}
