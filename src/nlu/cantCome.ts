/**
 * « je peux plus venir vendredi », « je pourrai pas venir lundi »: the
 * person cannot come to a session. The intent model reads words one by
 * one, and « je peux … venir vendredi » is much like « je peux venir
 * vendredi », a booking. Said so, it is never a booking: the model's
 * booking becomes the cancellation (which asks which session, and says
 * what happens to the hour), sure. A move the model is sure of, or said
 * with a word that changes a session (« je peux pas venir, on peut décaler ? »), stands. The phrases
 * live in locales/fr/intents.json (`cantCome`), matched as whole words.
 */
import { french } from '../i18n';
import type { Intent } from './intentLexicon';
import { normalize } from './normalize';

type Ranked = { intent: Intent; score: number };

/** As sure as a request that takes the person away from a question (understand's SWITCH_FLOW_SCORE). */
const SURE = 0.9;

/** Letters doubled or not alike (« je pourais pas venir »): the commonest slip. */
const collapseLetters = (text: string) => text.replace(/([a-z])\1+/g, '$1');
const listOf = (key: string) => (french()(key, { returnObjects: true }) as string[]).map((p) => collapseLetters(normalize(p)));

let phrases: { cantCome: string[]; change: string[] } | undefined;

function lexicon(): { cantCome: string[]; change: string[] } {
  phrases ??= { cantCome: listOf('intents:cantCome.phrases'), change: listOf('intents:bookOrMove.change') };
  return phrases;
}

/** The message, normalised, letters collapsed, padded with spaces: whole words only. */
const padded = (text: string) =>
  ` ${collapseLetters(
    normalize(text)
      .replace(/[?!.,]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  )} `;
const holds = (said: string, list: readonly string[]) => list.some((p) => said.includes(` ${p} `));

export function saysCantCome(text: string): boolean {
  return holds(padded(text), lexicon().cantCome);
}

export function refineCantCome(text: string, ranked: Ranked[]): Ranked[] {
  const best = ranked[0];
  if (!best || !saysCantCome(text)) return ranked;
  // A move the model is unsure of, with no word that changes a session (« je pourais pas venir vendredi »), is no move either.
  const unsureMove = best.intent === 'move_booking' && best.score < SURE && !holds(padded(text), lexicon().change);
  if (best.intent !== 'book' && best.intent !== 'cancel_booking' && !unsureMove) return ranked;
  const merged = (r: Ranked) => r.intent === 'book' || r.intent === 'cancel_booking' || r === best;
  // The words decide: sure enough to leave a question for it (« je peux plus venir vendredi » at the parcours question).
  const score = Math.max(
    SURE,
    Math.min(
      1,
      ranked.filter(merged).reduce((sum, r) => sum + r.score, 0),
    ),
  );
  return [{ intent: 'cancel_booking', score }, ...ranked.filter((r) => !merged(r))];
}
