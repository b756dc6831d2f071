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
import type { Services } from '../services/services';

/** Turn-state key: the booking a reminder reply is about. */
export const REMINDED_BOOKING = Symbol('remindedBooking');

/** The booking a reminder reply is about, if this turn is one. */
export function remindedBooking(context: TurnContext): string | undefined {
  return context.turnState.get(REMINDED_BOOKING) as string | undefined;
}

let phrases: Set<string> | undefined;

/** « annuler », the button's label and a few ways of saying it. */
export function isReminderCancel(text: string | undefined): boolean {
  phrases ??= new Set([...frenchList('reminders:cancel_phrases'), french()('reminders:cancel_button')].map(normalize));
  return !!text && phrases.has(normalize(text));
}

export class ReminderReplyMiddleware implements Middleware {
  constructor(
    private readonly services: Services,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.type === 'message' && activity.from?.id && isReminderCancel(activity.text)) {
      const bookingId = await this.remindedSession(activity.channelId, activity.from.id);
      if (bookingId) context.turnState.set(REMINDED_BOOKING, bookingId);
    }
    return next();
  }

  /** The session of the latest reminder sent to this person that can still be cancelled. */
  private async remindedSession(channelId: string, userId: string): Promise<string | undefined> {
    const { channelLinks, stores } = this.services;
    const beneficiaryId = await channelLinks.beneficiaryOf(channelId, userId);
    if (!beneficiaryId) return undefined;
    const now = this.now();
    const reminders = (await stores.outbox.list({ beneficiaryId, statuses: ['sent'] }))
      .filter((m) => m.kind === 'reminder' && m.bookingId)
      .sort((a, b) => (b.sentAt?.getTime() ?? 0) - (a.sentAt?.getTime() ?? 0));
    for (const reminder of reminders) {
      const booking = await stores.bookings.get(reminder.bookingId!);
      const slot = booking?.status === 'confirmed' ? await stores.slots.get(booking.slotId) : undefined;
      if (slot && slot.start.getTime() > now.getTime()) return booking!.id;
    }
    return undefined;
  }
}
