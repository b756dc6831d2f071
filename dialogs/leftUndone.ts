/**
 * A goodbye at a confirmation (« D'accord ? » before booking, moving or
 * cancelling) leaves the thing undone: the person is told so before the
 * goodbye, never left to think « c'est fait ».
 */
import type { PendingQuestion } from './turnUnderstanding';

/** The confirmations, by their prompt's id, and the sentence that says what was not done. */
const CONFIRMATIONS: Record<string, string> = {
  'book.confirm': 'menu.bye_not_booked',
  'myBookings.moveConfirm': 'menu.bye_not_moved',
  'myBookings.confirm': 'menu.bye_not_cancelled',
};

/** The key of the sentence saying what a goodbye now leaves undone, if the question is a confirmation. */
export function leftUndoneKey(pending: PendingQuestion | undefined): string | undefined {
  return pending ? CONFIRMATIONS[pending.instance.id] : undefined;
}
