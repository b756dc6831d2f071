/**
 * The local Direct Line's memory: conversations started by the Web Chat page
 * (or by tests) when no Azure Direct Line is configured. Each conversation
 * keeps its activities in order; the index in that list is the watermark,
 * exactly what Web Chat's Direct Line client polls or streams with.
 *
 * Bounded on purpose (this is for local use, demos and tests; production
 * uses Azure Direct Line): at most `maxConversations` live conversations,
 * each forgotten `ttlMs` after its last activity, each keeping its last
 * `maxActivities` activities. A server restart forgets everything: the page
 * then offers to start a new conversation.
 *
 * A flood of new tokens must not push out someone who is chatting: to make
 * room, only a token never used to start a conversation, or a conversation
 * idle for `activeMs` with no stream open, is dropped; when every one is in
 * use, no new token is issued. Tokens and stream connections are also
 * counted per client address (`admit`), and each conversation holds at
 * most `socketsPerConversation` streams.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export const LOCAL_DIRECT_LINE_LIMITS = {
  /** Live conversations at once; an unused or idle one is dropped to make room, never one in use. */
  maxConversations: 1000,
  /** A started conversation with a message or a stream this recently is in use. */
  activeMs: 30 * 60 * 1000,
  /** Tokens one address may ask for in a minute (a page load asks one). */
  tokensPerAddressPerMinute: 60,
  /** Stream connections one address may open in a minute (Web Chat reconnects a few times at most). */
  upgradesPerAddressPerMinute: 120,
  /** Streams open at once on one conversation (a page has one; a second tab, a reconnect racing the old socket). */
  socketsPerConversation: 4,
  /** Forgotten after 72 h without any activity (long enough for a reminder two days later). */
  ttlMs: 72 * 60 * 60 * 1000,
  /** Activities kept per conversation; older ones are dropped (watermarks stay valid). */
  maxActivities: 500,
  /**
   * A token's life: past it, the token opens nothing (403 TokenExpired).
   * The page refreshes it at half its life (POST /tokens/refresh), so an
   * open conversation goes on with its transcript; Web Chat's own client
   * also refreshes every 15 minutes.
   */
  tokenSeconds: 3600,
};

/** Tokens still accepted per conversation: the current one and the few before it (requests in flight). */
const TOKENS_KEPT = 3;

export type StoredActivity = Partial<Activity> & { id: string };

export interface LocalConversation {
  id: string;
  /** The latest token, given to the client. */
  token: string;
  /** Tokens that still open the conversation until their expiry (ms). */
  tokens: { value: string; expiresMs: number }[];
  userId: string;
  /** The conversation was started (POST /conversations), not only its token issued. */
  started: boolean;
  ended: boolean;
  lastActiveMs: number;
  /** Streams open on it now. */
  sockets: number;
  /** Watermark of the first activity still kept. */
  firstWatermark: number;
  activities: StoredActivity[];
}

export type Lookup = { ok: true; conversation: LocalConversation } | { ok: false; status: 404 | 403 | 401; code: string; message: string };

type Listener = (conversationId: string) => void;

export type LocalDirectLineLimits = typeof LOCAL_DIRECT_LINE_LIMITS;

export class LocalDirectLine {
  private readonly conversations = new Map<string, LocalConversation>();
  private readonly listeners = new Set<Listener>();
  private readonly admissions: Record<'token' | 'upgrade', RateLimiterMemory>;

  constructor(
    private readonly limits: LocalDirectLineLimits = LOCAL_DIRECT_LINE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.admissions = {
      token: new RateLimiterMemory({ keyPrefix: 'dl-token', points: limits.tokensPerAddressPerMinute, duration: 60 }),
      upgrade: new RateLimiterMemory({ keyPrefix: 'dl-upgrade', points: limits.upgradesPerAddressPerMinute, duration: 60 }),
    };
  }

  get size(): number {
    return this.conversations.size;
  }

