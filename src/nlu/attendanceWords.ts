/**
 * What a trainer says about a session in their own words: « elle est pas
 * venue », « absente », « pas là » (missed); « elle est venue », « présente »,
 * « elle était là » (attended); and whether they are correcting what they
 * just marked (« oups », « en fait », « je me suis trompée »). Phrases live
 * in locales/fr/pro.json (`sessions`), matched as whole words of the
 * normalised message. A no-show is looked for first: « elle est pas venue »
 * holds « venue », « pas présente » holds « présente ».
 */
import { DateTime } from 'luxon';
import { PARIS_ZONE } from '../domain/openingHours';
import { frenchList } from '../i18n';
import { normalize } from './normalize';

export type SaidAttendance = 'attended' | 'missed';

/** A sentence, not a paragraph: « elle etait la » inside a long message may be about anything. */
const MAX_WORDS = 16;

function padded(text: string): string | undefined {
  const said = normalize(text);
  return !said || said.split(' ').length > MAX_WORDS ? undefined : ` ${said} `;
}

function holds(said: string, listKey: string): boolean {
  return frenchList(listKey).some((phrase) => said.includes(` ${normalize(phrase)} `));
}

/** Attended or missed, as the message says; undefined when it says neither. */
export function readAttendance(text: string): SaidAttendance | undefined {
  const said = padded(text);
  if (!said) return undefined;
  if (holds(said, 'pro:sessions.missed_synonyms')) return 'missed';
  if (holds(said, 'pro:sessions.attended_synonyms')) return 'attended';
  return undefined;
}

/** « oups », « non en fait », « je me suis trompé(e) », « erreur », « corriger »: the last mark was wrong. */
export function saysCorrection(text: string): boolean {
  const said = padded(text);
  return !!said && holds(said, 'pro:sessions.correction_words');
}

/**
 * « je veux marquer la présence de Martine », « faire l'appel »: a session
 * to mark, the mark not said yet.
 */
export function asksToMark(text: string): boolean {
  const said = padded(text);
  return !!said && holds(said, 'pro:sessions.mark_request_words');
}

/** The days back a day word means (« hier » 1), the longest phrase first: « avant hier » before « hier ». */
function dayPhrases(): { phrase: string; daysBack: number }[] {
  return ['0', '1', '2']
    .flatMap((daysBack) =>
      frenchList(`pro:sessions.mark_days.${daysBack}`).map((p) => ({ phrase: normalize(p), daysBack: Number(daysBack) })),
    )
    .sort((a, b) => b.phrase.length - a.phrase.length);
}

export interface MarkDay {
  /** The Paris calendar date, yyyy-MM-dd. */
  day: string;
  /** The words that said it, to leave out of a name. */
  words: string;
}

/**
 * The day a trainer's sentence is about: « hier », « avant-hier », « ce
 * matin » (today), « lundi » (the last Monday, today if it is one). Only
 * days past or today: a mark is for a session that has started, and the
 * week's list keeps those of the 7 days before still to mark
 * (services/pro/attendance.ts), so a weekday is at most 6 days back.
 */
export function findMarkDay(text: string, now: Date): MarkDay | undefined {
  const said = padded(text);
  if (!said) return undefined;
  const today = DateTime.fromJSDate(now, { zone: PARIS_ZONE }).startOf('day');
  const found = dayPhrases().find(({ phrase }) => said.includes(` ${phrase} `));
  if (found) return { day: today.minus({ days: found.daysBack }).toISODate()!, words: found.phrase };
  const weekdays = frenchList('pro:sessions.weekdays').map(normalize);
  const index = weekdays.findIndex((w) => said.includes(` ${w} `));
  if (index < 0) return undefined;
  const after = frenchList('pro:sessions.weekday_after')
    .map(normalize)
    .sort((a, b) => b.length - a.length)
    .find((w) => said.includes(` ${weekdays[index]} ${w} `));
  const daysBack = (today.weekday - (index + 1) + 7) % 7;
  return { day: today.minus({ days: daysBack }).toISODate()!, words: after ? `${weekdays[index]} ${after}` : weekdays[index] };
}

