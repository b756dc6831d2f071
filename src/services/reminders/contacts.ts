/**
 * The conversations proactive messages go through: one per beneficiary and
 * channel, with consent asked once (in the booking flow) and withdrawn by
 * "ne plus recevoir de messages" from any turn; and the SMS STOP / START of
 * a number, kept beside them (by the number's keyed hash) and honoured at
 * sending time. The references themselves are opaque here (src/bot/proactive).
 */
import { type ContactReference, contactReferenceId } from '../../domain/outbox';
import type { Stores } from '../../store/repositories';
import type { ChannelKeys } from '../channelKeys';
import type { ConversationAddress, RecipientConsent } from './ports';

export class Contacts implements RecipientConsent {
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
  async remember(beneficiaryId: string, address: ConversationAddress, at: Date, consent?: boolean): Promise<void> {
    await this.write(beneficiaryId, address, at, await this.get(beneficiaryId, address.channelId), consent);
  }

  private async write(
    beneficiaryId: string,
    address: ConversationAddress,
    at: Date,
    existing: ContactReference | undefined,
    consent?: boolean,
  ): Promise<void> {
    const { channelId } = address;
    await this.stores.contactReferences.put({
      id: contactReferenceId(beneficiaryId, channelId),
      beneficiaryId,
      channelId,
      channelKey: await this.channelKey(channelId, address.userId),
      referenceJson: address.reference,
      consent: consent ?? existing?.consent ?? false,
      updatedAt: at,
    });
  }

  /**
   * A professional's Teams conversation, for prescriber alerts: part of
   * their work tool, so on by default; « ne plus recevoir de messages »
   * turns it off like anyone's. Written only when it changed.
   */
  async rememberProfessional(professionalId: string, address: ConversationAddress, at: Date): Promise<void> {
    const existing = await this.get(professionalId, address.channelId);
    if (existing?.referenceJson === address.reference) return;
    await this.write(professionalId, address, at, existing, existing ? undefined : true);
  }

  /** "ne plus recevoir de messages": consent off for this channel identity, whoever it belongs to. */
  async withdraw(channelId: string, userId: string, at: Date): Promise<number> {
    return this.stores.contactReferences.withdrawByChannelKey(await this.channelKey(channelId, userId), at);
  }

  /** SMS STOP (`optedOut`) or START from this number: no proactive SMS to it until START, whoever it belongs to. */
  async setSmsOptOut(channelId: string, userId: string, optedOut: boolean, at: Date): Promise<void> {
    await this.stores.contactReferences.setOptOut(await this.channelKey(channelId, userId), optedOut, at);
  }

  async isSmsOptedOut(channelId: string, userId: string): Promise<boolean> {
    return this.stores.contactReferences.isOptedOut(await this.channelKey(channelId, userId));
  }

  /** For the dispatcher: consent given here and, for this channel identity, no STOP since. */
  async mayWrite(contact: ContactReference): Promise<boolean> {
    return contact.consent && !(await this.stores.contactReferences.isOptedOut(contact.channelKey));
  }
}
