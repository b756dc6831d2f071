/**
 * Where a delivery's claim lives (bot/replayGuard.ts), with the replies its
 * turn sent: in the bot-state collection, under its UTC hour, then its
 * conversation, then the activity — hashed, since channel and conversation
 * ids are phone numbers on SMS.
 *
 * The replies may quote the person (hours, places, a name), so they are
 * sealed (AES-256-GCM) under a key derived from the delivery itself —
 * channel, conversation and activity id, which the store never holds in
 * clear: only the channel's own retry of that activity can open them. They
 * are kept three hours at most (the guard's purge), and a conversation's go
 * with its erasure (`forgetConversationReplies`); the other conversations
 * of an erased person keep only what nobody can read.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { StateDocumentRepository } from '../store/repositories';

/** The prefix of the claim documents in the bot-state collection. */
export const REPLAY_KEY_PREFIX = 'replay-guard/';
export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;
/**
 * Hours a claim and its replies are kept past their own: channels retry
 * within minutes. A redelivery is looked up under this hour and the one
 * before; older hours are deleted. Kept by day before, two days of claims
 * and replies (about 3 KB a message) stayed in the embedded store's memory.
 */
export const KEEP_HOURS = 2;
/** Claims were kept under their UTC day before: read for today and yesterday, erased with a conversation. */
export const KEEP_DAYS = 2;

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** « 2026-12-02T16 »: the UTC hour a claim is kept under; sorts as the hours do, after the day's own « 2026-12-02/ ». */
export const hourOf = (ms: number) => new Date(ms).toISOString().slice(0, 13);

/** What one turn claims: who it is from, and which activity. */
export interface Delivery {
  channelId: string;
  conversationId: string;
  activityId: string;
}

function conversationPrefix(day: string, channelId: string, conversationId: string): string {
  return `${REPLAY_KEY_PREFIX}${day}/${hash(channelId, conversationId)}/`;
}

/** The claim's key under an hour (hourOf), or under a day (dayOf) as claims were kept before. */
export function replayClaimKey(period: string, d: Delivery): string {
  return deliveryKeys(d).claim(period);
}

/**
 * A delivery's keys under any period, its two hashes computed once: a turn
 * looks its claim up under five keys and writes one, which hashed the same
 * ids twelve times.
 */
export function deliveryKeys(d: Delivery): { claim(period: string): string; earlierClaim(day: string): string } {
  const conversation = hash(d.channelId, d.conversationId);
  const activity = hash(d.channelId, d.conversationId, d.activityId);
  return {
    claim: (period) => `${REPLAY_KEY_PREFIX}${period}/${conversation}/${activity}`,
    earlierClaim: (day) => `${REPLAY_KEY_PREFIX}${day}/${activity}`,
  };
}

/** Deletes the claims of the hours before `now`'s last KEEP_HOURS + 1 (and every day-kept one older than them). */
export function purgeOldReplayClaims(documents: StateDocumentRepository, now: number): Promise<number> {
  return documents.deleteKeysBetween(REPLAY_KEY_PREFIX, `${REPLAY_KEY_PREFIX}${hourOf(now - KEEP_HOURS * HOUR_MS)}`);
}

/**
 * Where claims were kept before their replies were (no conversation level):
 * read, never written, so a redelivery across that upgrade still runs once.
 */
export function earlierReplayClaimKey(day: string, d: Delivery): string {
  return deliveryKeys(d).earlierClaim(day);
}

function sealingKey(d: Delivery): Buffer {
  return createHash('sha256').update(['replay-replies', d.channelId, d.conversationId, d.activityId].join('\u0000')).digest();
}

/** The replies as stored: iv, tag and ciphertext, base64url, dot-separated. */
export function sealReplies(d: Delivery, replies: unknown[]): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(d), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(replies), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
}

/** The replies of this delivery, or undefined when they cannot be opened (another delivery's, damaged). */
export function openReplies<T>(d: Delivery, sealed: string): T[] | undefined {
  try {
    const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(d), iv);
    decipher.setAuthTag(tag);
    return JSON.parse(Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8')) as T[];
  } catch {
    return undefined;
  }
}

/** Deletes the claims and replies of one conversation, every hour (and day, as kept before) they may still be kept. */
export async function forgetConversationReplies(
  documents: StateDocumentRepository,
  channelId: string,
  conversationId: string,
  now: Date,
): Promise<void> {
  for (let hours = 0; hours <= KEEP_HOURS + 1; hours += 1) {
    await documents.deleteByPrefix(conversationPrefix(hourOf(now.getTime() - hours * HOUR_MS), channelId, conversationId));
  }
  for (let days = 0; days <= KEEP_DAYS; days += 1) {
    await documents.deleteByPrefix(conversationPrefix(dayOf(now.getTime() - days * DAY_MS), channelId, conversationId));
  }
}
