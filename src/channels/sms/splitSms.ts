/**
 * The SMS of one turn, as few billed segments as the texts allow, no
 * message over MAX_CHARACTERS (the conversations issue: « SMS plain, ≤ 320
 * characters a message »: a longer one is a wall of text on a small
 * phone). What the turn said is cut between whole lines into messages,
 * choosing the cut that bills the fewest segments: each message is billed
 * on its own by whole segments (160 GSM-7 characters alone, 153 a segment
 * once split), so « D'accord, pas de rappel. » sent alone before the menu
 * would cost one more, and a text of 456 characters costs 3 in one message
 * but 3 as two of 302 and 153, or 4 as two of 315 and 140. Equal segments,
 * fewer messages; equal again, the first message the fullest (a list of
 * places under its title, the question last with its options). A list of
 * options stays whole with the question before it and its « Répondez »
 * line: it is never split between two messages. Nor is a block that reads
 * as one: a line that opens what follows (« Pour d'autres heures,
 * adressez-vous à : ») goes with it, and the lines of a list (« - France
 * services de Mende : 04 66 49 67 13 », « 2. Non ») with the line before
 * them — a stranger got « adressez-vous à : » as the end of one SMS and
 * the contact in the next.
 */
import { isGsm7Character, smsCost } from './segments';
import { OPENS_WHAT_FOLLOWS, splitText } from '../splitText';

/** At most this many characters a message (3 GSM-7 segments at most). */
export const MAX_CHARACTERS = 320;
/** A text cut inside a line is cut at two segments: the third is billed for 14 characters more. */
const CUT_AT = 2 * 153;

/** One reply of the turn, already GSM-7: its text, and the numbered options asked after it. */
export interface SmsBlock {
  text: string;
  /** The options and the « Répondez » line; kept with the text's last line (the question). */
  list?: string;
}

const EXTENSION = /[\f^{}\\[~\]|€]/;

/** A piece and what counting it needs: its characters, and whether it is GSM-7 without escape septets. */
interface Piece {
  text: string;
  length: number;
  plain: boolean;
}

function piece(text: string): Piece {
  const characters = [...text];
  return { text, length: characters.length, plain: !EXTENSION.test(text) && characters.every(isGsm7Character) };
}

/**
 * Segments of one candidate message. Plain GSM-7 is counted (160 alone,
 * then 153 a segment); anything else is for the calculator, which is slow
 * enough (grapheme splitting) that calling it for every candidate cut showed.
 */
function segments(text: string, length: number, plain: boolean): number {
  if (!plain) return smsCost(text).segments;
  return length <= 160 ? 1 : Math.ceil(length / 153);
}

/** The text's lines, then the question with its list. */
function units(block: SmsBlock): string[] {
  const lines = block.text.split('\n').filter((line) => line.trim());
  if (!block.list) return lines;
  const question = lines.pop();
  return [...lines, question ? `${question}\n${block.list}` : block.list];
}

/** A line of a list: a bullet, a numbered option, or indented under the line before (« dont 1 heure pour une absence »). */
const LIST_LINE = /^(?:\s|- |\d{1,2}\. )/;

const lastLine = (text: string) => text.slice(text.lastIndexOf('\n') + 1);

/**
 * Pieces that may go to different messages: whole blocks of the turn's
 * units. A line of a list goes with the line before it; a unit after one
 * that opens it (ends with « : ») goes with it too, as long as both fit a
 * message (« Voici les séances libres … : » then the question and its
 * seven options is cut after the heading rather than inside the list).
 */
function wholeBlocks(blocks: readonly SmsBlock[]): string[] {
  const lists: string[] = [];
  for (const unit of blocks.flatMap(units)) {
    if (lists.length > 0 && LIST_LINE.test(unit)) lists[lists.length - 1] += `\n${unit}`;
    else lists.push(unit);
  }
  const grouped: string[] = [];
  for (const unit of lists) {
    const before = grouped.length > 0 ? grouped[grouped.length - 1] : undefined;
    const together = before !== undefined && `${before}\n${unit}`;
    if (together && OPENS_WHAT_FOLLOWS.test(lastLine(before)) && [...together].length <= MAX_CHARACTERS)
      grouped[grouped.length - 1] = together;
    else grouped.push(unit);
  }
  return grouped;
}

/** A piece longer than a message (a long paragraph, a list too long) is cut between lines, sentences or words (splitText). */
function fitting(unit: string): string[] {
  return [...unit].length <= MAX_CHARACTERS ? [unit] : splitText(unit, CUT_AT);
}

interface Packing {
  segments: number;
  messages: number;
  /** Where the next message starts: this one holds the pieces before it. */
  next: number;
}

export function splitSms(blocks: readonly SmsBlock[]): string[] {
  const pieces = wholeBlocks(blocks).flatMap(fitting).map(piece);
  // best[i]: the cheapest way to send pieces[i..], its first message ending before best[i].next.
  // Filled from the end, so that among equal costs the first message is the fullest.
  const best: Packing[] = [];
  best[pieces.length] = { segments: 0, messages: 0, next: pieces.length };
  for (let start = pieces.length - 1; start >= 0; start -= 1) {
    let chosen: Packing | undefined;
    let length = -1;
    let plain = true;
    for (let next = start + 1; next <= pieces.length; next += 1) {
      length += 1 + pieces[next - 1].length;
      plain &&= pieces[next - 1].plain;
      if (next > start + 1 && length > MAX_CHARACTERS) break;
      const text = plain ? '' : joined(pieces, start, next);
      const after = best[next];
      const candidate = { segments: after.segments + segments(text, length, plain), messages: after.messages + 1, next };
      const better =
        !chosen ||
        candidate.segments < chosen.segments ||
        (candidate.segments === chosen.segments && candidate.messages <= chosen.messages);
      if (better) chosen = candidate;
    }
    best[start] = chosen!;
  }
  const messages: string[] = [];
  for (let start = 0; start < pieces.length; start = best[start].next) messages.push(joined(pieces, start, best[start].next));
  return messages;
}

function joined(pieces: readonly Piece[], start: number, end: number): string {
  return pieces
    .slice(start, end)
    .map((p) => p.text)
    .join('\n');
}
