/**
 * Replies to the proactive messages, read against what was sent: « ANNULER »
 * after a reminder means that reminder's session; a bare 1–5 after the
 * feedback question is its rating. The middleware in src/bot recognises the
 * words; what they refer to is decided here, from the outbox.
 */
import type { Stores } from '../../store/repositories';
import type { ChannelLinks } from '../channelLinks';

/** After this, a digit is a menu choice again, not a rating. */
export const ANSWER_WINDOW_MS = 12 * 3_600_000;

export class ReminderAnswers {
  constructor(
    private readonly stores: Pick<Stores, 'outbox' | 'bookings' | 'slots'>,
    private readonly channelLinks: ChannelLinks,
  ) {}

  /** The session of the latest reminder sent to the person behind this channel user that can still be cancelled. */
  async remindedBooking(channelId: string, userId: string, now: Date): Promise<string | undefined> {
    const beneficiaryId = await this.channelLinks.beneficiaryOf(channelId, userId);
    if (!beneficiaryId) return undefined;
    const reminders = (await this.stores.outbox.list({ beneficiaryId, statuses: ['sent'] }))
      .filter((m) => m.kind === 'reminder' && m.bookingId)
      .sort((a, b) => (b.sentAt?.getTime() ?? 0) - (a.sentAt?.getTime() ?? 0));
    for (const reminder of reminders) {
      const booking = await this.stores.bookings.get(reminder.bookingId!);
      const slot = booking?.status === 'confirmed' ? await this.stores.slots.get(booking.slotId) : undefined;
      if (slot && slot.start.getTime() > now.getTime()) return booking!.id;
    }
    return undefined;
  }

  /**
   * Stores `rating` on the unanswered feedback question sent last to this
   * person within the answer window; false when there is none (the digit
   * then means something else).
   */
  async recordRating(channelId: string, userId: string, rating: number, now: Date): Promise<boolean> {
    const beneficiaryId = await this.channelLinks.beneficiaryOf(channelId, userId);
    if (!beneficiaryId) return false;
    // The question asked last, when several are open (two sessions, two questions).
    const asked = (await this.stores.outbox.list({ beneficiaryId, statuses: ['sent'] }))
      .filter((m) => m.kind === 'feedback' && m.rating === undefined && m.sentAt && now.getTime() - m.sentAt.getTime() <= ANSWER_WINDOW_MS)
      .sort((a, b) => (b.sentAt?.getTime() ?? 0) - (a.sentAt?.getTime() ?? 0))[0];
    return !!asked && (await this.stores.outbox.recordRating(asked.id, rating, now));
  }
}
