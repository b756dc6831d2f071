/**
 * The conversation references proactive messages go through: one per
 * beneficiary and channel, with consent asked once (in the booking flow)
 * and withdrawn by "ne plus recevoir de messages" from any turn. The SMS
 * STOP keyword is honoured at sending time (isSmsOptedOut).
 */
import type { ConversationReference } from 'botbuilder';
import { type ContactReference, contactReferenceId } from '../../domain/outbox';
import type { Stores } from '../../store/repositories';
import type { ChannelKeys } from '../channelKeys';

export class Contacts {
  constructor(
    private readonly stores: Stores,
    private readonly keys: ChannelKeys,
  ) {}

  /** The same keyed hash as channel links, so no identity is stored in clear beside the reference. */
  private channelKey(channelId: string, userId: string): Promise<string> {
    return this.keys.keyOf(channelId, userId);
  }

  /** The stored reference of this person on this channel, if any (consent given or refused). */
  get(beneficiaryId: string, channelId: string): Promise<ContactReference | undefined> {
    return this.stores.contactReferences.get(contactReferenceId(beneficiaryId, channelId));
  }

  /** Stores (or refreshes) the reference; `consent` undefined keeps the answer already given. */
  async remember(
    beneficiaryId: string,
    reference: Partial<ConversationReference>,
    at: Date,
    consent?: boolean,
  ): Promise<void> {
    await this.write(beneficiaryId, reference, at, await this.get(beneficiaryId, reference.channelId ?? 'unknown'), consent);
  }

  private async write(
    beneficiaryId: string,
    reference: Partial<ConversationReference>,
    at: Date,
    existing: ContactReference | undefined,
    consent?: boolean,
  ): Promise<void> {
    const channelId = reference.channelId ?? 'unknown';
    await this.stores.contactReferences.put({
      id: contactReferenceId(beneficiaryId, channelId),
      beneficiaryId,
      channelId,
      channelKey: await this.channelKey(channelId, reference.user?.id ?? ''),
      referenceJson: JSON.stringify(reference),
      consent: consent ?? existing?.consent ?? false,
      updatedAt: at,
    });
  }

  /**
   * A professional's Teams conversation, for prescriber alerts: part of
   * their work tool, so on by default; « ne plus recevoir de messages »
   * turns it off like anyone's. Written only when it changed.
   */
  async rememberProfessional(professionalId: string, reference: Partial<ConversationReference>, at: Date): Promise<void> {
    const existing = await this.get(professionalId, reference.channelId ?? 'unknown');
    if (existing?.referenceJson === JSON.stringify(reference)) return;
    await this.write(professionalId, reference, at, existing, existing ? undefined : true);
  }

  /** "ne plus recevoir de messages": consent off for this channel identity, whoever it belongs to. */
  async withdraw(channelId: string, userId: string, at: Date): Promise<number> {
    return this.stores.contactReferences.withdrawByChannelKey(await this.channelKey(channelId, userId), at);
  }
}
