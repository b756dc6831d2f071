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

/** « Les centres sociaux » inside a sentence: « les centres sociaux »; an acronym (« PAC et MSA ») stays as it is. */
export function lowerFirst(text: string): string {
  const second = text.charAt(1);
  if (second !== second.toLowerCase()) return text;
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

/** "mer. 2 déc. 14 h": a button's label; the full date is in the message above it. */
export function formatSlotStartShort(date: Date, t: Translate): string {
  return inWords(date, t(onTheHour(date) ? 'formats.session_short' : 'formats.session_short_minutes'));
}

/** « 12 avril 1958 »: a calendar date (YYYY-MM-DD, a birth date), in words. */
export function formatCalendarDate(isoDay: string, t: Translate): string {
  return formatFrench(DateTime.fromISO(isoDay, { zone: ZONE }).setLocale('fr'), t('formats.date'));
}

/** « mardi 1er décembre » */
export function formatDay(date: Date, t: Translate): string {
  return inWords(date, t('formats.day'));
}

/** « aujourd'hui », « hier », « demain » for those days (Paris calendar), else nothing. */
function nearDay(date: Date, now: Date, t: Translate): string | undefined {
  const days = Math.round(paris(date).startOf('day').diff(paris(now).startOf('day'), 'days').days);
  const word = ({ [-1]: 'formats.yesterday', 0: 'formats.today', 1: 'formats.tomorrow' } as Record<number, string>)[days];
  return word ? t(word) : undefined;
}

/** « mardi 1er décembre (hier) », « mercredi 2 décembre (aujourd'hui) », « vendredi 4 décembre »: a day named to a reader who counts from today. */
export function formatDayNoted(date: Date, now: Date, t: Translate): string {
  const near = nearDay(date, now, t);
  return near ? t('formats.day_noted', { day: formatDay(date, t), near }) : formatDay(date, t);
}

/** « 14 h », « 14 h 30 » */
export function formatTime(date: Date, t: Translate): string {
  return inWords(date, t(onTheHour(date) ? 'formats.time' : 'formats.time_minutes'));
}

/**
 * « aujourd'hui à 14 h », « hier à 9 h 30 », « demain à 10 h », else « vendredi 4 décembre à 14 h »
 * (« 3 mars 2025 à 14 h » in another year): as the opening hours say « ouvre aujourd'hui à 14 h ».
 */
export function formatSlotStartFrom(date: Date, now: Date, t: Translate): string {
  const near = nearDay(date, now, t);
  if (near) return t('formats.near_at', { day: near, time: formatTime(date, t) });
  if (paris(date).year !== paris(now).year) return t('formats.at_time', { date: formatDate(date, t), time: formatTime(date, t) });
  return formatSlotStart(date, t);
}

/** A button's label: « aujourd'hui 14 h », « hier 9 h 30 », else « ven. 4 déc. 14 h ». */
export function formatSlotStartShortFrom(date: Date, now: Date, t: Translate): string {
  const near = nearDay(date, now, t);
  return near ? t('formats.near_at_short', { day: near, time: formatTime(date, t) }) : formatSlotStartShort(date, t);
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
