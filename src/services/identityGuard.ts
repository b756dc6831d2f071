/**
 * Makes guessing a carnet number + birth date useless: after
 * MAX_FAILURES wrong pairs, the carnet number tried and the conversation
 * are locked for LOCK_SECONDS, whatever is typed next. The lock counts the
 * number as typed, existing or not, so it reveals nothing about which
 * carnets exist. Counters live beside the store's data (store/counters.ts):
 * in memory with the embedded store, in MongoDB with the Mongo store, so
 * that every instance sees a lock and a restart does not lift it.
 */
import type { Counter, Counters } from '../store/counterSpec';

export const MAX_FAILURES = 5;
export const LOCK_SECONDS = 15 * 60;
/**
 * One client address may carry several people (a family, a France services
 * counter): more failures before its lock, yet few enough that trying
 * carnet after carnet from one place gets nowhere.
 */
export const MAX_FAILURES_PER_ADDRESS = 20;

export class IdentityGuard {
  private readonly failures: Counter;
  private readonly addressFailures: Counter;

  constructor(counters: Counters) {
    this.failures = counters({ name: 'identity', points: MAX_FAILURES, durationSeconds: LOCK_SECONDS, blockSeconds: LOCK_SECONDS, persistent: true });
    this.addressFailures = counters({
      name: 'identity-address',
      points: MAX_FAILURES_PER_ADDRESS,
      durationSeconds: LOCK_SECONDS,
      blockSeconds: LOCK_SECONDS,
      persistent: true,
    });
  }

  private counter(key: string): { limiter: Counter; max: number } {
    return key.startsWith(ADDRESS_PREFIX)
      ? { limiter: this.addressFailures, max: MAX_FAILURES_PER_ADDRESS }
      : { limiter: this.failures, max: MAX_FAILURES };
  }

  /** True when any of these keys (carnet, conversation, address) is locked. */
  async isLocked(keys: string[]): Promise<boolean> {
    for (const key of keys) {
      const { limiter, max } = this.counter(key);
      const state = await limiter.get(key);
      if (state && state.consumedPoints >= max) return true;
    }
    return false;
  }

  async recordFailure(keys: string[]): Promise<void> {
    for (const key of keys) {
      // A rejection only means "now locked"; the lock is read by isLocked.
      await this.counter(key).limiter.consume(key).catch(() => undefined);
    }
  }

  /** A success clears the carnet's and the conversation's counts, not the address's: others may guess from there. */
  async recordSuccess(keys: string[]): Promise<void> {
    for (const key of keys) if (!key.startsWith(ADDRESS_PREFIX)) await this.failures.delete(key);
  }
}

const ADDRESS_PREFIX = 'address:';
export const addressKey = (address: string) => `${ADDRESS_PREFIX}${address}`;
export const voucherBookKey = (number: string) => `carnet:${number}`;
export const conversationKey = (channelId: string, conversationId: string) => `conversation:${channelId}:${conversationId}`;
