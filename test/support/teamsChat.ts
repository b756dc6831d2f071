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

/** How a Teams client posts a button press (see src/bot/teamsSubmit.ts). */
export type TeamsClient = 'desktop' | 'mobile';

export interface ProChat {
  say(text: string): Promise<Partial<Activity>[]>;
  /**
   * Presses the button of the last card whose title ends with `label`, as
   * the client does: desktop posts messageBack's text and value, mobile
   * posts the button's data as the value, with no text at all.
   */
  press(replies: Partial<Activity>[], label: string, client: TeamsClient): Promise<Partial<Activity>[]>;
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
  options: {
    channelId?: string;
    aadObjectId?: string;
    tenantId?: string;
    userId?: string;
    serviceUrl?: string;
    conversationType?: string;
  } = {},
): ProChat {
  const conversationId = randomUUID();
  const channelId = options.channelId ?? 'msteams';
  const post = async (message: { text?: string; value?: unknown }) => {
    const { status, body } = await bot.post({
      type: 'message',
      id: randomUUID(),
      ...message,
      channelId,
      ...(options.serviceUrl ? { serviceUrl: options.serviceUrl } : {}),
      from: { id: options.userId ?? `29:${randomUUID()}`, ...(options.aadObjectId ? { aadObjectId: options.aadObjectId } : {}) },
      recipient: { id: 'bot' },
      conversation: {
        id: conversationId,
        ...(options.tenantId ? { tenantId: options.tenantId } : {}),
        ...(options.conversationType ? { conversationType: options.conversationType } : {}),
      },
      ...(options.tenantId ? { channelData: { tenant: { id: options.tenantId } } } : {}),
      deliveryMode: 'expectReplies',
    });
    if (status !== 200) throw new Error(`bot answered HTTP ${status}`);
    return (body as { activities: Partial<Activity>[] }).activities;
  };
  const say = (text: string) => post({ text });
  const press = (replies: Partial<Activity>[], label: string, client: TeamsClient) => {
    const data = buttonData(replies, label);
    const back = (data as { msteams?: { type?: string; text?: string; value?: unknown } }).msteams;
    if (client === 'mobile') return post({ value: data });
    if (back?.type === 'messageBack') return post({ text: back.text, value: back.value });
    if (back?.type === 'imBack') return post({ text: String(back.value) });
    return post({ value: data });
  };
  return { say, press, texts: async (text) => (await say(text)).map(activityText).join('\n') };
}

/** The Action.Submit data of the last button titled « N. label » in the replies' cards. */
export function buttonData(replies: Partial<Activity>[], label: string): unknown {
  const actions = replies
    .flatMap((a) => a.attachments ?? [])
    .flatMap((attachment) => (attachment.content as { actions?: { type: string; title: string; data?: unknown }[] })?.actions ?? []);
  const action = actions.reverse().find((a) => a.type === 'Action.Submit' && a.title.replace(/^\d+\. /, '') === label);
  if (!action) throw new Error(`no button « ${label} » in ${JSON.stringify(actions.map((a) => a.title))}`);
  return action.data;
}
