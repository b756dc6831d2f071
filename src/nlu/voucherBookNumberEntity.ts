/**
 * Finds a carnet number in what a person typed: alone ("loz mend e4l") or
 * in a sentence ("mon numéro c'est LOZ-MEND-E4L"). Consecutive words are
 * glued together and tried as a number; the check character tells a typo
 * apart from words that merely look like one, and a number splits only
 * where its dashes are (« Crest dans la » is no CRES-TDAN-SLA).
 */
import { foldAccents } from '../domain/text';
import { type VoucherBookNumberParse, parseVoucherBookNumber } from '../domain/voucherBookNumber';

/** Prefix (2–4 letters) + 7 characters. */
const MIN_LENGTH = 9;
const MAX_LENGTH = 11;

interface Found {
  parse: VoucherBookNumberParse;
  /** Where in the text the words read as the number start and end (none for a number found as the whole text). */
  from: number;
  to: number;
}

/** Ordinary words glued pass the check one time in 32 (« pour valance » → POUR-VALA-NCE): a carnet typed has a digit, or its prefix in capitals. */
const TYPED_AS_NUMBER = /\d|^[A-Z]{2,4}[-\s]/;

/** The prefix glued words would have as a carnet number: the letters before its last 7 characters. */
const prefixOf = (glued: string) => glued.toUpperCase().slice(0, -7);

/** Where typed characters break between words, counted in letters and digits: « loz mend e4l » breaks after 3 and 7. */
function breaksOf(typed: string): number[] {
  const breaks: number[] = [];
  let count = 0;
  for (const word of typed.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (count > 0) breaks.push(count);
    count += word[0].length;
  }
  return breaks;
}

/**
 * A person types a carnet whole, or split where its dashes are (prefix,
 * then 4, then 3): « loz mend e4l », « lozmend e4l ». Ordinary words glued
 * break elsewhere — « Crest dans la » would be CRES-TDAN-SLA, « PORT DANS
 * LA » POR-TDAN-SLA — and would pass the check one time in 32.
 */
function splitAtItsDashes(typed: string, glued: string): boolean {
  const prefixLength = glued.length - 7;
  return breaksOf(typed).every((at) => at === prefixLength || at === prefixLength + 4);
}

/**
 * Words of a longer message read as a carnet only when typed as one: with
 * a digit, a prefix in capitals (in a message not all in capitals), or a
 * served programme's prefix (« c'est loz mend eal »). Else « je voudrais
 * prendre un rdv » is a mistyped carnet.
 */
function typedAsNumber(words: string, glued: string, prefixes: readonly string[], message: string): boolean {
  if (/\d/.test(words) || prefixes.includes(prefixOf(glued))) return true;
  // A message all in capitals (« LA CELETTE DANS LA DROME ») says nothing by its capitals.
  return TYPED_AS_NUMBER.test(words) && /\p{Ll}/u.test(message);
}

/** The number read, and where: a right one first, else one whose only fault is its check character. */
function scan(text: string, prefixes: readonly string[] = []): Found {
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const parsed = parseVoucherBookNumber(text);
  const looksLikeOne = parsed.ok || parsed.reason === 'check';
  const whole: VoucherBookNumberParse =
    looksLikeOne && !splitAtItsDashes(text, tokens.map((t) => t[0]).join('')) ? { ok: false, reason: 'format' } : parsed;
  if (whole.ok) return { parse: whole, from: 0, to: text.length };
  let typo: Found | undefined;
  for (let start = 0; start < tokens.length; start += 1) {
    let glued = '';
    for (let end = start; end < tokens.length && glued.length < MAX_LENGTH; end += 1) {
      glued += tokens[end][0];
      if (glued.length < MIN_LENGTH || glued.length > MAX_LENGTH) continue;
      const found = { parse: parseVoucherBookNumber(glued), from: tokens[start].index, to: tokens[end].index + tokens[end][0].length };
      if (found.parse.ok || found.parse.reason === 'check') {
        if (!splitAtItsDashes(text.slice(found.from, found.to), glued)) continue;
        // The whole message glued is what the person typed as the number; a part of it must look typed as one.
        const alone = found.from === 0 && found.to === text.trim().length;
        if (!alone && !typedAsNumber(text.slice(found.from, found.to), glued, prefixes, text)) continue;
      }
      if (found.parse.ok) return found;
      if (found.parse.reason === 'check') typo ??= found;
    }
  }
  return typo ?? { parse: whole, from: 0, to: 0 };
}

