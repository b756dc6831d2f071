/**
 * Plain questions with one answer wherever they are asked (at the menu, as
 * a first message, at a question, which comes back after): « c'est un robot
 * qui répond ? », « allo y a quelqu'un », « quelqu'un peut venir chez moi ? »,
 * « j'ai pas d'ordi », « faut avoir un ordi ? », « les heures ça se perd ? »,
 * « une séance ça dure combien ? », « plusieurs séances le même jour ? »,
 * « c payant de vous répondre ? » (the SMS, not the pass). The intent model reads
 * them as nothing, or as something else (« perd » as « je m'y perds », the
 * help; « chez moi » as a place search). Also « mon fils m'a dit de vous
 * écrire »: someone new here, told of the service by someone else. Phrases
 * live in locales/fr/intents.json (`plainQuestions`, `newHere`), matched as
 * whole words of the normalised message.
 */
import { french } from '../i18n';
import { normalize } from './normalize';

export type PlainQuestion = 'whoAnswers' | 'homeVisit' | 'noComputer' | 'hoursExpire' | 'sessionLength' | 'severalSameDay' | 'smsCost';
/**
 * In this order: « y a quelqu'un pour venir chez moi ? » asks for a home visit, not whether anyone is there;
 * « deux séances le même jour, ça dure combien ? » asks about the day.
 */
const QUESTIONS: PlainQuestion[] = ['hoursExpire', 'homeVisit', 'noComputer', 'severalSameDay', 'sessionLength', 'smsCost', 'whoAnswers'];

interface Lexicon {
  phrases: Record<PlainQuestion, string[]>;
  maxWords: Record<PlainQuestion, number>;
  newHere: string[];
}

let lexicon: Lexicon | undefined;

function words(): Lexicon {
  if (!lexicon) {
    const raw = french()('intents:plainQuestions', { returnObjects: true }) as Record<string, unknown>;
    const newHere = french()('intents:newHere.phrases', { returnObjects: true }) as string[];
    lexicon = {
      phrases: Object.fromEntries(QUESTIONS.map((q) => [q, ((raw[q] as string[] | undefined) ?? []).map(normalize)])) as Record<
        PlainQuestion,
        string[]
      >,
      maxWords: raw.maxWords as Record<PlainQuestion, number>,
      newHere: newHere.map(normalize),
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
