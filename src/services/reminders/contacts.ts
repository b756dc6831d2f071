/**
 * The conversation references proactive messages go through: one per
 * beneficiary and channel, with consent asked once (in the booking flow)
 * and withdrawn by "ne plus recevoir de messages" from any turn. The SMS
 * STOP keyword is honoured at sending time (isSmsOptedOut).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import { type ContactReference, contactReferenceId } from '../../domain/outbox';
import type { Stores } from '../../store/repositories';

const SECRET_KEY = 'channelLinks.secret';

export class Contacts {
  private secret: Promise<string> | undefined;

  constructor(private readonly stores: Stores) {}

  /** The same keyed hash as channel links (same secret), so no identity is stored in clear beside the reference. */
  private async channelKey(channelId: string, userId: string): Promise<string> {
    this.secret ??= this.loadSecret();
    return createHmac('sha256', await this.secret).update(`${channelId}\n${userId}`).digest('base64url');
  }

  private async loadSecret(): Promise<string> {
    const existing = await this.stores.meta.get(SECRET_KEY);
    if (existing) return existing;
    await this.stores.meta.set(SECRET_KEY, randomBytes(32).toString('base64url'));
    // Read back, as ChannelLinks does: two racing writers end up using the one kept.
    return (await this.stores.meta.get(SECRET_KEY))!;
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
    const channelId = reference.channelId ?? 'unknown';
    const existing = await this.get(beneficiaryId, channelId);
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

  /** "ne plus recevoir de messages": consent off for this channel identity, whoever it belongs to. */
  async withdraw(channelId: string, userId: string, at: Date): Promise<number> {
    return this.stores.contactReferences.withdrawByChannelKey(await this.channelKey(channelId, userId), at);
  }
}
