/**
 * What a trainer says about a session in their own words: « elle est pas
 * venue », « absente », « pas là » (missed); « elle est venue », « présente »,
 * « elle était là » (attended); and whether they are correcting what they
 * just marked (« oups », « en fait », « je me suis trompée »). Phrases live
 * in locales/fr/pro.json (`sessions`), matched as whole words of the
 * normalised message. A no-show is looked for first: « elle est pas venue »
 * holds « venue », « pas présente » holds « présente ».
 */
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

/** The message without its attendance words: « martine est pas venue » → « martine est » (the name is what is left). */
export function withoutAttendanceWords(text: string): string {
  let said = ` ${normalize(text)} `;
  const phrases = [...frenchList('pro:sessions.missed_synonyms'), ...frenchList('pro:sessions.attended_synonyms')]
    .map(normalize)
    .sort((a, b) => b.length - a.length);
  for (const phrase of phrases) said = said.split(` ${phrase} `).join(' ');
  return said.trim();
}
