/**
 * A question asked a second time — after a digression (« Je reviens à votre
 * réservation : »), after an answer given in place, after a retry — is the
 * question alone: « Merci. Quelle est votre date de naissance ? » thanks for
 * the carnet number the first time it is asked, and the second time thanks
 * for an answer not yet given. The acknowledgements a question may open with
 * live in locales/fr/conversation.json (`acknowledgements`).
 */
import { frenchList } from '../../src/i18n';

/** The question without the acknowledgement it opens with, if any. */
export function askedAgain(question: string): string {
  const opening = frenchList('conversation:acknowledgements').find((ack) => question.startsWith(`${ack} `));
  return opening ? question.slice(opening.length + 1) : question;
}

/** What a prompt keeps in its state: whether its question was already asked once. */
export interface AskedState {
  asked?: boolean;
}

/** The question's text this time: whole the first time, without its acknowledgement after (and marks it asked). */
export function questionText(state: AskedState, question: string): string {
  const text = state.asked ? askedAgain(question) : question;
  state.asked = true;
  return text;
}
