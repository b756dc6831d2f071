/** Dates and refusal messages for the professional dialogs. */
import type { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import type { Translate } from '../../src/i18n';
import type { Programme } from '../../src/domain/programme';
import { parseFrenchPhone } from '../../src/domain/places';
import type { Refused } from '../../src/services/pro/proAccess';
import { sendProText } from './cards';
import { formatCalendarDate, formatDate, formatSlotStartFrom } from '../../src/wording';

/**
 * Dates for professionals, in words as the rest of the bot writes them (src/wording.ts), never « 01/12/2026 »:
 * « 1er décembre 2027 » (an expiry), « hier à 14 h », « vendredi 4 décembre à 9 h » (a session), « 12 avril 1958 ».
 */
export const proDate = (date: Date, t: Translate) => formatDate(date, t);
export const proDateTime = (date: Date, now: Date, t: Translate) => formatSlotStartFrom(date, now, t);
/** An ISO calendar date (birth dates): « 3 novembre 1949 ». */
export const isoDate = (iso: string, t: Translate) => formatCalendarDate(iso, t);
/** A phone kept as +33612345678, written as people type it: 06 12 34 56 78. */
export const phoneDisplay = (e164: string) => parseFrenchPhone(e164)?.display ?? e164;

/**
 * How to reach a département's coordination of the pass, for a
 * professional: its phone when one is published for the pass (an assumed
 * number is never given), else the Département's switchboard, said to be
 * one (« demandez la coordination du Pass Numérique »), with its website;
 * else its website, else its name. The line names this programme (a list
 * of every département's gives each its own name), not the turn's.
 */
export function coordinationContact(programme: Programme, t: Translate): string {
  const { contact } = programme;
  const given = (value?: { value: string; assumed: boolean }) => (value && !value.assumed ? value.value : undefined);
  const values = {
    departement: programme.departement.name,
    pass: programme.name,
    name: contact.name,
    phone: given(contact.phone),
    switchboard: given(contact.switchboard),
    email: given(contact.email),
    website: contact.website ?? '',
  };
  const key = values.phone
    ? 'coordination_phone'
    : values.switchboard
      ? contact.website
        ? 'coordination_switchboard_web'
        : 'coordination_switchboard'
      : contact.website
        ? 'coordination_web'
        : 'coordination_name';
  const line = t(`pro:access.${key}`, values);
  return values.email ? `${line}${t('pro:access.coordination_email', values)}` : line;
}

/** A refusal; « adressez-vous à la coordination » comes with how to reach it. */
export async function sendRefusal(context: TurnContext, refusal: Refused, t: Translate, programme?: Programme): Promise<void> {
  const lines = [t(`pro:access.refused.${refusal.reason}`)];
  if (refusal.reason === 'role' && programme) lines.push(coordinationContact(programme, t));
  await sendProText(context, lines.join('\n'), t);
}

const calendarDay = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).setLocale('fr');
/** « 1er janvier », « 2 décembre »: the French ordinal for the first of the month. */
const dayOnly = (day: DateTime) => (day.day === 1 ? '1er' : String(day.day));
const dayAndMonth = (day: DateTime) => `${dayOnly(day)} ${day.toFormat('MMMM')}`;

/**
 * A period of Paris calendar dates: « du 1er janvier au 2 décembre 2026 », the year said once when it is the same,
 * the month too within one month (« du 1er au 30 novembre 2026 »), a single day as « du 1er décembre 2026 ».
 */
export function frenchPeriod(from: string, to: string, t: Translate): string {
  const start = calendarDay(from);
  const end = calendarDay(to);
  const last = `${dayAndMonth(end)} ${end.year}`;
  if (from === to) return t('pro:formats.period_day', { day: last });
  const sameMonth = start.year === end.year && start.month === end.month;
  const first = sameMonth ? dayOnly(start) : start.year === end.year ? dayAndMonth(start) : `${dayAndMonth(start)} ${start.year}`;
  return t('pro:formats.period', { from: first, to: last });
}

/** A month key of the report (YYYY-MM) as « octobre 2026 ». */
export function frenchMonth(month: string): string {
  const day = DateTime.fromFormat(month, 'yyyy-MM', { zone: 'Europe/Paris' }).setLocale('fr');
  return day.isValid ? day.toFormat('MMMM yyyy') : month;
}
