/** Sends one reply rendered for the channel of the turn. */
import type { TurnContext } from 'botbuilder';
import { channelKind } from './channelKind';
import { type Reply, render } from './render';
import type { Translate } from '../i18n';

export async function sendReply(context: TurnContext, reply: Reply | string, t: Translate): Promise<void> {
  const message = typeof reply === 'string' ? { text: reply } : reply;
  await context.sendActivities(render(message, channelKind(context.activity.channelId), t));
}
