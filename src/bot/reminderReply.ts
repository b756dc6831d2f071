/**
 * « ANNULER » (on SMS) or the « Annuler cette séance » button (elsewhere)
 * in answer to a reminder: the person means THAT session. This middleware
 * finds it — a reminder sent to the person recognised on this channel,
 * whose session is still booked and still ahead — and leaves its booking id
 * in the turn state; MainDialog then opens the cancellation of that session
 * (with its consequence for the hours, and a yes/no) instead of treating
 * « annuler » as "stop what we were doing". Anything else goes on as usual.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import { french, frenchList } from '../i18n';
import { normalize } from '../nlu/normalize';
import type { ReminderAnswers } from '../services/reminders/answers';

/** Turn-state key: the booking a reminder reply is about. */
export const REMINDED_BOOKING = Symbol('remindedBooking');

/** The booking a reminder reply is about, if this turn is one. */
export function remindedBooking(context: TurnContext): string | undefined {
  return context.turnState.get<string | undefined>(REMINDED_BOOKING);
}

let phrases: Set<string> | undefined;

/** « annuler », the button's label and a few ways of saying it. */
export function isReminderCancel(text: string | undefined): boolean {
  phrases ??= new Set([...frenchList('reminders:cancel_phrases'), french()('reminders:cancel_button')].map(normalize));
  return !!text && phrases.has(normalize(text));
}

export class ReminderReplyMiddleware implements Middleware {
  constructor(
    private readonly answers: ReminderAnswers,
    private readonly now: () => Date,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.type === 'message' && activity.from?.id && isReminderCancel(activity.text)) {
      const bookingId = await this.answers.remindedBooking(activity.channelId, activity.from.id, this.now());
      if (bookingId) context.turnState.set(REMINDED_BOOKING, bookingId);
    }
    return next();
  }
}
