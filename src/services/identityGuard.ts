/**
 * Makes guessing a carnet number + birth date useless: after
 * MAX_FAILURES wrong pairs, the carnet number tried and the conversation
 * are locked for LOCK_SECONDS, whatever is typed next. The lock counts the
 * number as typed, existing or not, so it reveals nothing about which
 * carnets exist. Counters live in memory (rate-limiter-flexible): one
 * process per store, see ARCHITECTURE.md.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';

export const MAX_FAILURES = 5;
export const LOCK_SECONDS = 15 * 60;

export class IdentityGuard {
  private readonly failures = new RateLimiterMemory({
    keyPrefix: 'identity',
    points: MAX_FAILURES,
    duration: LOCK_SECONDS,
    blockDuration: LOCK_SECONDS,
  });

  /** True when any of these keys (carnet, conversation) is locked. */
  async isLocked(keys: string[]): Promise<boolean> {
    for (const key of keys) {
      const state = await this.failures.get(key);
      if (state && state.consumedPoints >= MAX_FAILURES) return true;
    }
    return false;
  }

  async recordFailure(keys: string[]): Promise<void> {
    for (const key of keys) {
      // A rejection only means "now locked"; the lock is read by isLocked.
      await this.failures.consume(key).catch(() => undefined);
    }
  }

  async recordSuccess(keys: string[]): Promise<void> {
    for (const key of keys) await this.failures.delete(key);
  }
}

export const carnetKey = (number: string) => `carnet:${number}`;
export const conversationKey = (channelId: string, conversationId: string) => `conversation:${channelId}:${conversationId}`;