/**
 * The message without its attendance words: « martine est pas venue » →
 * « martine », « je veux marquer la présence de Martine Delmas » →
 * « martine delmas », « Gérard Faure était absent hier » → « gerard faure »
 * (the name is what is left).
 */
export function withoutAttendanceWords(text: string, now?: Date): string {
  let said = ` ${normalize(text)
    .replace(/[?!.,;:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
  const day = now && findMarkDay(text, now);
  if (day) said = said.split(` ${day.words} `).join(' ');
  const phrases = [
    ...frenchList('pro:sessions.missed_synonyms'),
    ...frenchList('pro:sessions.attended_synonyms'),
    ...frenchList('pro:sessions.mark_request_words'),
    ...frenchList('pro:sessions.mark_verbs'),
    // « corriger josette », « josette était là finalement »: the correction's words are no name either.
    ...frenchList('pro:sessions.correction_words'),
  ]
    .map(normalize)
    .sort((a, b) => b.length - a.length);
  for (const phrase of phrases) said = said.split(` ${phrase} `).join(' ');
  return said.replace(/\s+/g, ' ').trim();
}

/** What splits one message into statements about several people: « elle était là, c'est Sylvie qui est pas venue ». */
const CLAUSE_BREAK = /[,;.!?]| et | mais | puis | par contre /;

/**
 * The statements of a message, each about one session: the clauses that say
 * a mark or a correction, when there are two or more; else the whole
 * message (one statement, « josette pas venue »).
 */
export function attendanceClauses(text: string): string[] {
  const clauses = ` ${text} `
    .split(CLAUSE_BREAK)
    .map((c) => c.trim())
    .filter((c) => c && (readAttendance(c) || saysCorrection(c)));
  return clauses.filter((c) => readAttendance(c)).length >= 2 ? clauses.filter((c) => readAttendance(c)) : [text];
}

/**
 * « qui vient lundi ? », « qui vient lundi prochain », « qui est inscrit
 * demain »: a day ahead whose sessions the trainer asks for (a weekday is
 * the next one, today's included; « prochain » the one after today), or a
 * day behind said as such (« hier », « lundi dernier »); undefined when no
 * day is named. Paris date, yyyy-MM-dd.
 */
export function findComingDay(text: string, now: Date): string | undefined {
  const said = padded(text);
  if (!said) return undefined;
  const today = DateTime.fromJSDate(now, { zone: PARIS_ZONE }).startOf('day');
  const ahead = frenchList('pro:sessions.days_ahead')
    .map((entry) => entry.split('|'))
    .map(([phrase, days]) => ({ phrase: normalize(phrase), days: Number(days) }))
    .sort((a, b) => b.phrase.length - a.phrase.length)
    .find(({ phrase }) => said.includes(` ${phrase} `));
  if (ahead) return today.plus({ days: ahead.days }).toISODate()!;
  const weekdays = frenchList('pro:sessions.weekdays').map(normalize);
  const index = weekdays.findIndex((w) => said.includes(` ${w} `));
  if (index < 0) return findMarkDay(text, now)?.day;
  const before = frenchList('pro:sessions.weekday_past')
    .map(normalize)
    .some((w) => said.includes(` ${weekdays[index]} ${w} `));
  if (before) return findMarkDay(text, now)?.day;
  const next = said.includes(` ${weekdays[index]} prochain `);
  const daysAhead = (index + 1 - today.weekday + 7) % 7;
  return today.plus({ days: next && daysAhead === 0 ? 7 : daysAhead }).toISODate()!;
}

/** « qui vient », « qui est inscrit », « j'ai qui »: the trainer asks who is booked (pro.json intents.who_comes). */
export function asksWhoComes(text: string): boolean {
  const said = padded(text);
  return !!said && frenchList('pro:intents.who_comes').some((phrase) => said.includes(` ${normalize(phrase)} `));
}
