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
  /**
   * A list of the person's own sessions, there to cancel or move one:
   * « annuler » is its answer (which one to cancel), not a stop.
   */
  cancelsOne?: true;
  /**
   * Messages the question answers itself, whatever request the model hears
   * in them (« si j'annule je pourrai en reprendre une autre ? » at the
   * cancellation's confirmation: what becomes of the hour, not a new cancellation).
   */
  reads?: (text: string) => boolean;
}

/** What a question is about, for its side questions: the eligibility questions, the département a programme depends on, the erasure's birth date. */
export type AsideTopic = 'eligibility' | 'programme' | 'erasure';

const kinds = new WeakMap<Dialog, QuestionKind>();

export function asking<T extends Dialog>(kind: Expectation | QuestionKind, prompt: T): T {
  kinds.set(prompt, typeof kind === 'string' ? { expecting: kind } : kind);
  return prompt;
}

export function questionKind(prompt: Dialog | undefined): QuestionKind | undefined {
  return prompt ? kinds.get(prompt) : undefined;
}

const asideTopics = new WeakMap<Dialog, AsideTopic>();

/**
 * Side questions asked at this prompt instead of its answer (« c'est
 * payant ? », « qui décide ? », « pourquoi vous demandez ça ? ») are
 * answered, and the question comes back; the topic says how
 * (sideQuestions.ts). Apart from the kind: a prompt keeps the kind it has,
 * or none.
 */
export function answeringAsides<T extends Dialog>(topic: AsideTopic, prompt: T): T {
  asideTopics.set(prompt, topic);
  return prompt;
}

export function asideTopic(prompt: Dialog | undefined): AsideTopic | undefined {
  return prompt ? asideTopics.get(prompt) : undefined;
}
