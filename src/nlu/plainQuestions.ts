/**
 * Plain questions with one answer wherever they are asked (at the menu, as
 * a first message, at a question, which comes back after): « c'est un robot
 * qui répond ? », « allo y a quelqu'un », « quelqu'un peut venir chez moi ? »,
 * « j'ai pas d'ordi », « faut avoir un ordi ? », « les heures ça se perd ? »,
 * « une séance ça dure combien ? », « plusieurs séances le même jour ? »,
 * « c payant de vous répondre ? » (the SMS, not the pass), « pourquoi vous avez mon numéro ? ». The intent model reads
 * them as nothing, or as something else (« perd » as « je m'y perds », the
 * help; « chez moi » as a place search). Also « mon fils m'a dit de vous
 * écrire »: someone new here, told of the service by someone else. Phrases
 * live in locales/fr/intents.json (`plainQuestions`, `newHere`), matched as
 * whole words of the normalised message.
 */
import { french } from '../i18n';
import { normalize } from './normalize';

export type PlainQuestion =
  | 'whoAnswers'
  | 'homeVisit'
  | 'noComputer'
  | 'hoursExpire'
  | 'sessionLength'
  | 'severalSameDay'
  | 'smsCost'
  | 'whyRemembered'
  | 'forRelative';
/**
 * In this order: « y a quelqu'un pour venir chez moi ? » asks for a home visit, not whether anyone is there;
 * « deux séances le même jour, ça dure combien ? » asks about the day.
 */
const QUESTIONS: Exclude<PlainQuestion, 'forRelative'>[] = [
  'whyRemembered',
  'hoursExpire',
  'homeVisit',
  'noComputer',
  'severalSameDay',
  'sessionLength',
  'smsCost',
  'whoAnswers',
];

interface Lexicon {
  phrases: Record<Exclude<PlainQuestion, 'forRelative'>, string[]>;
  maxWords: Record<Exclude<PlainQuestion, 'forRelative'>, number>;
  newHere: string[];
  forRelative: { relatives: string[]; cues: string[]; maxWords: number };
}

let lexicon: Lexicon | undefined;

function words(): Lexicon {
  if (!lexicon) {
    const raw = french()('intents:plainQuestions', { returnObjects: true }) as Record<string, unknown>;
    const newHere = french()('intents:newHere.phrases', { returnObjects: true }) as string[];
    const relative = french()('intents:forRelative', { returnObjects: true }) as Lexicon['forRelative'];
    lexicon = {
      phrases: Object.fromEntries(QUESTIONS.map((q) => [q, ((raw[q] as string[] | undefined) ?? []).map(normalize)])) as Lexicon['phrases'],
      maxWords: raw.maxWords as Lexicon['maxWords'],
      newHere: newHere.map(normalize),
      forRelative: { relatives: relative.relatives.map(normalize), cues: relative.cues.map(normalize), maxWords: relative.maxWords },
    };
  }
  return lexicon;
}

/** The message, normalised, padded for whole-word matching, and its number of words. */
function said(text: string): { padded: string; count: number } {
  const plain = normalize(text)
    .replace(/[?!.,;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { padded: ` ${plain} `, count: plain ? plain.split(' ').length : 0 };
}

/** The plain question the message asks, if it is one. */
export function plainQuestionIn(text: string | undefined): PlainQuestion | undefined {
  const { padded, count } = said(text ?? '');
  if (count === 0) return undefined;
  if (asksForRelative(padded, count)) return 'forRelative';
  const { phrases, maxWords } = words();
  return QUESTIONS.find((q) => count <= maxWords[q] && phrases[q].some((phrase) => padded.includes(` ${phrase} `)));
}

/** Longer messages may ask something besides (« …pour prendre un rdv »), which the model reads; a story is newcomerStory.ts's. */
const MAX_NEW_HERE_WORDS = 8;

/** « mon fils m'a dit de vous écrire », « ma fille m'a donné ce numéro » and nothing more: sent here by someone. */
export function saysNewHere(text: string | undefined): boolean {
  const { padded, count } = said(text ?? '');
  return count > 0 && count <= MAX_NEW_HERE_WORDS && words().newHere.some((phrase) => padded.includes(` ${phrase} `));
}

/** « un rdv pour ma mère », « les heures de mon mari »: a request of its own, for the flows to read. */
const REQUEST_WORDS = /\b(?:rdv|rendez vous|reserver|annuler|deplacer|seances?|heures|carnet|cheques?|chequier)\b/;

/**
 * « ma mère n'a pas internet », « c'est pour mon père il a 85 ans »: someone asks for a relative, who is who the
 * answer is for (it was the menu, or the writer's own eligibility). Not « mon fils m'a dit de vous écrire » (newHere).
 */
function asksForRelative(padded: string, count: number): boolean {
  const { forRelative, newHere } = words();
  if (count > forRelative.maxWords || REQUEST_WORDS.test(padded) || newHere.some((p) => padded.includes(` ${p} `))) return false;
  const relative = forRelative.relatives.find((p) => padded.includes(` ${p} `));
  if (!relative) return false;
  // « pour ma mère », or a cue in the other words (« ma mère » alone asks nothing).
  const rest = padded.replace(` ${relative} `, ' ');
  return padded.includes(` pour ${relative} `) || forRelative.cues.some((p) => rest.includes(` ${p} `));
}
