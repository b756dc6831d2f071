/**
 * Professional replies. In Teams, ONE Adaptive Card per turn (schema 1.5,
 * which Teams renders on desktop and mobile): whatever the dialogs said
 * during the turn (an outcome, then the next question) is gathered by
 * `collectProCards` and sent as one activity, so nothing shows twice and
 * the buttons are those of the last question. Figures are FactSets and
 * Tables, not text aligned with spaces. A button posts its label back the
 * way every Teams client can (see src/bot/teamsSubmit.ts), so a typed
 * answer and a click are the same. Elsewhere (tests, the Emulator) the
 * same reply is rendered as text by channels/render.
 */
import { type Activity, CardFactory, type TurnContext } from 'botbuilder';
import { submitData } from '../../src/bot/teamsSubmit';
import { channelKind } from '../../src/channels/channelKind';
import { render } from '../../src/channels/render';
import { escapeMarkdown } from '../../src/domain/untrustedText';
import type { Translate } from '../../src/i18n';

/** A small table: a header row, then rows whose first cell names the row. */
export interface ProTable {
  heading: string;
  columns: string[];
  rows: string[][];
  /** Said instead of the table when it has no row. */
  empty?: string;
}

export interface ProCard {
  title?: string;
  /** Label / value pairs (a FactSet). */
  facts?: [string, string][];
  /** Sections: a heading and its lines. */
  sections?: { heading?: string; lines: string[] }[];
  tables?: ProTable[];
  /** Plain lines after the facts, sections and tables. */
  lines?: string[];
  /** Links opened in the browser (a download), shown after the lines. */
  links?: { title: string; url: string }[];
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
  for (const table of card.tables ?? []) {
    parts.push(`${table.heading} :`);
    if (table.rows.length === 0 && table.empty) parts.push(table.empty);
    for (const [key, ...cells] of table.rows) {
      parts.push(`- ${key} : ${cells.map((cell, i) => `${table.columns[i + 1]} ${cell}`).join(' · ')}`);
    }
  }
  parts.push(...(card.lines ?? []));
  for (const link of card.links ?? []) parts.push(`${link.title} : ${link.url}`);
  return parts.join('\n');
}

// TextBlocks, Facts and cells render markdown: names and texts from the store are escaped, never links.
const md = escapeMarkdown;
const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: md(value), wrap: true, ...extra });

function tableElement(table: ProTable): Record<string, unknown>[] {
  const heading = text(table.heading, { weight: 'Bolder', spacing: 'Medium' });
  if (table.rows.length === 0) return [heading, text(table.empty ?? '—', { isSubtle: true, spacing: 'Small' })];
  const row = (cells: string[], header: boolean) => ({
    type: 'TableRow',
    cells: cells.map((cell) => ({ type: 'TableCell', items: [text(cell, header ? { weight: 'Bolder' } : {})] })),
  });
  return [
    heading,
    {
      type: 'Table',
      spacing: 'Small',
      firstRowAsHeader: true,
      showGridLines: true,
      gridStyle: 'default',
      // The first column names the row; the figures are right-aligned and narrower.
      columns: table.columns.map((_, i) => (i === 0 ? { width: 3 } : { width: 2, horizontalCellContentAlignment: 'Right' })),
      rows: [row(table.columns, true), ...table.rows.map((cells) => row(cells, false))],
    },
  ];
}

function bodyOf(card: ProCard): Record<string, unknown>[] {
  const body: Record<string, unknown>[] = [];
  if (card.title) body.push(text(card.title, { weight: 'Bolder', size: 'Medium' }));
  if (card.facts?.length)
    body.push({ type: 'FactSet', facts: card.facts.map(([title, value]) => ({ title: md(title), value: md(value) })) });
  for (const section of card.sections ?? []) {
    if (section.heading) body.push(text(section.heading, { weight: 'Bolder', spacing: 'Medium' }));
    for (const line of section.lines) body.push(text(`• ${line}`, { spacing: 'Small' }));
  }
  for (const table of card.tables ?? []) body.push(...tableElement(table));
  for (const line of card.lines ?? []) body.push(text(line));
  if (card.links?.length) {
    body.push({ type: 'ActionSet', actions: card.links.map((link) => ({ type: 'Action.OpenUrl', title: link.title, url: link.url })) });
  }
  return body;
}

/** The buttons are those of the last card that has some: the question the turn ends on. */
function lastChoices(cards: ProCard[]): string[] {
  return [...cards].reverse().find((card) => card.choices?.length)?.choices ?? [];
}

function allText(cards: ProCard[]): string {
  return cards.map(cardText).filter(Boolean).join('\n');
}

export function adaptiveCard(cards: ProCard | ProCard[]): Record<string, unknown> {
  const list = Array.isArray(cards) ? cards : [cards];
  const body = list.flatMap((card, i) => {
    const elements = bodyOf(card);
    // Each earlier message of the turn is set apart by a line, as separate messages would be.
    if (i > 0 && elements[0]) elements[0] = { ...elements[0], separator: true, spacing: 'Medium' };
    return elements;
  });
  const choices = lastChoices(list);
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: [allText(list), ...choices.map((c, i) => `${i + 1}. ${c}`)].join('\n'),
    body,
    actions: choices.map((label, i) => ({ type: 'Action.Submit', title: `${i + 1}. ${label}`, data: submitData(label) })),
  };
}

/** One activity for the whole turn in Teams; the same text and choices elsewhere. */
export function proActivities(cards: ProCard | ProCard[], channelId: string, t: Translate): Partial<Activity>[] {
  const list = Array.isArray(cards) ? cards : [cards];
  const kind = channelKind(channelId);
  if (kind !== 'teams') return render({ text: allText(list), choices: lastChoices(list) }, kind, t);
  return [{ type: 'message', attachments: [CardFactory.adaptiveCard(adaptiveCard(list))] }];
}

const TURN_CARDS = Symbol('proTurnCards');

/**
 * Runs a professional's turn, gathering every card its dialogs send, then
 * sends them as one activity. A failure still sends what was said before
 * it (a prescription done must be told), then lets the error go on.
 */
export async function collectProCards(context: TurnContext, t: Translate, run: () => Promise<void>): Promise<void> {
  const cards: ProCard[] = [];
  context.turnState.set(TURN_CARDS, cards);
  try {
    await run();
  } finally {
    context.turnState.delete(TURN_CARDS);
    if (cards.length) await context.sendActivities(proActivities(cards, context.activity.channelId, t));
  }
}

export async function sendProCard(context: TurnContext, card: ProCard, t: Translate): Promise<void> {
  const gathering = context.turnState.get<ProCard[] | undefined>(TURN_CARDS);
  if (gathering) gathering.push(card);
  else await context.sendActivities(proActivities(card, context.activity.channelId, t));
}

/** A short message: a card with one text block in Teams, plain text elsewhere. */
export async function sendProText(context: TurnContext, text: string, t: Translate, choices?: string[]): Promise<void> {
  await sendProCard(context, { lines: [text], choices }, t);
}
