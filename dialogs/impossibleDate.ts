/**
 * « réserver le 30 février à 10 h », « le 32/12 »: a day of no calendar
 * (src/nlu/whenEntity.ts impossibleDateIn). It is said so, « Le 30 février
 * n'existe pas », and no moment is read from the sentence — before, the
 * time alone stood for today's and the nearest session at 10 h was booked.
 * The moment is asked again: at the question that reads it, that question;
 * at the opening of a booking or a move, when the sessions are offered.
 */
import type { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { sendReply } from '../src/channels/send';
import type { Understanding } from '../src/nlu/understand';
import type { DialogDeps } from './deps';
import { turnUnderstanding } from './turnUnderstanding';

/** « 30 février », « 32 décembre »; « 12/13 » as typed when the month is none either. */
function dateWords(impossible: NonNullable<Understanding['entities']['impossibleDate']>): string {
  const { day, month } = impossible;
  if (month < 1 || month > 12) return `${day}/${month}`;
  return `${day} ${DateTime.fromObject({ year: 2000, month, day: 1 }).setLocale('fr').toFormat('LLLL')}`;
}

/**
 * Says the day does not exist, when the message names one; whether it did. `later`: at the opening of a
 * booking or a move, the moment is asked with the sessions, and that is said.
 */
export async function tellImpossibleDate(
  context: TurnContext,
  deps: DialogDeps,
  understanding: Understanding | undefined,
  later = false,
): Promise<boolean> {
  const impossible = understanding?.entities.impossibleDate;
  if (!impossible) return false;
  const key = later ? 'moment.impossible_date_later' : 'moment.impossible_date';
  await sendReply(context, deps.t(key, { date: dateWords(impossible) }), deps.t);
  return true;
}

/** The opening sentence's understanding, when this turn is that sentence (read here if the turn did not read it). */
export async function openingUnderstanding(
  context: TurnContext,
  deps: DialogDeps,
  utterance: string | undefined,
): Promise<Understanding | undefined> {
  if (!utterance || context.activity.text !== utterance) return undefined;
  return turnUnderstanding(context) ?? deps.services.intents.understand(utterance, { now: deps.clock.now(), programmes: deps.programmes });
}
