/**
 * The keyed hash under which a channel identity (a phone number on SMS, a
 * browser's Web Chat id) is stored: an HMAC with a secret kept in the
 * store, so an identity can be looked up but never read back, nor found by
 * hashing every phone number. Channel links and contact references share it.
 */
import { createHmac } from 'node:crypto';
import type { Stores } from '../store/repositories';
import { storedSecret } from './storedSecret';

const SECRET_KEY = 'channelLinks.secret';

export class ChannelKeys {
  private secret: Promise<string> | undefined;

  constructor(private readonly stores: Stores) {}

  async keyOf(channelId: string, userId: string): Promise<string> {
    this.secret ??= storedSecret(this.stores, SECRET_KEY);
    return createHmac('sha256', await this.secret)
      .update(`${channelId}\n${userId}`)
      .digest('base64url');
  }
}
