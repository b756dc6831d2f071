/**
 * The SMS of one turn, as few billed segments as the texts allow: what the
 * turn said is packed into messages of at most MAX_SEGMENTS segments each
 * (a message of 3 segments costs 3, two messages of 1 and 2 segments cost
 * 3 as well, but a text of 1.1 segments sent alone costs 2). A list of
 * options stays whole with the question before it and its « Répondez »
 * line: it is never split between two messages.
 */
import { isGsm7Character, smsCost } from './segments';
import { splitText } from '../splitText';

/** At most this many segments a message (459 GSM-7 characters): phones join them into one. */
export const MAX_SEGMENTS = 3;
/** A GSM-7 message of MAX_SEGMENTS segments, less room for a few two-septet characters (€). */
const CHARS_PER_MESSAGE = 153 * MAX_SEGMENTS - 9;

/** One reply of the turn, already GSM-7: its text, and the numbered options asked after it. */
export interface SmsBlock {
  text: string;
  /** The options and the « Répondez » line; kept with the text's last line (the question). */
  list?: string;
}

const EXTENSION = /[\f^{}\\[~\]|€]/g;
const SEPTETS_CAPACITY = 153 * MAX_SEGMENTS;

/**
 * Whether a GSM-7 text fits MAX_SEGMENTS segments. Counting septets is
 * enough far from the limit; near it (an escape septet may not straddle
 * two segments) the calculator decides. The calculator is slow enough
 * (grapheme splitting) that calling it for every candidate showed.
 */
function fits(text: string): boolean {
  if (![...text].every(isGsm7Character)) return smsCost(text).segments <= MAX_SEGMENTS;
  const septets = text.length + (text.match(EXTENSION)?.length ?? 0);
  if (septets <= SEPTETS_CAPACITY - 2 * MAX_SEGMENTS) return true;
  if (septets > SEPTETS_CAPACITY) return false;
  return smsCost(text).segments <= MAX_SEGMENTS;
}

/** Pieces that may go to different messages: the text's lines, then the question with its list. */
function units(block: SmsBlock): string[] {
  const lines = block.text.split('\n').filter((line) => line.trim());
  if (!block.list) return lines;
  const question = lines.pop();
  return [...lines, question ? `${question}\n${block.list}` : block.list];
}

export function splitSms(blocks: readonly SmsBlock[]): string[] {
  const messages: string[] = [];
  let current = '';
  for (const unit of blocks.flatMap(units)) {
    const candidate = current ? `${current}\n${unit}` : unit;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current) messages.push(current);
    current = '';
    if (fits(unit)) current = unit;
    else messages.push(...splitText(unit, CHARS_PER_MESSAGE));
  }
  if (current) messages.push(current);
  return messages;
}
