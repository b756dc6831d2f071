/**
 * A button pressed in a Teams card arrives in several shapes: with
 * `msteams.messageBack` the desktop client posts the text and the value;
 * with `imBack` the text only; the mobile clients (and a plain
 * Action.Submit) post the value alone, with no text at all. Every dialog
 * reads `activity.text`, so the choice carried by the value is put there,
 * and a button press is the same as the words typed. A mention of the bot
 * (in a channel or group chat) is not part of what the person said.
 */
import { type Middleware, type TurnContext, TurnContext as Turn } from 'botbuilder';

/** What the bot's own cards put in an Action.Submit's data (dialogs/pro/cards.ts, channels/render.ts). */
export interface SubmitData {
  choice: string;
  msteams?: { type: 'messageBack'; displayText: string; text: string; value?: unknown };
}

/** The data of a button that says `label` when pressed, in every Teams client. */
export function submitData(label: string): SubmitData {
  return { choice: label, msteams: { type: 'messageBack', displayText: label, text: label, value: { choice: label } } };
}

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** The words a submitted value stands for, whichever client shaped it. */
export function submittedText(value: unknown): string | undefined {
  const data = parsed(value);
  if (typeof data === 'string') return data.trim() || undefined;
  if (!data || typeof data !== 'object') return undefined;
  const record = data as { choice?: unknown; text?: unknown; msteams?: { text?: unknown; value?: unknown; displayText?: unknown } };
  for (const candidate of [record.choice, record.text, record.msteams?.text, record.msteams?.displayText]) {
    if (typeof candidate === 'string' && candidate.trim()) return candidate.trim();
  }
  // imBack as the mobile client posts it: { msteams: { type: 'imBack', value: 'Oui' } }.
  if (record.msteams?.value !== undefined) return submittedText(record.msteams.value);
  return undefined;
}

export class TeamsSubmitMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.channelId === 'msteams' && activity.type === 'message') {
      if (activity.recipient?.id && activity.entities?.some((e) => e.type === 'mention')) Turn.removeRecipientMention(activity);
      if (!activity.text?.trim() && activity.value !== undefined) {
        const text = submittedText(activity.value);
        if (text) activity.text = text;
      }
    }
    await next();
  }
}
