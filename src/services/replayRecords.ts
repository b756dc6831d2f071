/**
 * Where a delivery's claim lives (bot/replayGuard.ts), with the replies its
 * turn sent: in the bot-state collection, under its UTC day, then its
 * conversation, then the activity — hashed, since channel and conversation
 * ids are phone numbers on SMS.
 *
 * The replies may quote the person (hours, places, a name), so they are
 * sealed (AES-256-GCM) under a key derived from the delivery itself —
 * channel, conversation and activity id, which the store never holds in
 * clear: only the channel's own retry of that activity can open them. They
 * are kept two days at most (the guard's purge), and a conversation's go
 * with its erasure (`forgetConversationReplies`); the other conversations
 * of an erased person keep only what nobody can read.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { StateDocumentRepository } from '../store/repositories';

/** The prefix of the claim documents in the bot-state collection. */
export const REPLAY_KEY_PREFIX = 'replay-guard/';
export const DAY_MS = 24 * 60 * 60 * 1000;
/** Days a claim and its replies are kept: channels retry within minutes. */
export const KEEP_DAYS = 2;

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** What one turn claims: who it is from, and which activity. */
export interface Delivery {
  channelId: string;
  conversationId: string;
  activityId: string;
}

function conversationPrefix(day: string, channelId: string, conversationId: string): string {
  return `${REPLAY_KEY_PREFIX}${day}/${hash(channelId, conversationId)}/`;
}

export function replayClaimKey(day: string, d: Delivery): string {
  return `${conversationPrefix(day, d.channelId, d.conversationId)}${hash(d.channelId, d.conversationId, d.activityId)}`;
}

/**
 * Where claims were kept before their replies were (no conversation level):
 * read, never written, so a redelivery across that upgrade still runs once.
 */
export function earlierReplayClaimKey(day: string, d: Delivery): string {
  return `${REPLAY_KEY_PREFIX}${day}/${hash(d.channelId, d.conversationId, d.activityId)}`;
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

/** Deletes the claims and replies of one conversation, every day they may still be kept. */
export async function forgetConversationReplies(documents: StateDocumentRepository, channelId: string, conversationId: string, now: Date): Promise<void> {
  for (let days = 0; days <= KEEP_DAYS; days += 1) {
    await documents.deleteByPrefix(conversationPrefix(dayOf(now.getTime() - days * DAY_MS), channelId, conversationId));
  }
}
