/** Sends one reply rendered for the channel of the turn (on SMS, held for the end of the turn: sms/smsTurn.ts). */
import type { TurnContext } from 'botbuilder';
import { channelKind } from './channelKind';
import { type Reply, render } from './render';
import { smsBlock } from './sms/smsBlock';
import { holdSms } from './sms/smsTurn';
import type { Translate } from '../i18n';

export async function sendReply(context: TurnContext, reply: Reply | string, t: Translate): Promise<void> {
  const message = typeof reply === 'string' ? { text: reply } : reply;
  const kind = channelKind(context.activity.channelId);
  if (kind === 'sms' && holdSms(context, smsBlock(message, t))) return;
  await context.sendActivities(render(message, kind, t));
}
