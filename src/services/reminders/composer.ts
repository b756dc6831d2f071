/**
 * Writes the text of a due message from what the store says NOW, or says
 * why it must not go: the booking was cancelled or moved since, the carnet
 * was used up, the person was erased.
 */
import { formatDate, formatSession } from '../../../dialogs/format';
import type { OutboxMessage } from '../../domain/outbox';
import type { Programme } from '../../domain/programme';
import type { Translate } from '../../i18n';
import type { Stores } from '../../store/repositories';

export type Composed =
  | { kind: 'text'; text: string }
  /** Not to be sent any more (not an error): the reason is stored. */
  | { kind: 'cancel'; reason: string }
  /** Cannot be sent, and never will: marked failed at once. */
  | { kind: 'fail'; reason: string };

export class MessageComposer {
  constructor(
    private readonly stores: Stores,
    private readonly programmes: Programme[],
    private readonly t: Translate,
  ) {}

  async compose(message: OutboxMessage, now: Date): Promise<Composed> {
    const { t } = this;
    if (!(await this.stores.beneficiaries.get(message.beneficiaryId))) return { kind: 'fail', reason: 'beneficiary_erased' };
    const programme = this.programmes.find((p) => p.id === message.programmeId);
    if (!programme) return { kind: 'fail', reason: 'programme_unknown' };
    const book = programme.voucherBook.word;
    switch (message.kind) {
      case 'reminder':
      case 'feedback':
      case 'confirmation': {
        const booking = message.bookingId ? await this.stores.bookings.get(message.bookingId) : undefined;
        if (!booking) return { kind: 'fail', reason: 'booking_missing' };
        const slot = await this.stores.slots.get(booking.slotId);
        if (!slot) return { kind: 'fail', reason: 'slot_missing' };
        if (message.kind === 'confirmation') {
          const key = booking.status === 'confirmed' ? 'reminders:confirmation.booked' : 'reminders:confirmation.cancelled';
          const place = await this.stores.places.get(slot.placeId);
          return { kind: 'text', text: t(key, { when: formatSession(slot.start, t), place: place?.name ?? '' }) };
        }
        if (booking.status !== 'confirmed') return { kind: 'cancel', reason: 'booking_ended' };
        if (message.kind === 'feedback') return { kind: 'text', text: t('reminders:feedback.question') };
        if (slot.start.getTime() <= now.getTime()) return { kind: 'cancel', reason: 'session_past' };
        const place = await this.stores.places.get(slot.placeId);
        return {
          kind: 'text',
          text: t('reminders:reminder', {
            when: formatSession(slot.start, t),
            place: place?.name ?? '',
            address: place ? `${place.address}, ${place.commune}` : '',
            book,
          }),
        };
      }
      case 'expiry': {
        const voucherBook = message.voucherBookId ? await this.stores.voucherBooks.get(message.voucherBookId) : undefined;
        if (!voucherBook) return { kind: 'fail', reason: 'book_missing' };
        if (voucherBook.status !== 'active' || voucherBook.hoursLeft <= 0 || voucherBook.expiresAt.getTime() <= now.getTime()) {
          return { kind: 'cancel', reason: 'book_used_or_expired' };
        }
        return {
          kind: 'text',
          text: t('reminders:expiry', {
            book,
            date: formatDate(voucherBook.expiresAt, t),
            hours: t('common.hours', { count: voucherBook.hoursLeft }),
          }),
        };
      }
    }
  }
}
