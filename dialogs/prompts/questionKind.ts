/**
 * What a prompt asks for, told once where the prompt is made:
 * `asking('when', new NumberedChoicePrompt(…))`. The router reads it to
 * understand a message as an answer first (a typo-tolerant commune at the
 * commune question, a moment at the session list) and to tell an answer
 * from a new request; a `dropped` question (« Voulez-vous un rappel ? »)
 * is not asked again once the person starts something else.
 */
import type { Dialog } from 'botbuilder-dialogs';
import type { Expectation } from '../../src/nlu/understand';

export interface QuestionKind {
  expecting: Expectation;
  /** An offer after the task was done: a new request drops it instead of coming back to it. */
  dropped?: true;
  /**
   * Asked once the flow gave its answer (« Et maintenant ? » after the
   * places): a request for that same flow (« trouver un lieu ») is a new
   * search, not this question's answer.
   */
  afterAnswer?: true;
  /**
   * Asked right after a list of places: « c'est ouvert quand ? » is about
   * those places, and « et à Valence ? » the same search at another
   * commune; the question reads both itself.
   */
  aboutPlacesListed?: true;
}

const kinds = new WeakMap<Dialog, QuestionKind>();

export function asking<T extends Dialog>(kind: Expectation | QuestionKind, prompt: T): T {
  kinds.set(prompt, typeof kind === 'string' ? { expecting: kind } : kind);
  return prompt;
}

export function questionKind(prompt: Dialog | undefined): QuestionKind | undefined {
  return prompt ? kinds.get(prompt) : undefined;
}
