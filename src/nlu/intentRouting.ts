/**
 * What a free sentence asks for, for the main dialog: the intent model's
 * answer reduced to "start this flow", "answer in place" or nothing. Pure
 * apart from the shared model; the mapping from intents to flows lives in
 * dialogs/MainDialog.ts.
 */
import { type Clock, systemClock } from '../domain/clock';
import { asksWhatThePassIs, asksWhyHourCounted, withoutNumberUnknownClause } from './conversationSignals';
import { inOwnWords } from './speakingFor';
import { type IntentRecognizer, type IntentResult, type IntentScore, sharedIntentRecognizer } from './intentModel';
import {
  SWITCH_FLOW_MIN_WORDS,
  SWITCH_FLOW_SCORE,
  sharedLanguageModels,
  type Understanding,
  type UnderstandContext,
  understand,
} from './understand';

export { SWITCH_FLOW_MIN_WORDS, SWITCH_FLOW_SCORE };

export class IntentRouting {
  private readonly model: Promise<IntentRecognizer>;

  constructor(
    model: Promise<IntentRecognizer> = sharedIntentRecognizer(),
    private readonly clock: Clock = systemClock,
  ) {
    this.model = model;
  }

  /** The intent and the entities; dates (« demain ») are read against the injected clock. */
  async recognize(text: string): Promise<IntentResult> {
    return (await this.model).recognize(text, { now: this.clock.now() });
  }

  /** The intent and every entity of a message, read with this routing's model (see understand.ts). */
  async understand(text: string | undefined, context: Omit<UnderstandContext, 'models'>): Promise<Understanding> {
    return understand(text, { ...context, models: { ...sharedLanguageModels(), intents: await this.model } });
  }

  /**
   * The intent alone, best first: for callers that only route. Entities cost
   * far more than the intent (the date recognizer alone takes tens of
   * milliseconds on a sentence), so routing must not pay for them.
   */
  async intent(text: string): Promise<IntentScore> {
    // « pourquoi on m'a enlevé une heure ? »: the balance, which says the absence noted (conversationSignals).
    if (asksWhyHourCounted(text)) return { intent: 'balance', score: 1 };
    // « jveux des infos sur le pass », « c est pour qui »: what the pass is (conversationSignals).
    if (asksWhatThePassIs(text)) return { intent: 'about', score: 1 };
    // « un rdv a florac mais je sais pas mon numero »: the request without the clause about the number (conversationSignals).
    // « il veut savoir ce qui lui reste »: written for someone else, read as that person would write it (speakingFor).
    const best = (await this.model).classify(inOwnWords(withoutNumberUnknownClause(text)))[0];
    // Rounded as recognize() rounds it, so the thresholds mean the same.
    return { intent: best.intent, score: Math.round(best.score * 1000) / 1000 };
  }

  /**
   * The intent of a message typed while a question is pending, when it is
   * clearly a new request ("je veux annuler mon rendez-vous" while asked for
   * a commune) rather than an answer ("Mende", "oui", "12/04/1958").
   */
  async newRequest(text: string | undefined): Promise<IntentScore | undefined> {
    if (!text || text.trim().split(/\s+/).length < SWITCH_FLOW_MIN_WORDS) return undefined;
    const result = await this.intent(text);
    return result.intent !== 'unknown' && result.score >= SWITCH_FLOW_SCORE ? result : undefined;
  }
}
