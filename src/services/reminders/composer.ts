/**
 * Writes the text of a due message from what the store says NOW, or says
 * why it must not go: the booking was cancelled or moved since, the carnet
 * was used up, the person was erased.
 */
import { shownAddress } from '../../domain/placeAddress';
import { formatDate, formatSlotStart, joinWithOr } from '../../wording';
import type { OutboxMessage } from '../../domain/outbox';
import type { Programme } from '../../domain/programme';
import type { Beneficiary } from '../../domain/types';
import type { Translate } from '../../i18n';
import type { Stores } from '../../store/repositories';
import type { SlotFinder } from '../slotFinder';
import { allHoursUsed } from './prescriberAlerts';
import { inProgramme } from '../../programmeScope';

export type Composed =
  /** `buttons` where the channel has them; on SMS the text itself says what to reply. */
  | { kind: 'text'; text: string; buttons?: string[] }
  /** Not to be sent any more (not an error): the reason is stored. */
  | { kind: 'cancel'; reason: string }
  /** Cannot be sent, and never will: marked failed at once. */
  | { kind: 'fail'; reason: string };

export class MessageComposer {
  constructor(
    private readonly stores: Stores,
    private readonly programmes: Programme[],
    private readonly t: Translate,
    private readonly slots: SlotFinder,
  ) {}

  async compose(message: OutboxMessage, now: Date): Promise<Composed> {
    const person = await this.stores.beneficiaries.get(message.beneficiaryId);
    if (!person) return { kind: 'fail', reason: 'beneficiary_erased' };
    const programme = this.programmes.find((p) => p.id === message.programmeId);
    if (!programme) return { kind: 'fail', reason: 'programme_unknown' };
    // Its sentences name the person's programme as its data does (« votre séance du Pass'numérique »).
    return inProgramme(programme.name, () => this.composeFor(message, now, person, programme), programme.voucherBook.word);
  }

  private async composeFor(message: OutboxMessage, now: Date, person: Beneficiary, programme: Programme): Promise<Composed> {
    const { t } = this;
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
          const event = message.event ?? (booking.status === 'confirmed' ? 'booked' : 'cancelled');
          // A session booked or moved then cancelled before the message went: the cancellation says it.
          if (event !== 'cancelled' && booking.status !== 'confirmed') return { kind: 'cancel', reason: 'booking_ended' };
          const place = await this.stores.places.get(slot.placeId);
          return {
            kind: 'text',
            text: t(`reminders:confirmation.${event}`, { when: formatSlotStart(slot.start, t), place: place?.name ?? '' }),
          };
        }
        if (message.kind === 'feedback') {
          // Asked after the session, once marked attended too; not after a cancellation or a no-show.
          if (booking.status !== 'confirmed' && booking.status !== 'attended') return { kind: 'cancel', reason: 'booking_ended' };
          return { kind: 'text', text: t('reminders:feedback.question') };
        }
        if (booking.status !== 'confirmed') return { kind: 'cancel', reason: 'booking_ended' };
        if (slot.start.getTime() <= now.getTime()) return { kind: 'cancel', reason: 'session_past' };
        const place = await this.stores.places.get(slot.placeId);
        return {
          kind: 'text',
          text: t('reminders:reminder', {
            when: formatSlotStart(slot.start, t),
            place: place?.name ?? '',
            address: place ? `${shownAddress(place)}, ${place.commune}` : '',
            book,
          }),
          buttons: [t('reminders:cancel_button')],
        };
      }
      case 'prescriber_alert':
        return this.prescriberAlert(message, person, book);
      case 'expiry': {
        const voucherBook = message.voucherBookId ? await this.stores.voucherBooks.get(message.voucherBookId) : undefined;
        if (!voucherBook) return { kind: 'fail', reason: 'book_missing' };
        if (voucherBook.status !== 'active' || voucherBook.hoursLeft <= 0 || voucherBook.expiresAt.getTime() <= now.getTime()) {
          return { kind: 'cancel', reason: 'book_used_or_expired' };
        }
        const free = await this.nearestFreeSlots(person, voucherBook.expiresAt, now);
        const text = t('reminders:expiry', {
          book,
          date: formatDate(voucherBook.expiresAt, t),
          hours: t('common.hours', { count: voucherBook.hoursLeft }),
          free: free ?? '',
        });
        return { kind: 'text', text };
      }
    }
  }

  /** For the professional in Teams: who, and what happened; still true now, and still theirs to follow. */
  private async prescriberAlert(message: OutboxMessage, person: Beneficiary, book: string): Promise<Composed> {
    const { t } = this;
    const professional = message.professionalId ? await this.stores.prescribers.get(message.professionalId) : undefined;
    if (!professional?.active || professional.programmeId !== person.programmeId) return { kind: 'fail', reason: 'professional_inactive' };
    const name = `${person.firstName} ${person.lastName}`;
    if (message.alert === 'book_locked') {
      const locked = message.voucherBookId ? await this.stores.voucherBooks.get(message.voucherBookId) : undefined;
      if (!locked) return { kind: 'fail', reason: 'book_missing' };
      return { kind: 'text', text: t('reminders:prescriber_alert.book_locked', { name, book, number: locked.number }) };
    }
    if (message.alert === 'hours_used') {
      if (!allHoursUsed(await this.stores.voucherBooks.listByBeneficiary(person.id))) return { kind: 'cancel', reason: 'hours_available' };
      return { kind: 'text', text: t('reminders:prescriber_alert.hours_used', { name, book }) };
    }
    const missed = await this.stores.bookings.list({ beneficiaryId: person.id, statuses: ['missed'] });
    return { kind: 'text', text: t('reminders:prescriber_alert.missed_twice', { name, count: missed.length }) };
  }

  /**
   * "Prochaines séances libres à Mende : …": at the place of the person's
   * last session, otherwise the training place nearest home; nothing when
   * neither is known or nothing is free before the carnet expires.
   */
  private async nearestFreeSlots(person: Beneficiary, before: Date, now: Date): Promise<string | undefined> {
    const { t } = this;
    const offer = await this.slots.placesToOffer(person.id, 1);
    const placeId = offer.lastPlaceId ?? offer.places[0]?.place.id;
    if (!placeId) return undefined;
    const [place, candidates, booked] = await Promise.all([
      this.stores.places.get(placeId),
      this.slots.freeSlots(placeId, now, before, 6),
      this.stores.bookings.list({ beneficiaryId: person.id, statuses: ['confirmed'] }),
    ]);
    // Not the sessions the person already has.
    const theirs = new Set(booked.map((b) => b.slotId));
    const slots = candidates.filter((slot) => !theirs.has(slot.id)).slice(0, 2);
    if (!place || slots.length === 0) return undefined;
    return t('reminders:expiry_free_sessions', {
      place: place.name,
      commune: place.commune,
      sessions: joinWithOr(
        slots.map((slot) => formatSlotStart(slot.start, t)),
        t,
      ),
    });
  }
}
