/**
 * One reply, three renderings. Dialogs describe WHAT to say (text and
 * choices); this module decides HOW each channel shows it:
 * - SMS: plain GSM-7 text, options numbered, "Répondez 1, 2 ou 3", at most
 *   320 characters (3 segments) a message, never a card or a button
 *   (sms/smsBlock.ts, sms/splitSms.ts);
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
import type { Reply } from './reply';

export type { Reply };

export function render(reply: Reply, kind: ChannelKind, t: Translate): Partial<Activity>[] {
  const shortcuts = reply.choices?.length ? [] : (reply.shortcuts ?? []);
  const choices = reply.choices?.length ? reply.choices : shortcuts;
  const title = (label: string, i: number) => (shortcuts.length ? label : `${i + 1}. ${label}`);
  if (kind === 'sms') {
    return splitSms([smsBlock(reply, t)]).map((part) => MessageFactory.text(part));
  }
  // Only the options whose button is shorter than their full wording are listed (the others read the same).
  const listed = (reply.details ?? []).flatMap((full, i) => (full !== choices[i] ? [`${i + 1}. ${full}`] : []));
  const text = webText(listed.length ? `${reply.text}\n${listed.join('\n')}` : reply.text);
  // Teams reads a message's text as markdown: the plain format keeps an imported name from becoming a link.
  if (choices.length === 0) return [kind === 'teams' ? { ...MessageFactory.text(text), textFormat: 'plain' } : MessageFactory.text(text)];
  if (kind === 'teams') return [teamsCard(text, choices, title)];
  const message = MessageFactory.suggestedActions(
    choices.map((label, i) => ({ type: ActionTypes.ImBack, title: title(label, i), value: label })),
    text,
  );
  return [message];
}

/**
 * On a screen, « menu » never breaks after « or before »: the spaces inside
 * the guillemets become non-breaking, and so do a phone number's (SMS keeps
 * its own characters).
 */
export function webText(text: string): string {
  return (
    text
      .replace(/« /g, '«\u00a0')
      .replace(/ »/g, '\u00a0»')
      // A phone number is read whole: « 04 66 42 61 47 » never ends a line at « 04 ».
      .replace(/\b0\d( \d\d){4}\b/g, (phone) => phone.replace(/ /g, '\u00a0'))
  );
}

/**
 * Teams: an Adaptive Card whose buttons say their label when pressed, in
 * every Teams client (src/bot/teamsSubmit.ts), so the same recognition
 * serves buttons, numbers and words. The text is the card's body and its
 * fallback only: Teams shows an activity's text AND its card, so a text on
 * the activity too would show the message twice. TextBlocks render
 * markdown, so the text is escaped: a place name cannot become a link.
 */
function teamsCard(text: string, choices: string[], title: (label: string, i: number) => string): Partial<Activity> {
  const card = CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: [text, ...choices.map(title)].join('\n'),
    body: text.split('\n').map((line) => ({ type: 'TextBlock', text: escapeMarkdown(line), wrap: true })),
    actions: choices.map((label, i) => ({
      type: 'Action.Submit',
      title: title(label, i),
      data: submitData(label),
    })),
  });
  return MessageFactory.attachment(card);
}

/** The text of a prompt given as a string or as an activity (botbuilder's PromptOptions allow both). */
export function promptText(prompt: string | Partial<Activity> | undefined): string {
  return typeof prompt === 'string' ? prompt : (prompt?.text ?? '');
}
