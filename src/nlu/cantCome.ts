/**
 * « je peux plus venir vendredi », « je pourrai pas venir lundi »: the
 * person cannot come to a session. The intent model reads words one by
 * one, and « je peux … venir vendredi » is much like « je peux venir
 * vendredi », a booking. Said so, it is never a booking: the model's
 * booking becomes the cancellation (which asks which session, and says
 * what happens to the hour), sure. A move the model reads
 * (« je peux pas jeudi, on peut mettre vendredi ? ») stands. The phrases
 * live in locales/fr/intents.json (`cantCome`), matched as whole words.
 */
import { french } from '../i18n';
import type { Intent } from './intentLexicon';
import { normalize } from './normalize';

type Ranked = { intent: Intent; score: number };

/** As sure as a request that takes the person away from a question (understand's SWITCH_FLOW_SCORE). */
const SURE = 0.9;

let phrases: string[] | undefined;

function cantComePhrases(): string[] {
  phrases ??= (french()('intents:cantCome.phrases', { returnObjects: true }) as string[]).map(normalize);
  return phrases;
}

export function saysCantCome(text: string): boolean {
  const said = ` ${normalize(text)
    .replace(/[?!.,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
  return cantComePhrases().some((p) => said.includes(` ${p} `));
}

export function refineCantCome(text: string, ranked: Ranked[]): Ranked[] {
  const best = ranked[0]?.intent;
  if ((best !== 'book' && best !== 'cancel_booking') || !saysCantCome(text)) return ranked;
  const merged = (r: Ranked) => r.intent === 'book' || r.intent === 'cancel_booking';
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
