/**
 * Reads what a professional typed: a carnet number, a person's name (with
 * or without a birth date) once the filler words are removed ("quel est le
 * solde de Mme Martin ?" → "martin"), or one of the pro intents. Also tells
 * whether a sentence looks like a professional request at all, to answer
 * an unregistered Teams user with how to get access.
 */
import { parseBirthDate } from './birthDate';
import { trainedIntentRecognizer } from './intentModel';
import { findVoucherBookNumber } from './voucherBookNumberEntity';
import { normalize } from './normalize';
import { frenchList } from '../i18n';
import { saysSocialWorker } from './situationEntity';

export interface PersonQueryText {
  voucherBookNumber?: string;
  name?: string;
  birthDate?: string;
}

/** `prescribe`: a carnet for someone (named in the sentence, or asked for). */
export type ProIntent = 'new_person' | 'prescribe' | 'today' | 'week' | 'figures';

let stopWords: Set<string> | undefined;

/** The person a sentence is about, or undefined when it names nobody. */
export function parsePersonQuery(text: string, today: Date = new Date()): PersonQueryText | undefined {
  const voucherBook = findVoucherBookNumber(text);
  if (voucherBook.ok) return { voucherBookNumber: voucherBook.number };
  stopWords ??= new Set(frenchList('pro:search.stop_words').map(normalize));
  const birthDate = parseBirthDate(text, today);
  // Dates, numbers and month names are not part of a name.
  const words = normalize(text)
    .replace(/\?/g, ' ')
    .split(' ')
    .filter((w) => w && !/\d/.test(w) && !stopWords!.has(w) && !MONTH_WORDS.has(w));
  const name = words.join(' ');
  if (name.replace(/\s/g, '').length < 2) return birthDate ? { birthDate } : undefined;
  return { name, ...(birthDate ? { birthDate } : {}) };
}

const MONTH_WORDS = new Set([
  'janvier',
  'fevrier',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'aout',
  'septembre',
  'octobre',
  'novembre',
  'decembre',
  'er',
]);

/** As sure as the main dialog must be to switch flow. */
const PRO_INTENT_SCORE = 0.85;

export function matchProIntent(text: string): ProIntent | undefined {
  const said = ` ${normalize(text).replace(/\?/g, '').trim()} `;
  // « prescrire un carnet à une nouvelle personne » is new_person: it is tried first.
  for (const intent of ['new_person', 'prescribe', 'today', 'week', 'figures'] as const) {
    if (frenchList(`pro:intents.${intent}`).some((phrase) => said.includes(` ${normalize(phrase)} `))) return intent;
  }
  return undefined;
}

/**
 * Sentences only a professional would send: about another person's
 * balance or file, a prescription, attendance, or saying they are one
 * (the intent model's pro_access and prescribe). Used for unregistered Teams
 * users only; beneficiaries elsewhere keep their own flows. Someone who says
 * a social worker follows them (« je suis suivie par une assistante
 * sociale ») is a beneficiary, however much it sounds like the job.
 */
export function looksLikeProRequest(text: string): boolean {
  const said = normalize(text);
  if (matchProIntent(text)) return true;
  if (saysSocialWorker(text)) return false;
  const [best] = trainedIntentRecognizer().classify(text);
  if (best && (best.intent === 'pro_access' || best.intent === 'prescribe') && best.score >= PRO_INTENT_SCORE) return true;
  // « je suis travailleuse sociale au CMS de Valence »: a professional saying who they are.
  if (saysOneOf(text, 'pro:intents.professional')) return true;
  return (
    /\b(solde|dossier|heures) (de|du) (mme|madame|m|monsieur|mr|mlle)\b/.test(said) ||
    /\b(prescrire|prescription|presence|presences|emargement)\b/.test(said)
  );
}

/**
 * « comment j'ai accès ? », « je m'inscris où ? »: a question about getting
 * access, which only means professional access right after the bot said how
 * a professional gets it (a beneficiary's « accès » is to their own hours).
 */
export function asksAboutAccess(text: string): boolean {
  return saysOneOf(text, 'pro:intents.access_follow_up');
}

/** One of the locale list's phrases stands in the text as whole words. */
function saysOneOf(text: string, listKey: string): boolean {
  const words = ` ${normalize(text)
    .replace(/[?!.,;:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
  return frenchList(listKey).some((phrase) => words.includes(` ${normalize(phrase)} `));
}
