/**
 * One reply, three renderings. Dialogs describe WHAT to say (text and
 * choices); this module decides HOW each channel shows it:
 * - SMS: plain text, options numbered, "Répondez 1, 2 ou 3", ≤ 320 characters
 *   a message, never a card or a button;
 * - Teams: a hero card with buttons (Teams shows suggested actions poorly);
 * - Web Chat and others: text with suggested actions, numbered too so that
 *   typing the number works everywhere.
 */
import { ActionTypes, type Activity, CardFactory, MessageFactory } from 'botbuilder';
import { escapeMarkdown } from '../domain/untrustedText';
import type { Translate } from '../i18n';
import { joinWithOr } from '../wording';
import { type ChannelKind, SMS_MAX_CHARS } from './channelKind';
import { splitText } from './splitText';

export interface Reply {
  text: string;
  /** Labels of the options, in order; the user may answer by number or word. */
  choices?: string[];
}

/** "1, 2 ou 3" in the user's language. */
export function numberRange(count: number, t: Translate): string {
  return joinWithOr(Array.from({ length: count }, (_, i) => String(i + 1)), t);
}

function numbered(choices: string[]): string {
  return choices.map((label, i) => `${i + 1}. ${label}`).join('\n');
}

export function render(reply: Reply, kind: ChannelKind, t: Translate): Partial<Activity>[] {
  const choices = reply.choices ?? [];
  if (kind === 'sms') {
    const body = choices.length
      ? `${reply.text}\n${numbered(choices)}\n${t('common.answer_with_number', { numbers: numberRange(choices.length, t) })}`
      : reply.text;
    return splitText(body, SMS_MAX_CHARS).map((part) => MessageFactory.text(part));
  }
  // Teams reads a message's text as markdown: the plain format keeps an imported name from becoming a link.
  if (choices.length === 0) return [kind === 'teams' ? { ...MessageFactory.text(reply.text), textFormat: 'plain' } : MessageFactory.text(reply.text)];
  if (kind === 'teams') return [teamsCard(reply.text, choices)];
  const message = MessageFactory.suggestedActions(
    choices.map((label, i) => ({ type: ActionTypes.ImBack, title: `${i + 1}. ${label}`, value: label })),
    reply.text,
  );
  return [message];
}

/**
 * Teams: an Adaptive Card whose buttons send their label back as if typed
 * (Teams' imBack through Action.Submit), so the same recognition serves
 * buttons, numbers and words. TextBlocks render markdown, so the text is
 * escaped: a place name cannot become a link. The text stays the card's first block and
 * the activity's text, for notifications and screen readers.
 */
function teamsCard(text: string, choices: string[]): Partial<Activity> {
  const card = CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: text.split('\n').map((line) => ({ type: 'TextBlock', text: escapeMarkdown(line), wrap: true })),
    actions: choices.map((label, i) => ({
      type: 'Action.Submit',
      title: `${i + 1}. ${label}`,
      data: { msteams: { type: 'imBack', value: label } },
    })),
  });
  return { ...MessageFactory.attachment(card), text, textFormat: 'plain' };
}
