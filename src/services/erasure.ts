/**
 * "Supprimer mes données": erases a beneficiary's personal data (name,
 * birth date, commune, phone) and channel links. Upcoming sessions are
 * cancelled first so their seats go back, and the hours left expire (the
 * person is told they are lost). What remains is anonymous: carnets,
 * ledgers and bookings keep an opaque id that no longer leads to a person,
 * so the programme's figures still add up.
 */
import { newId } from '../domain/ids';
import type { Actor } from '../domain/types';
import type { Stores } from '../store/repositories';
import type { BookingService } from './bookingService';
import { forgetConversationReplies } from './replayRecords';

/** What erasing now would lose, told to the person before they confirm. */
export interface ErasurePreview {
  /** Hours left on the person's usable carnets. */
  hoursLeft: number;
  /** Upcoming sessions that would be cancelled. */
  upcomingBookings: number;
}

export interface ErasureSummary {
  erased: boolean;
  cancelledBookings: number;
  channelLinks: number;
}

export class Erasure {
  constructor(
    private readonly stores: Stores,
    private readonly booking: BookingService,
  ) {}

  async preview(beneficiaryId: string, now: Date): Promise<ErasurePreview> {
    const books = await this.stores.voucherBooks.listByBeneficiary(beneficiaryId);
    const hoursLeft = books
      .filter((b) => b.status === 'active' && b.expiresAt.getTime() > now.getTime())
      .reduce((sum, b) => sum + b.hoursLeft, 0);
    const bookings = await this.stores.bookings.list({ beneficiaryId, statuses: ['confirmed'] });
    const slots = await Promise.all(bookings.map((b) => this.stores.slots.get(b.slotId)));
    return { hoursLeft, upcomingBookings: slots.filter((s) => s && s.start.getTime() > now.getTime()).length };
  }

  /** The fresh proof erasure asks for in its confirming turn (a remembered device is not enough). */
  async birthDateMatches(beneficiaryId: string, birthDate: string): Promise<boolean> {
    return (await this.stores.beneficiaries.get(beneficiaryId))?.birthDate === birthDate;
  }

  /**
   * Deleted documents are gone from the collections at once, but the
   * embedded store's append-only files keep their old lines until the next
   * compaction: the caller runs this once the person's conversation and
   * user state are deleted too, before saying « c'est fait ».
   */
  /** The replies the replay guard keeps for this conversation's redeliveries (they may quote the person). */
  async forgetConversation(channelId: string, conversationId: string, now: Date): Promise<void> {
    await forgetConversationReplies(this.stores.botState, channelId, conversationId, now);
  }

  async removeFromDisk(): Promise<void> {
    await this.stores.compact();
  }

  async erase(beneficiaryId: string, actor: Actor, now: Date): Promise<ErasureSummary> {
    const beneficiary = await this.stores.beneficiaries.get(beneficiaryId);
    if (!beneficiary) return { erased: false, cancelledBookings: 0, channelLinks: 0 };
    const programme = await this.stores.programmes.get(beneficiary.programmeId);
    let cancelledBookings = 0;
    for (const booking of await this.stores.bookings.list({ beneficiaryId, statuses: ['confirmed'] })) {
      const outcome = programme && (await this.booking.cancel(booking.id, programme, actor, now));
      if (outcome?.outcome === 'cancelled') cancelledBookings += 1;
    }
    // As the person was told: the hours left are lost with their data. The carnet stays, anonymous, for the figures.
    for (const book of await this.stores.voucherBooks.listByBeneficiary(beneficiaryId)) {
      if (book.status !== 'active') continue;
      if (book.hoursLeft > 0) {
        const entry = {
          operationId: `erase:${book.id}`,
          operation: 'expire',
          hours: book.hoursLeft,
          at: now,
          by: actor,
          reason: 'erased',
        } as const;
        await this.stores.voucherBooks.applyEntry(book.id, entry);
      }
      await this.stores.voucherBooks.markExpired(book.id);
    }
    const channelLinks = await this.stores.channelLinks.unlinkBeneficiary(beneficiaryId);
    // The bookings stay for the figures; what the person wrote about themselves does not.
    await this.stores.bookings.forgetSubjects(beneficiaryId);
    // Nothing may be written to an erased person: their references and pending messages go too.
    await this.stores.contactReferences.deleteBeneficiary(beneficiaryId);
    await this.stores.outbox.deleteBeneficiary(beneficiaryId);
    const erased = await this.stores.beneficiaries.delete(beneficiaryId);
    await this.stores.audit.append({
      id: newId(),
      at: now,
      actor,
      programmeId: beneficiary.programmeId,
      action: 'beneficiary.erased',
      subject: { kind: 'beneficiary', id: beneficiaryId },
      details: { cancelledBookings, channelLinks },
    });
    return { erased, cancelledBookings, channelLinks };
  }
}
