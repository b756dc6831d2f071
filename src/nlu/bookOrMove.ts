/**
 * Book or move? The intent model reads words one by one, and « autre »
 * weighs towards moving (« un autre jour », « un autre horaire pour ma
 * séance »), so « je voudrais un autre rendez-vous », said with a session
 * already booked, was a move of that session. A second session is asked
 * for with a word that adds (« un autre rdv », « encore une séance », « un
 * deuxième rendez-vous », « un rdv en plus »); a move names what it
 * changes (« changer », « déplacer », « reporter », « à la place », or the
 * session itself: « un autre jour pour mon rdv »). When the model hesitates
 * between the two, these words decide; when it finds nothing (« une autre
 * séance » alone) or hesitates over another request, words that add a
 * session still make it a booking. A verb that books (« réserver pour
 * jeudi », « inscrivez-moi ») with nothing changed is a booking too, where
 * the model hesitates between the two (« réserver » shares its stem with
 * « modifier ma réservation »). The phrases live in
 * locales/fr/intents.json (`bookOrMove`), matched as whole words.
 */
import { french } from '../i18n';
import type { Intent } from './intentLexicon';
import { normalize } from './normalize';

interface BookOrMoveWords {
  /** « un autre », « encore une », « un deuxième »: just before a booking word, one more session. */
  another: string[];
  /** Words allowed between `another` and the booking word (« une autre petite séance »). */
  between: string[];
  /** « en plus », « supplémentaire »: with a booking word anywhere, one more session. */
  extra: string[];
  /** « rdv », « rendez vous », « séance »… */
  bookingWords: string[];
  /** « réserver », « inscrivez-moi », « prendre rdv »: the act of booking, which needs no booking word beside it. */
  bookVerbs: string[];
  /** Words that change a session: « changer », « déplacer », « reporter », « à la place ». */
  change: string[];
  /** A session already booked, named as such: « mon rdv », « ma séance ». */
  booked: string[];
  /** « annuler », « supprimer »: a cancellation said, which words that add a session do not overrule. */
  cancel: string[];
}

/** An intent and its score (the model's IntentScore). */
type Ranked = { intent: Intent; score: number };

const KEYS = ['another', 'between', 'extra', 'bookingWords', 'bookVerbs', 'change', 'booked', 'cancel'] as const;
let words: BookOrMoveWords | undefined;

function lexicon(): BookOrMoveWords {
  if (!words) {
    const raw = french()('intents:bookOrMove', { returnObjects: true }) as Partial<Record<keyof BookOrMoveWords, string[]>>;
    words = Object.fromEntries(KEYS.map((key) => [key, (raw[key] ?? []).map(normalize)])) as unknown as BookOrMoveWords;
  }
  return words;
}

/** `said` is padded with spaces: whole words only. */
const holds = (said: string, phrases: readonly string[]) => phrases.some((p) => said.includes(` ${p} `));
const opensWith = (rest: string, phrases: readonly string[]) => phrases.some((p) => rest.startsWith(` ${p} `));

/** « un autre rdv », « une autre petite séance »: an `another` phrase right before a booking word. */
function asksAnother(said: string, { another, between, bookingWords }: BookOrMoveWords): boolean {
  for (const opening of another) {
    for (let at = said.indexOf(` ${opening} `); at >= 0; at = said.indexOf(` ${opening} `, at + 1)) {
      const rest = said.slice(at + opening.length + 1);
      if (opensWith(rest, bookingWords)) return true;
      const skipped = between.find((w) => rest.startsWith(` ${w} `));
      if (skipped && opensWith(rest.slice(skipped.length + 1), bookingWords)) return true;
    }
  }
  return false;
}

/** The message normalised and padded with spaces, for whole-word matching. */
const padded = (text: string) => ` ${normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;

/**
 * What the words say: one more session, a change to the one booked, or
 * nothing either way (no booking word). `verbs`: a verb that books counts.
 */
export function bookOrMove(text: string, verbs = true): 'book' | 'move_booking' | undefined {
  const said = padded(text);
  const table = lexicon();
  const booksVerb = verbs && holds(said, table.bookVerbs);
  if (!booksVerb && !holds(said, table.bookingWords)) return undefined;
  if (holds(said, table.change)) return 'move_booking';
  // « un rdv en plus », « une séance supplémentaire »: one more, even beside « mon rdv de vendredi ».
  if (holds(said, table.extra)) return 'book';
  if (holds(said, table.booked)) return 'move_booking';
  // « réserver pour jeudi »: booking said, and nothing changed (a move names what it changes).
  return asksAnother(said, table) || booksVerb ? 'book' : undefined;
}

/** Below this, the model's best guess would not take the person away from a question: it hesitates (understand's SWITCH_FLOW_SCORE). */
const SURE = 0.85;

/**
 * The model's ranking, with book and move put right when the words say
 * which. When its best guess is one of the two, that one takes both scores
 * (the model was sure the message is about booking or moving, not which).
 * When it found nothing (« une autre séance »: « une autre » weighs towards
 * `unknown`, as in « un autre jour »), or hesitates over another request
 * (« une séance de plus »: « plus » weighs towards cancelling, as in « je ne
 * viendrai plus »), words that add a session are a booking, with the scores
 * of the guesses they put right; a request the model is sure of stands.
 */
export function refineBookOrMove(text: string, ranked: Ranked[]): Ranked[] {
  const best = ranked[0];
  if (!best) return ranked;
  const bookingOrMoving = best.intent === 'book' || best.intent === 'move_booking';
  // A cancellation the model is sure of, with no word that cancels (« une séance de plus »), is no request it is sure of.
  const noCancelWord = !holds(padded(text), lexicon().cancel);
  const cancelUnsaid = best.intent === 'cancel_booking' && noCancelWord;
  if (!bookingOrMoving && best.intent !== 'unknown' && best.score >= SURE && !cancelUnsaid) return ranked;
  // A booking verb alone does not overrule another guess (« réserver une table au restaurant » is nothing the model knows).
  const said = bookOrMove(text, bookingOrMoving);
  if (!said || (!bookingOrMoving && said !== 'book')) return ranked;
  // Words that add a session with no word that cancels: a cancellation read anywhere in the ranking is « plus » misread.
  const replaced = (r: Ranked) =>
    r.intent === 'book' || r.intent === 'move_booking' || r === best || (said === 'book' && noCancelWord && r.intent === 'cancel_booking');
  const score = Math.min(
    1,
    ranked.filter(replaced).reduce((sum, r) => sum + r.score, 0),
  );
  return [{ intent: said, score }, ...ranked.filter((r) => !replaced(r))];
}
