/**
 * Reads a birth date as people type it: "12/04/1958", "12-04-58",
 * "12 04 1958", "12041958", "120458" (ddmmyy), "12 avril 1958", "12 avril 58",
 * "1er avril 1958", and in words: "cinq mars cinquante", "le vingt et un
 * juin mille neuf cent quarante sept". Gives an ISO
 * date (YYYY-MM-DD) or undefined. Deliberately simple and strict: a wrong
 * guess here would lock a person out of their own carnet.
 */
import { DateTime } from 'luxon';
import { cardinalOf, readCardinal } from './cardinalWords';
import { normalize } from './normalize';

/** Month names and the abbreviations people type, to month numbers (also read by whenEntity.ts). */
export const MONTHS: Record<string, number> = {
  janvier: 1,
  janv: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  mars: 3,
  avril: 4,
  avr: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  juil: 7,
  aout: 8,
  septembre: 9,
  sept: 9,
  octobre: 10,
  oct: 10,
  novembre: 11,
  nov: 11,
  decembre: 12,
  dec: 12,
};

function fullYear(year: string, today: DateTime): number {
  if (year.length === 4) return Number(year);
  const yy = Number(year);
  // "58" is 1958, "05" is 2005 only if that is not in the future.
  return 2000 + yy <= today.year ? 2000 + yy : 1900 + yy;
}

function toIsoWithin(day: number, month: number, year: number, today: DateTime, earliestYear: number): string | undefined {
  const date = DateTime.fromObject({ year, month, day }, { zone: 'Europe/Paris' });
  if (!date.isValid || year < earliestYear || date > today) return undefined;
  return date.toISODate() ?? undefined;
}

/** `earliestYear`: older dates are no reading (a professional's form reads them, to say why they are refused). */
export function parseBirthDate(text: string, today: Date = new Date(), earliestYear = 1900): string | undefined {
  const now = DateTime.fromJSDate(today, { zone: 'Europe/Paris' });
  const toIso = (day: number, month: number, year: number, at: DateTime) => toIsoWithin(day, month, year, at, earliestYear);
  const said = normalize(text).replace(/\b1er\b/, '1');
  const numeric = /\b(\d{1,2})[\s/.]+(\d{1,2})[\s/.]+(\d{4}|\d{2})\b/.exec(said.replace(/\s*[/.]\s*/g, '/'));
  if (numeric) return toIso(Number(numeric[1]), Number(numeric[2]), fullYear(numeric[3], now), now);
  const compact = /\b(\d{2})(\d{2})(\d{4}|\d{2})\b/.exec(said);
  if (compact) return toIso(Number(compact[1]), Number(compact[2]), fullYear(compact[3], now), now);
  const worded = /\b(\d{1,2}) ([a-z]+) (\d{4}|\d{2})\b/.exec(said);
  if (worded && MONTHS[worded[2]]) return toIso(Number(worded[1]), MONTHS[worded[2]], fullYear(worded[3], now), now);
  return inWords(said.split(' '), now, earliestYear);
}

/** A day (1 to 3 words, or digits) just before a month name, a year after it: « le cinq mars cinquante ». */
function inWords(tokens: readonly string[], now: DateTime, earliestYear: number): string | undefined {
  for (let at = 1; at < tokens.length - 1; at += 1) {
    const month = MONTHS[tokens[at]];
    if (!month) continue;
    const day = dayBefore(tokens, at);
    const year = yearFrom(tokens, at + 1, now);
    if (day && year) return toIsoWithin(day, month, year, now, earliestYear);
  }
  return undefined;
}

function dayBefore(tokens: readonly string[], month: number): number | undefined {
  if (/^\d{1,2}$/.test(tokens[month - 1])) return Number(tokens[month - 1]);
  for (let words = Math.min(3, month); words >= 1; words -= 1) {
    // The longest number said decides: « trente deux février » is no 2 February.
    const day = cardinalOf(tokens.slice(month - words, month));
    if (day !== undefined) return day >= 1 && day <= 31 ? day : undefined;
  }
  return undefined;
}

/**
 * « cinquante », « 58 », « mille neuf cent cinquante »: a year said in two
 * words is from twenty on (« cinq mars un rendez-vous » holds none).
 */
function yearFrom(tokens: readonly string[], at: number, now: DateTime): number | undefined {
  if (/^(?:\d{2}|\d{4})$/.test(tokens[at])) return fullYear(tokens[at], now);
  const said = readCardinal(tokens, at)?.value;
  if (said === undefined) return undefined;
  if (said >= 20 && said <= 99) return fullYear(String(said), now);
  return said >= 1900 ? said : undefined;
}

/** A birth date written with digits, as parseBirthDate reads it (« 12/04/1958 », « 12 04 58 », « 12041958 », « 12 avril 1958 »). */
const DIGIT_DATE =
  /\b\d{1,2}\s*[\s/.-]\s*\d{1,2}\s*[\s/.-]\s*(?:\d{4}|\d{2})\b|\b\d{6}(?:\d{2})?\b|\b(?:1er|\d{1,2})\s+\p{L}+\s+(?:\d{4}|\d{2})\b/giu;

/**
 * The text without a birth date written with digits: « LOZ-MEND-E4L
 * 12/04/1958 je voudrais un rdv » asks what its words ask, the date is an
 * answer. Only when the text holds a birth date at all (a worded one stays).
 */
export function withoutBirthDate(text: string, today: Date = new Date()): string {
  if (!parseBirthDate(text, today)) return text;
  return text.replace(DIGIT_DATE, (said) => (parseBirthDate(said, today) ? ' ' : said));
}

/**
 * Why an answer that is only digits is no birth date, to say so rather
 * than « pas reconnu »: a month past 12 (« 07/21/1967 », month and day
 * swapped: the date the other way round is offered when it exists), a day
 * the month has not, or a year alone (« 1967 »). Undefined when the answer
 * holds letters (a carnet number, words) or reads as a date.
 */
export type DateMisread =
  | { kind: 'month'; said: string; month: number; swapped?: string }
  | { kind: 'day'; said: string }
  | { kind: 'yearOnly'; said: string; year: string };

export function dateMisread(text: string, today: Date = new Date()): DateMisread | undefined {
  const said = text.trim();
  if (!/^[\d\s/.-]+$/.test(said) || parseBirthDate(said, today)) return undefined;
  if (/^(?:19|20)\d\d$/.test(said)) return { kind: 'yearOnly', said, year: said };
  const parts = /^(\d{1,2})\s*[\s/.-]\s*(\d{1,2})\s*[\s/.-]\s*(\d{4}|\d{2})$/.exec(said);
  if (!parts) return undefined;
  const [day, month] = [Number(parts[1]), Number(parts[2])];
  if (month > 12) {
    const other = parseBirthDate(`${parts[2]}/${parts[1]}/${parts[3]}`, today);
    const swapped = other ? DateTime.fromISO(other).toFormat('dd/LL/yyyy') : undefined;
    return { kind: 'month', said, month, ...(swapped ? { swapped } : {}) };
  }
  return day >= 1 && month >= 1 ? { kind: 'day', said } : undefined;
}
