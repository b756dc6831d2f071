/**
 * « rdv », « RDV », « rendez vous », « mon rdv », « ma séance ? »: a session
 * named and nothing asked of it. The model reads it as a booking (the words
 * are the booking's) or, with « mon », as a move, but the person may as
 * well mean the session she already has: with sessions ahead, hers are shown
 * with the choice of booking another; with none, it is a booking (the
 * dialogs decide, knowing who she is). « un rdv », « un autre rdv » ask for
 * a new one and « mes rdv » for the list: they are no session alone. The
 * words live in locales/fr/intents.json (`sessionAlone`), the greetings a
 * message may open with in `openers`.
 */
import { french } from '../i18n';
import { openerWords } from './intentLexicon';
import { normalize } from './normalize';

interface SessionAloneWords {
  /** « rdv », « rendez vous », « séance »: the session named. */
  words: string[];
  /** « mon », « le », « ma prochaine »: before it, naming no new one. */
  before: string[];
  /** « svp », « merci »: after it, asking nothing more. */
  after: string[];
  /** « bonjour », « madame »: greetings and forms of address the message may open with. */
  openers: string[];
}

let lexicon: SessionAloneWords | undefined;

function words(): SessionAloneWords {
  if (!lexicon) {
    const raw = french()('intents:sessionAlone', { returnObjects: true }) as Partial<Record<keyof SessionAloneWords, string[]>>;
    // The longer first: « mon prochain » before « mon ».
    const list = (key: keyof SessionAloneWords) => (raw[key] ?? []).map(normalize).sort((a, b) => b.length - a.length);
    const openers = [...openerWords()].sort((a, b) => b.length - a.length);
    lexicon = { words: list('words'), before: list('before'), after: list('after'), openers };
  }
  return lexicon;
}

/** `said` without one of `phrases` at its start (or end), whole words only. */
function withoutFirst(said: string, phrases: readonly string[]): string {
  const found = phrases.find((p) => said.startsWith(`${p} `));
  return found ? said.slice(found.length + 1) : said;
}
function withoutLast(said: string, phrases: readonly string[]): string {
  const found = phrases.find((p) => said.endsWith(` ${p}`));
  return found ? said.slice(0, -found.length - 1) : said;
}

/** Whether the message names a session and asks nothing of it. */
export function namesSessionAlone(text: string | undefined): boolean {
  let said = normalize(text ?? '')
    .replace(/\?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (said.length === 0 || said.length > 60) return false;
  const { words: sessionWords, before, after, openers } = words();
  // « bonjour madame rdv svp »: the greetings first, then one word before the session and the polite ones after it.
  for (let shorter = withoutFirst(said, openers); shorter !== said; shorter = withoutFirst(said, openers)) said = shorter;
  for (let shorter = withoutLast(said, after); shorter !== said; shorter = withoutLast(said, after)) said = shorter;
  said = withoutFirst(said, before);
  return sessionWords.includes(said);
}