/** The carnet number in a message; `prefixes` (the served programmes') let a number in lower case without digits count inside a sentence. */
export function findVoucherBookNumber(text: string, prefixes: readonly string[] = []): VoucherBookNumberParse {
  return scan(text, prefixes).parse;
}

/**
 * The text without the words of a carnet number (a right one, or one with
 * a wrong check character): « LOZ-MEND-E4L » holds no commune « mend ».
 * With the served programmes' prefixes, a number mistyped otherwise too
 * (« LOZ-MEND-E4 », a character short: no commune « mend » either).
 */
export function withoutVoucherBookNumber(text: string, prefixes: readonly string[] = []): string {
  const { from, to } = scan(text);
  const words = text.slice(from, to);
  if (from !== to && TYPED_AS_NUMBER.test(words)) return `${text.slice(0, from)} ${text.slice(to)}`;
  const attempt = attemptedVoucherBookNumber(text, prefixes);
  return attempt ? `${text.slice(0, attempt.from)} ${text.slice(attempt.to)}` : text;
}

/** What went wrong in a carnet number typed: a wrong character, a character or more missing, or too many. */
export type VoucherBookMistake = 'typo' | 'incomplete' | 'tooLong';

export interface VoucherBookAttempt {
  mistake: VoucherBookMistake;
  /** The programme prefix typed (« LOZ »). */
  prefix: string;
  /** Where in the text the words typed as the number start and end. */
  from: number;
  to: number;
}

/** A carnet's characters after its prefix. */
const BODY_LENGTH = 7;
/** Fewer characters after the prefix than this (« loz 48 ») are no try at a number. */
const MIN_TRIED = 3;
/** At most the prefix and two groups: a carnet is typed « LOZ MEND E4L » or « LOZ MENDE4L », the words after it are others. */
const MAX_GROUPS = 2;

/** What is wrong with the characters typed after a prefix; undefined when they make a right number. */
function mistakeIn(prefix: string, body: string): VoucherBookMistake | undefined {
  if (body.length < BODY_LENGTH) return 'incomplete';
  if (body.length > BODY_LENGTH) return 'tooLong';
  // A character outside the alphabet (« 0 » for « O ») or a wrong one: the same typo to look for.
  return parseVoucherBookNumber(prefix + body).ok ? undefined : 'typo';
}

/** Between the groups of a carnet typed: dashes, spaces, dots. */
const BETWEEN_GROUPS = /^[\s\-_.]+$/;

/**
 * A served programme's carnet number typed wrong (« LOZ-MEND-E4 », « dro
 * vale nckk », « LOZ-MEND-E0L »): its prefix, then one or two groups of
 * letters and digits, holding a digit or set off by a dash (« loz mend »
 * alone may be words). A person trying their number, never a commune.
 * Undefined for a right number, and without a served prefix.
 */
export function attemptedVoucherBookNumber(text: string, prefixes: readonly string[]): VoucherBookAttempt | undefined {
  if (prefixes.length === 0 || findVoucherBookNumber(text, prefixes).ok) return undefined;
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  for (let start = 0; start < tokens.length; start += 1) {
    const first = foldAccents(tokens[start][0]).toUpperCase();
    // Glued to its prefix (« LOZMENDE4 »), a number holds a digit; « lozere » is a word.
    const prefix = prefixes.find((p) => first === p || (first.startsWith(p) && /\d/.test(first)));
    if (!prefix) continue;
    let body = first.slice(prefix.length);
    let end = start;
    let dashed = false;
    const last = Math.min(tokens.length - 1, start + MAX_GROUPS - (body ? 1 : 0));
    for (let next = start + 1; next <= last; next += 1) {
      const between = text.slice(tokens[next - 1].index + tokens[next - 1][0].length, tokens[next].index);
      if (!BETWEEN_GROUPS.test(between)) break;
      if (between.includes('-')) dashed = true;
      body += foldAccents(tokens[next][0]).toUpperCase();
      end = next;
    }
    if (body.length < MIN_TRIED || !/^[A-Z0-9]+$/.test(body) || !(dashed || /\d/.test(body))) continue;
    const from = tokens[start].index;
    const to = tokens[end].index + tokens[end][0].length;
    const mistake = mistakeIn(prefix, body);
    if (mistake) return { mistake, prefix, from, to };
  }
  return undefined;
}
