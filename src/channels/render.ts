/**
 * One reply, three renderings. Dialogs describe WHAT to say (text and
 * choices); this module decides HOW each channel shows it:
 * - SMS: plain GSM-7 text, options numbered, "Répondez 1, 2 ou 3", at most
 *   3 segments a message, never a card or a button (sms/smsBlock.ts,
 *   sms/splitSms.ts);
 * - Teams: a hero card with buttons (Teams shows suggested actions poorly);
 * - Web Chat and others: text with suggested actions, numbered too so that
 *   typing the number works everywhere.
 */
import { ActionTypes, type Activity, CardFactory, MessageFactory } from 'botbuilder';
import { escapeMarkdown } from '../domain/untrustedText';
import { submitData } from '../bot/teamsSubmit';
import type { Translate } from '../i18n';
import type { ChannelKind } from './channelKind';
import { smsBlock } from './sms/smsBlock';
import { splitSms } from './sms/splitSms';

export interface Reply {
  text: string;
  /** Labels of the options, in order; the user may answer by number or word. */
  choices?: string[];
  /**
   * The options in full, when the labels are short (« mer. 2 déc. 14h »):
   * listed, numbered, in the message; the buttons keep the short labels.
   */
  details?: string[];
}

function numbered(choices: string[]): string {
  return choices.map((label, i) => `${i + 1}. ${label}`).join('\n');
}

export function render(reply: Reply, kind: ChannelKind, t: Translate): Partial<Activity>[] {
  const choices = reply.choices ?? [];
  if (kind === 'sms') {
    return splitSms([smsBlock(reply, t)]).map((part) => MessageFactory.text(part));
  }
  const text = webText(reply.details ? `${reply.text}\n${numbered(reply.details)}` : reply.text);
  // Teams reads a message's text as markdown: the plain format keeps an imported name from becoming a link.
  if (choices.length === 0) return [kind === 'teams' ? { ...MessageFactory.text(text), textFormat: 'plain' } : MessageFactory.text(text)];
  if (kind === 'teams') return [teamsCard(text, choices)];
  const message = MessageFactory.suggestedActions(
    choices.map((label, i) => ({ type: ActionTypes.ImBack, title: `${i + 1}. ${label}`, value: label })),
    text,
  );
  return [message];
}

/**
 * On a screen, « menu » never breaks after « or before »: the spaces inside
 * the guillemets become non-breaking (SMS keeps its own characters).
 */
export function webText(text: string): string {
  return text.replace(/« /g, '«\u00a0').replace(/ »/g, '\u00a0»');
}

/**
 * Teams: an Adaptive Card whose buttons say their label when pressed, in
 * every Teams client (src/bot/teamsSubmit.ts), so the same recognition
 * serves buttons, numbers and words. The text is the card's body and its
 * fallback only: Teams shows an activity's text AND its card, so a text on
 * the activity too would show the message twice. TextBlocks render
 * markdown, so the text is escaped: a place name cannot become a link.
 */
function teamsCard(text: string, choices: string[]): Partial<Activity> {
  const card = CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: [text, ...choices.map((label, i) => `${i + 1}. ${label}`)].join('\n'),
    body: text.split('\n').map((line) => ({ type: 'TextBlock', text: escapeMarkdown(line), wrap: true })),
    actions: choices.map((label, i) => ({
      type: 'Action.Submit',
      title: `${i + 1}. ${label}`,
      data: submitData(label),
    })),
  });
  return MessageFactory.attachment(card);
}
