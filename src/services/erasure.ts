/**
 * "Supprimer mes données": erases a beneficiary's personal data (name,
 * birth date, commune, phone) and channel links. Upcoming sessions are
 * cancelled first so their seats and hours go back. What remains is
 * anonymous: carnets, ledgers and bookings keep an opaque id that no
 * longer leads to a person, so the programme's figures still add up.
 */
import { newId } from '../domain/ids';
import type { Actor } from '../domain/types';
import type { Stores } from '../store/repositories';
import type { BookingService } from './bookingService';

export interface ErasureSummary {
  erased: boolean;
  cancelledSessions: number;
  channelLinks: number;
}

export class Erasure {
  constructor(
    private readonly stores: Stores,
    private readonly booking: BookingService,
  ) {}

  async erase(beneficiaryId: string, actor: Actor, now: Date): Promise<ErasureSummary> {
    const beneficiary = await this.stores.beneficiaries.get(beneficiaryId);
    if (!beneficiary) return { erased: false, cancelledSessions: 0, channelLinks: 0 };
    const programme = await this.stores.programmes.get(beneficiary.programmeId);
    let cancelledSessions = 0;
    for (const booking of await this.stores.bookings.list({ beneficiaryId, statuses: ['confirmed'] })) {
      const outcome = programme && (await this.booking.cancel(booking.id, programme, actor, now));
      if (outcome?.outcome === 'cancelled') cancelledSessions += 1;
    }
    const channelLinks = await this.stores.channelLinks.unlinkBeneficiary(beneficiaryId);
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
      details: { cancelledSessions, channelLinks },
    });
    return { erased, cancelledSessions, channelLinks };
  }
}
