/** Dates as French readers expect them, always in Europe/Paris time. */
import { DateTime } from 'luxon';
import type { Translate } from '../src/i18n';

const ZONE = 'Europe/Paris';

function paris(date: Date): DateTime {
  return DateTime.fromJSDate(date, { zone: ZONE }).setLocale('fr');
}

/** "25 novembre 2027" */
export function formatDate(date: Date, t: Translate): string {
  return paris(date).toFormat(t('formats.date'));
}

/** "mardi 1 décembre à 10h00" */
export function formatSession(date: Date, t: Translate): string {
  return paris(date).toFormat(t('formats.session'));
}
