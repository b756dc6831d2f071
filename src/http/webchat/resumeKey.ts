/**
 * A page that slept past its token's life (a laptop closed, a phone locked)
 * cannot refresh a dead token, and without help it had to start a new
 * conversation and lose what was said. With the first token the page gets a
 * resume key: an HMAC of the conversation id and the time it was issued,
 * which the token route accepts, for a day, in exchange for a fresh token of
 * that same conversation. It proves the page was given that conversation;
 * it opens nothing by itself and names no one.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a page may sleep and still come back to its conversation. */
export const RESUME_KEY_LIFE_MS = 24 * 60 * 60 * 1000;

export interface ResumeKeys {
  issue(conversationId: string): string;
  /** True when `key` was issued for `conversationId` by this server (or one sharing its secret) and is still young. */
  accepts(conversationId: string, key: unknown): boolean;
}

/**
 * `secret`: with Azure Direct Line, derived from the Direct Line secret so that every instance and a
 * restarted one accept the same keys; locally a random one (the local conversations die with the process anyway).
 */
export function resumeKeys(secret: string | undefined, now: () => number): ResumeKeys {
  const key = secret ? createHmac('sha256', 'pass-numerique:webchat-resume').update(secret).digest() : randomBytes(32);
  const sign = (conversationId: string, issuedAt: number) =>
    createHmac('sha256', key).update(`${conversationId}\u0000${issuedAt}`).digest('base64url');
  return {
    issue(conversationId) {
      const issuedAt = Math.floor(now() / 1000);
      return `${issuedAt}.${sign(conversationId, issuedAt)}`;
    },
    accepts(conversationId, presented) {
      if (typeof presented !== 'string' || presented.length > 200) return false;
      const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(presented);
      if (!match) return false;
      const issuedAt = Number(match[1]);
      const age = now() - issuedAt * 1000;
      if (age < -60_000 || age > RESUME_KEY_LIFE_MS) return false;
      const expected = Buffer.from(sign(conversationId, issuedAt));
      const given = Buffer.from(match[2]);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
