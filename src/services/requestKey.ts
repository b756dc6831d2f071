/**
 * The idempotency key of a request a person confirms (a booking, a move).
 * The channel's activity id alone is chosen by the client, so it could
 * name another person's earlier request and "replay" it (issue 16): the
 * key is that id scoped by channel, conversation and beneficiary, hashed to
 * a fixed length. A channel's retry of the same message gives the same key;
 * nothing another person sends can.
 */
import { createHash, randomUUID } from 'node:crypto';

export interface RequestOrigin {
  channelId: string;
  conversationId: string;
  /** The confirming message's id; absent, the request cannot be replayed and gets a fresh key. */
  activityId?: string;
}

export function scopedRequestId(origin: RequestOrigin, beneficiaryId: string): string {
  const activityId = origin.activityId || randomUUID();
  const digest = createHash('sha256')
    .update(JSON.stringify([origin.channelId, origin.conversationId, beneficiaryId, activityId]))
    .digest('base64url');
  return `req:${digest}`;
}
