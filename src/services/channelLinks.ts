/**
 * Remembers which beneficiary a channel identity (a phone number on SMS, a
 * browser's Web Chat id) belongs to, once they proved it, so the next
 * question is answered in one turn. The stored key is an HMAC of the
 * identity under a secret kept in the store: a phone number cannot be read
 * back from the links, nor found by hashing every number.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Stores } from '../store/repositories';

const SECRET_KEY = 'channelLinks.secret';

export class ChannelLinks {
  private secret: Promise<string> | undefined;

  constructor(private readonly stores: Stores) {}

  private async keyOf(channelId: string, userId: string): Promise<string> {
    this.secret ??= this.loadSecret();
    return createHmac('sha256', await this.secret).update(`${channelId}\n${userId}`).digest('base64url');
  }

  private async loadSecret(): Promise<string> {
    const existing = await this.stores.meta.get(SECRET_KEY);
    if (existing) return existing;
    await this.stores.meta.set(SECRET_KEY, randomBytes(32).toString('base64url'));
    // Read back: if two processes raced, both now use the one that was kept.
    return (await this.stores.meta.get(SECRET_KEY))!;
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
