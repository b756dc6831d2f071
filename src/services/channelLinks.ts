/**
 * Remembers which beneficiary a channel identity (a phone number on SMS, a
 * browser's Web Chat id) belongs to, once they proved it, so the next
 * question is answered in one turn. Stored under the identity's keyed hash
 * (ChannelKeys): a phone number cannot be read back from the links.
 */
import type { Stores } from '../store/repositories';
import type { ChannelKeys } from './channelKeys';

export class ChannelLinks {
  constructor(
    private readonly stores: Stores,
    private readonly keys: ChannelKeys,
  ) {}

  private keyOf(channelId: string, userId: string): Promise<string> {
    return this.keys.keyOf(channelId, userId);
  }

  /** The beneficiary linked to this identity, if they still exist. */
  async beneficiaryOf(channelId: string, userId: string): Promise<string | undefined> {
    const link = await this.stores.channelLinks.get(await this.keyOf(channelId, userId));
    if (!link) return undefined;
    return (await this.stores.beneficiaries.get(link.beneficiaryId)) ? link.beneficiaryId : undefined;
  }

  async link(channelId: string, userId: string, beneficiaryId: string, at: Date): Promise<void> {
    await this.stores.channelLinks.link({ key: await this.keyOf(channelId, userId), beneficiaryId, channelId, linkedAt: at });
  }

  /** "oublier cet appareil". */
  async forget(channelId: string, userId: string): Promise<boolean> {
    return this.stores.channelLinks.unlink(await this.keyOf(channelId, userId));
  }
}