  /** Counts a token request or a stream connection from an address; resolves with the seconds to wait when over the limit. */
  async admit(kind: 'token' | 'upgrade', address: string | undefined): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
    try {
      await this.admissions[kind].consume(address ?? 'unknown');
      return { ok: true };
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
    }
  }

  /** Takes a stream slot on the conversation; false when it holds socketsPerConversation already. */
  openSocket(conversation: LocalConversation): boolean {
    if (conversation.sockets >= this.limits.socketsPerConversation) return false;
    conversation.sockets += 1;
    this.touch(conversation);
    return true;
  }

  closeSocket(conversation: LocalConversation): void {
    conversation.sockets = Math.max(0, conversation.sockets - 1);
    this.touch(conversation);
  }

  get tokenSeconds(): number {
    return this.limits.tokenSeconds;
  }

  private newToken(conversation: Pick<LocalConversation, 'tokens'>): string {
    const value = randomBytes(24).toString('base64url');
    conversation.tokens.push({ value, expiresMs: this.now() + this.limits.tokenSeconds * 1000 });
    conversation.tokens.splice(0, Math.max(0, conversation.tokens.length - TOKENS_KEPT));
    return value;
  }

  /** A fresh token for the same conversation (the one presented stays valid until its own expiry). */
  refresh(conversation: LocalConversation): string {
    conversation.token = this.newToken(conversation);
    this.touch(conversation);
    return conversation.token;
  }

  /** Issues a token bound to a new, not yet started conversation; undefined when every place is in use. */
  issue(): LocalConversation | undefined {
    this.sweep();
    if (this.conversations.size >= this.limits.maxConversations && !this.dropOneUnused()) return undefined;
    const conversation: LocalConversation = {
      id: randomUUID(),
      token: '',
      tokens: [],
      userId: `dl_${randomBytes(9).toString('base64url')}`,
      started: false,
      ended: false,
      lastActiveMs: this.now(),
      sockets: 0,
      firstWatermark: 0,
      activities: [],
    };
    conversation.token = this.newToken(conversation);
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** The conversation a bearer token opens (POST /conversations carries no id). */
  byToken(authorization: string | undefined): Lookup {
    const token = bearer(authorization);
    if (!token) return { ok: false, status: 401, code: 'MissingToken', message: 'an Authorization: Bearer token is required' };
    for (const conversation of this.conversations.values()) {
      if (conversation.tokens.some((t) => t.value === token)) return this.withToken(conversation, token);
    }
    return { ok: false, status: 403, code: 'TokenExpired', message: 'unknown or expired token' };
  }

  /** A conversation by id, checked against the caller's token. */
  get(conversationId: string, authorization: string | undefined): Lookup {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return notFound();
    const token = bearer(authorization);
    if (!token) return { ok: false, status: 401, code: 'MissingToken', message: 'an Authorization: Bearer token is required' };
    if (!conversation.tokens.some((t) => t.value === token)) {
      return { ok: false, status: 403, code: 'BadToken', message: 'token does not open this conversation' };
    }
    return this.withToken(conversation, token);
  }

  private withToken(conversation: LocalConversation, token: string): Lookup {
    const held = conversation.tokens.find((t) => t.value === token);
    if (!held || held.expiresMs <= this.now()) return { ok: false, status: 403, code: 'TokenExpired', message: 'token expired' };
    return this.alive(conversation);
  }

  /** A conversation by id for the bot's own connector calls (no client token). */
  forBot(conversationId: string): Lookup {
    const conversation = this.conversations.get(conversationId);
    return conversation ? this.alive(conversation) : notFound();
  }

  /** Appends an activity, gives it its id and timestamp, and wakes the streams. */
  append(conversation: LocalConversation, activity: Partial<Activity>): StoredActivity {
    const watermark = conversation.firstWatermark + conversation.activities.length;
    const stored: StoredActivity = {
      ...activity,
      id: `${conversation.id}|${String(watermark).padStart(7, '0')}`,
      timestamp: new Date(this.now()),
      conversation: { ...(activity.conversation ?? {}), id: conversation.id } as Activity['conversation'],
      channelId: 'directline',
    };
    conversation.activities.push(stored);
    const excess = conversation.activities.length - this.limits.maxActivities;
    if (excess > 0) {
      conversation.activities.splice(0, excess);
      conversation.firstWatermark += excess;
    }
    conversation.lastActiveMs = this.now();
    if (activity.type === 'endOfConversation') conversation.ended = true;
    for (const listener of this.listeners) listener(conversation.id);
    return stored;
  }

  /** Activities after a watermark, and the new watermark (the ActivitySet of Direct Line). */
  since(conversation: LocalConversation, watermark: number | undefined): { activities: StoredActivity[]; watermark: string } {
    const from = Math.max(0, (watermark ?? -1) + 1 - conversation.firstWatermark);
    const end = conversation.firstWatermark + conversation.activities.length - 1;
    return { activities: conversation.activities.slice(from), watermark: String(Math.max(end, watermark ?? -1)) };
  }

  touch(conversation: LocalConversation): void {
    conversation.lastActiveMs = this.now();
  }

  /** Called with a conversation id whenever one of its activities is added. */
  onAppend(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets conversations idle for longer than the time-to-live. */
  sweep(): void {
    const limit = this.now() - this.limits.ttlMs;
    for (const [id, conversation] of this.conversations) {
      if (conversation.lastActiveMs < limit) this.conversations.delete(id);
    }
  }

  private alive(conversation: LocalConversation): Lookup {
    if (conversation.lastActiveMs < this.now() - this.limits.ttlMs) {
      this.conversations.delete(conversation.id);
      return { ok: false, status: 404, code: 'ConversationExpired', message: 'conversation expired' };
    }
    if (conversation.ended) return { ok: false, status: 404, code: 'ConversationEnded', message: 'conversation ended' };
    return { ok: true, conversation };
  }

  /** Someone is chatting: started, and a stream is open or something happened within activeMs. */
  private inUse(conversation: LocalConversation): boolean {
    if (!conversation.started) return false;
    return conversation.sockets > 0 || conversation.lastActiveMs >= this.now() - this.limits.activeMs;
  }

  /** Drops the least recently active conversation not in use; false when all are in use. */
  private dropOneUnused(): boolean {
    let oldest: LocalConversation | undefined;
    for (const conversation of this.conversations.values()) {
      if (this.inUse(conversation)) continue;
      if (!oldest || conversation.lastActiveMs < oldest.lastActiveMs) oldest = conversation;
    }
    if (oldest) this.conversations.delete(oldest.id);
    return oldest !== undefined;
  }
}

function notFound(): Lookup {
  return { ok: false, status: 404, code: 'ConversationNotFound', message: 'no such conversation' };
}

function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}
