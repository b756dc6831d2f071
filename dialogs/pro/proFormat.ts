/** Dates and refusal messages for the professional dialogs. */
import type { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import type { Translate } from '../../src/i18n';
import type { Refused } from '../../src/services/pro/proAccess';
import { sendProText } from './cards';

const paris = (date: Date) => DateTime.fromJSDate(date, { zone: 'Europe/Paris' }).setLocale('fr');

export const proDate = (date: Date, t: Translate) => paris(date).toFormat(t('pro:formats.date'));
export const proDateTime = (date: Date, t: Translate) => paris(date).toFormat(t('pro:formats.datetime'));
/** An ISO calendar date (birth dates) as dd/MM/yyyy. */
export const isoDate = (iso: string, t: Translate) => DateTime.fromISO(iso).toFormat(t('pro:formats.date'));

export async function sendRefusal(context: TurnContext, refusal: Refused, t: Translate): Promise<void> {
  await sendProText(context, t(`pro:access.refused.${refusal.reason}`), t);
}
