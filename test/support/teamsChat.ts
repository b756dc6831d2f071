/**
 * A Teams conversation with the real app (test/support/botServer.ts): the
 * activity carries the Entra object id and the tenant the way Teams sends
 * them. `texts` reads the Adaptive Cards' fallback text, so assertions quote
 * what the professional reads.
 */
import type { Activity } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { BotUnderTest } from './botServer';

export const DEMO_TENANT = 'aaaaaaaa-0000-4000-8000-00000000cafe';
export const CLAIRE = '00000000-0000-4000-8000-000000004801';
export const JULIEN = '00000000-0000-4000-8000-000000002601';
export const LOZERE_TRAINER = '00000000-0000-4000-8000-000000004811';
export const DROME_TRAINER = '00000000-0000-4000-8000-000000002611';

export interface ProChat {
  say(text: string): Promise<Partial<Activity>[]>;
  /** Every reply as text: message text, or the card's fallback text. */
  texts(text: string): Promise<string>;
}

export function activityText(activity: Partial<Activity>): string {
  const parts: string[] = [];
  if (activity.text) parts.push(activity.text);
  for (const attachment of activity.attachments ?? []) {
    const content = attachment.content as { fallbackText?: string; text?: string; buttons?: { title: string }[] };
    if (content?.fallbackText) parts.push(content.fallbackText);
    else if (content?.text) parts.push([content.text, ...(content.buttons ?? []).map((b) => b.title)].join('\n'));
  }
  return parts.join('\n');
}

export function chatAs(
  bot: BotUnderTest,
  /** serviceUrl: where the bot writes to first (proactive messages), as Teams names it in each activity. */
  options: { channelId?: string; aadObjectId?: string; tenantId?: string; userId?: string; serviceUrl?: string; conversationType?: string } = {},
): ProChat {
  const conversationId = randomUUID();
  const channelId = options.channelId ?? 'msteams';
  const say = async (text: string) => {
    const { status, body } = await bot.post({
      type: 'message',
      id: randomUUID(),
      text,
      channelId,
      ...(options.serviceUrl ? { serviceUrl: options.serviceUrl } : {}),
      from: { id: options.userId ?? `29:${randomUUID()}`, ...(options.aadObjectId ? { aadObjectId: options.aadObjectId } : {}) },
      recipient: { id: 'bot' },
      conversation: { id: conversationId, ...(options.tenantId ? { tenantId: options.tenantId } : {}), ...(options.conversationType ? { conversationType: options.conversationType } : {}) },
      ...(options.tenantId ? { channelData: { tenant: { id: options.tenantId } } } : {}),
      deliveryMode: 'expectReplies',
    });
    if (status !== 200) throw new Error(`bot answered HTTP ${status}`);
    return (body as { activities: Partial<Activity>[] }).activities;
  };
  return { say, texts: async (text) => (await say(text)).map(activityText).join('\n') };
}
