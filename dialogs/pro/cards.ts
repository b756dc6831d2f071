/**
 * Professional replies: in Teams an Adaptive Card (plain JSON, schema 1.4,
 * which Teams renders on desktop and mobile) whose buttons send their label
 * back as text (imBack), so a typed answer and a click are the same; the
 * card's `fallbackText` holds the whole message as text. Elsewhere (tests,
 * the Emulator) the same reply is rendered as text by channels/render.
 */
import { type Activity, CardFactory, type TurnContext } from 'botbuilder';
import { channelKind } from '../../src/channels/channelKind';
import { render } from '../../src/channels/render';
import { escapeMarkdown } from '../../src/domain/untrustedText';
import type { Translate } from '../../src/i18n';

export interface ProCard {
  title?: string;
  /** Label / value pairs (a FactSet). */
  facts?: [string, string][];
  /** Sections: a heading and its lines. */
  sections?: { heading?: string; lines: string[] }[];
  /** Plain lines after the facts and sections. */
  lines?: string[];
  choices?: string[];
}

export function cardText(card: ProCard): string {
  const parts: string[] = [];
  if (card.title) parts.push(card.title);
  for (const [label, value] of card.facts ?? []) parts.push(`${label} : ${value}`);
  for (const section of card.sections ?? []) {
    if (section.heading) parts.push(`${section.heading} :`);
    parts.push(...section.lines.map((l) => `- ${l}`));
  }
  parts.push(...(card.lines ?? []));
  return parts.join('\n');
}

export function adaptiveCard(card: ProCard): Record<string, unknown> {
  const body: Record<string, unknown>[] = [];
  // TextBlocks and Facts render markdown: names and texts from the store are escaped, never links.
  const md = escapeMarkdown;
  if (card.title) body.push({ type: 'TextBlock', text: md(card.title), weight: 'Bolder', size: 'Medium', wrap: true });
  if (card.facts?.length) body.push({ type: 'FactSet', facts: card.facts.map(([title, value]) => ({ title: md(title), value: md(value) })) });
  for (const section of card.sections ?? []) {
    if (section.heading) body.push({ type: 'TextBlock', text: md(section.heading), weight: 'Bolder', spacing: 'Medium', wrap: true });
    for (const line of section.lines) body.push({ type: 'TextBlock', text: `• ${md(line)}`, wrap: true, spacing: 'Small' });
  }
  for (const line of card.lines ?? []) body.push({ type: 'TextBlock', text: md(line), wrap: true });
  const choices = card.choices ?? [];
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    fallbackText: [cardText(card), ...choices.map((c, i) => `${i + 1}. ${c}`)].join('\n'),
    body,
    actions: choices.map((label, i) => ({
      type: 'Action.Submit',
      title: `${i + 1}. ${label}`,
      data: { msteams: { type: 'imBack', value: label } },
    })),
  };
}

export function proActivities(card: ProCard, channelId: string, t: Translate): Partial<Activity>[] {
  const kind = channelKind(channelId);
  if (kind !== 'teams') return render({ text: cardText(card), choices: card.choices }, kind, t);
  return [{ type: 'message', attachments: [CardFactory.adaptiveCard(adaptiveCard(card))] }];
}

export async function sendProCard(context: TurnContext, card: ProCard, t: Translate): Promise<void> {
  await context.sendActivities(proActivities(card, context.activity.channelId, t));
}

/** A short message: a card with one text block in Teams, plain text elsewhere. */
export async function sendProText(context: TurnContext, text: string, t: Translate, choices?: string[]): Promise<void> {
  await sendProCard(context, { lines: [text], choices }, t);
}
