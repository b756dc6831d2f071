/**
 * A goodbye at a confirmation (« D'accord ? » before booking, moving or
 * cancelling) leaves the thing undone: the person is told so before the
 * goodbye, never left to think « c'est fait ». So at the questions of where
 * one lives: « non merci », « merci quand même » there decline to say it
 * (no option means no at them), a goodbye that says what was not done and
 * whom to call — never « je n'ai pas compris ».
 */
import type { PendingQuestion } from './turnUnderstanding';

/** The confirmations, by their prompt's id, and the sentence that says what was not done. */
const CONFIRMATIONS: Record<string, string> = {
  'book.confirm': 'menu.bye_not_booked',
  'myBookings.moveConfirm': 'menu.bye_not_moved',
  'myBookings.confirm': 'menu.bye_not_cancelled',
};

/** The questions of where one lives (and the eligibility's), by their prompt's id, and what a goodbye there leaves undone. */
const WHERE_QUESTIONS: Record<string, string> = {
  'eligibility.commune': 'eligibility:bye_not_checked',
  'eligibility.departement': 'eligibility:bye_not_checked',
  'eligibility.answer': 'eligibility:bye_not_checked',
  'findPlace.commune': 'find_place.bye_not_searched',
  'chooseProgramme.prompt': 'programme.bye_not_said',
};

/** The key of the sentence saying what a goodbye now leaves undone, if the question is a confirmation or asks where one lives. */
export function leftUndoneKey(pending: PendingQuestion | undefined): string | undefined {
  return pending ? (CONFIRMATIONS[pending.instance.id] ?? WHERE_QUESTIONS[pending.instance.id]) : undefined;
}

/** « non merci », « merci quand même » at a question of where one lives, whose options hold no « non »: a goodbye. */
export function declinesWhere(pending: PendingQuestion | undefined, declines: boolean): boolean {
  const id = pending?.instance.id;
  return declines && id !== undefined && id !== 'eligibility.answer' && WHERE_QUESTIONS[id] !== undefined;
}
