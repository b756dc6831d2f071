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
  /** « LOZ-ZZZZ-ZZZ »: typed as a carnet number, whose check character says a letter is wrong; no name to look for. */
  mistypedNumber?: string;
  name?: string;
  birthDate?: string;
}

/**
 * `prescribe`: a carnet for someone (named in the sentence, or asked for);
 * `audit`: who consulted a beneficiary's file.
 */
export type ProIntent = 'new_person' | 'prescribe' | 'today' | 'week' | 'figures' | 'audit';

let stopWords: Set<string> | undefined;

/** The person a sentence is about, or undefined when it names nobody. */
export function parsePersonQuery(text: string, today: Date = new Date()): PersonQueryText | undefined {
  const voucherBook = findVoucherBookNumber(text);
  if (voucherBook.ok) return { voucherBookNumber: voucherBook.number };
  const mistyped = voucherBook.reason === 'check' ? typedAsNumber(text) : undefined;
  if (mistyped) return { mistypedNumber: mistyped };
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

/** A number's shape alone (« LOZ-ZZZZ-ZZZ », « loz zzzz zz9 »): its prefix in capitals or a digit in it, as people type carnets. */
const NUMBER_SHAPE = /^([A-Za-z]{2,4})[-\s]?([A-Za-z0-9]{4})[-\s]?([A-Za-z0-9]{3})$/;

function typedAsNumber(text: string): string | undefined {
  const typed = text.trim();
  const shape = NUMBER_SHAPE.exec(typed);
  if (!shape || !(/\d/.test(typed) || /^[A-Z]{2,4}[-\s]/.test(typed))) return undefined;
  return shape.slice(1).join('-').toUpperCase();
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

/**
 * The phrase lists of pro.json, in the order they are tried. « qui a vu le
 * dossier de Martine » is about the file's log before anything it names;
 * « prescrire un carnet à une nouvelle personne » is new_person; the
 * figures (« combien de carnets cette semaine ») come before the session
 * lists, except « combien de séances aujourd'hui », which those answer.
 */
const INTENT_LISTS: readonly [ProIntent, string][] = [
  ['audit', 'pro:intents.audit'],
  ['new_person', 'pro:intents.new_person'],
  ['figures', 'pro:intents.figures'],
  ['figures', 'pro:figures_measures.books'],
  ['figures', 'pro:figures_measures.beneficiaries'],
  ['prescribe', 'pro:intents.prescribe'],
  // « combien de séances annulées aujourd'hui » too: the session lists do not say cancellations.
  ['figures', 'pro:figures_measures.cancelled'],
  ['today', 'pro:intents.today'],
  ['week', 'pro:intents.week'],
  ['figures', 'pro:figures_measures.sessions'],
];

/**
 * What only a professional asks, for a Teams user not registered: neither
 * « qui a vu mon dossier ? » nor « combien de carnets j'ai eus ? », which a
 * beneficiary asks about their own.
 */
const ONLY_PROFESSIONALS = INTENT_LISTS.filter(
  ([intent, key]) => intent !== 'audit' && key !== 'pro:figures_measures.books' && key !== 'pro:figures_measures.beneficiaries',
);

export function matchProIntent(text: string, lists: readonly [ProIntent, string][] = INTENT_LISTS): ProIntent | undefined {
  const said = ` ${normalize(text).replace(/\?/g, '').trim()} `;
  return lists.find(([, key]) => frenchList(key).some((phrase) => said.includes(` ${normalize(phrase)} `)))?.[0];
}

/** « qui a vu le dossier de Martine »: the person, once the question's own words are left out. */
export function auditedPerson(text: string, today: Date = new Date()): PersonQueryText | undefined {
  // « Qui a consulté le dossier DRO-VALE-NCK ? »: the number as typed (its capitals say it is one), before the words are lowered.
  const typed = findVoucherBookNumber(text);
  if (typed.ok) return { voucherBookNumber: typed.number };
  let said = ` ${normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;
  for (const phrase of frenchList('pro:intents.audit')) said = said.replace(` ${normalize(phrase)} `, ' ');
  return parsePersonQuery(said, today);
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
  if (matchProIntent(text, ONLY_PROFESSIONALS)) return true;
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
