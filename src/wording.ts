/**
 * Wording that is not one sentence of locales/: dates as French readers
 * expect them (always in Europe/Paris time) and lists (« a, b ou c »).
 * For every channel and for the proactive messages alike.
 */
import { DateTime } from 'luxon';
import { formatFrench } from './domain/frenchDayFormat';
import { BoundedCache } from './domain/memo';
import type { Translate } from './i18n';

const ZONE = 'Europe/Paris';

function paris(date: Date): DateTime {
  return DateTime.fromJSDate(date, { zone: ZONE }).setLocale('fr');
}

/**
 * An instant in words, in a pattern of locales/: luxon asks Intl for the
 * zone's offset and the French names at each call (4 % of a booking turn's
 * CPU, a list of five sessions formatted twice each), while the same few
 * sessions are listed turn after turn. So each (instant, pattern) is
 * formatted once; bounded, emptied when full.
 */
const formatted = new BoundedCache<string>(20_000);

function inWords(date: Date, pattern: string): string {
  return formatted.get(`${date.getTime()}\u0000${pattern}`, () => formatFrench(paris(date), pattern));
}

/** "25 novembre 2027" */
export function formatDate(date: Date, t: Translate): string {
  return inWords(date, t('formats.date'));
}

/** « Les centres sociaux » inside a sentence: « les centres sociaux ». */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Paris and UTC share their minutes (whole-hour offsets): no zone maths to tell « 14 h » from « 14 h 30 ». */
export function onTheHour(date: Date): boolean {
  return date.getUTCMinutes() === 0;
}

/** "mardi 1er décembre à 10 h", "jeudi 3 décembre à 10 h 30" */
export function formatSlotStart(date: Date, t: Translate): string {
  return inWords(date, t(onTheHour(date) ? 'formats.session' : 'formats.session_minutes'));
}

/** "lundi 7 décembre": the day of a session, its hour said apart (« Votre séance du lundi 7 décembre est à 14 h »). */
export function formatSlotDay(date: Date, t: Translate): string {
  return inWords(date, t('formats.session_day'));
}

/** "14 h", "14 h 30" */
export function formatSlotHour(date: Date, t: Translate): string {
  return inWords(date, t(onTheHour(date) ? 'formats.hour' : 'formats.hour_minutes'));
}

/** "mer. 2 déc. 14 h": a button's label; the full date is in the message above it. */
export function formatSlotStartShort(date: Date, t: Translate): string {
  return inWords(date, t(onTheHour(date) ? 'formats.session_short' : 'formats.session_short_minutes'));
}

/** "a, b et c" in the user's language. */
export function joinWithAnd(items: string[], t: Translate): string {
  if (items.length <= 1) return items.join('');
  return t('common.list_and', { head: items.slice(0, -1).join(', '), last: items[items.length - 1] });
}

/** "a, b ou c" in the user's language. */
export function joinWithOr(items: string[], t: Translate): string {
  if (items.length <= 1) return items.join('');
  return t('common.list_or', { head: items.slice(0, -1).join(', '), last: items[items.length - 1] });
}
