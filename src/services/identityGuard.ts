/**
 * Makes guessing a carnet number + birth date useless: after
 * MAX_FAILURES wrong pairs, the carnet number tried and the conversation
 * are locked, whatever is typed next. A carnet's locks escalate: the first
 * lasts LOCK_SECONDS, each next one twice the one before, and after
 * MAX_LOCKS the carnet stays locked until its prescriber unlocks it (and
 * the prescriber is told). Without that, five dates every 15 minutes
 * tried all 365 dates of a birth year in about 18 hours; now fifteen dates
 * at most, then a person on the phone.
 *
 * The lock counts the number as typed, existing or not, so it reveals
 * nothing about which carnets exist. Counters live beside the store's data
 * (store/counters.ts): in the embedded store's meta datafile or in MongoDB,
 * so that every instance sees a lock and a restart does not lift it.
 */
import type { Counter, Counters } from '../store/counterSpec';

export const MAX_FAILURES = 5;
export const LOCK_SECONDS = 15 * 60;
/** The lock that hands the carnet to its prescriber: the third one. */
export const MAX_LOCKS = 3;
/** How long a carnet's locks are remembered (from the first): a year, then it starts again at 15 minutes. */
export const LOCKS_REMEMBERED_SECONDS = 365 * 24 * 3600;
/**
 * One client address may carry several people (a family, a France services
 * counter): more failures before its lock, yet few enough that trying
 * carnet after carnet from one place gets nowhere.
 */
export const MAX_FAILURES_PER_ADDRESS = 20;

/** Why identification is refused now: for some minutes, or until the carnet's prescriber unlocks it. */
export type IdentityLock = { kind: 'timed'; minutes: number } | { kind: 'prescriber' };

/** How long the `lockNumber`-th lock of a carnet lasts (1-based): 15, 30 minutes, … */
export function lockSeconds(lockNumber: number): number {
  return LOCK_SECONDS * 2 ** (lockNumber - 1);
}

export interface IdentityGuardOptions {
  /** Called once when a carnet number reaches its last lock (to tell its prescriber, if it exists). */
  onLockedForGood?: (voucherBookNumber: string) => Promise<void>;
}

export class IdentityGuard {
  private readonly failures: Counter;
  private readonly addressFailures: Counter;
  /** Per carnet number: how many locks it had. */
  private readonly locks: Counter;

  constructor(
    counters: Counters,
    private readonly options: IdentityGuardOptions = {},
  ) {
    this.failures = counters({
      name: 'identity',
      points: MAX_FAILURES,
      durationSeconds: LOCK_SECONDS,
      blockSeconds: LOCK_SECONDS,
      persistent: true,
    });
    this.addressFailures = counters({
      name: 'identity-address',
      points: MAX_FAILURES_PER_ADDRESS,
      durationSeconds: LOCK_SECONDS,
      blockSeconds: LOCK_SECONDS,
      persistent: true,
    });
    this.locks = counters({ name: 'identity-locks', points: MAX_LOCKS, durationSeconds: LOCKS_REMEMBERED_SECONDS, persistent: true });
  }

  private counter(key: string): { limiter: Counter; max: number } {
    return key.startsWith(ADDRESS_PREFIX)
      ? { limiter: this.addressFailures, max: MAX_FAILURES_PER_ADDRESS }
      : { limiter: this.failures, max: MAX_FAILURES };
  }

  /**
   * The lock on any of these keys (carnet, conversation, address): the
   * prescriber's first, else the longest. A carnet's lock says the time it
   * has left; the others, which end with their counting window, say 15 minutes.
   */
  async lockOf(keys: string[]): Promise<IdentityLock | undefined> {
    let minutes = 0;
    for (const key of keys) {
      const isBook = key.startsWith(VOUCHER_BOOK_PREFIX);
      if (isBook && (await this.lockedForGood(key))) return { kind: 'prescriber' };
      const { limiter, max } = this.counter(key);
      const state = await limiter.get(key);
      if (state && state.consumedPoints >= max)
        minutes = Math.max(minutes, isBook ? Math.ceil(state.msBeforeNext / 60_000) : LOCK_SECONDS / 60);
    }
    return minutes > 0 ? { kind: 'timed', minutes } : undefined;
  }

  async isLocked(keys: string[]): Promise<boolean> {
    return (await this.lockOf(keys)) !== undefined;
  }

  /** Counts a wrong pair against each key; a carnet's count reaching the limit starts its next, longer lock. */
  async recordFailure(keys: string[]): Promise<IdentityLock | undefined> {
    for (const key of keys) {
      const { limiter, max } = this.counter(key);
      // A rejection only means "already over the limit"; the lock is read by lockOf.
      const count = await limiter.consume(key).catch(() => undefined);
      if (count?.consumedPoints === max && key.startsWith(VOUCHER_BOOK_PREFIX)) await this.escalate(key);
    }
    return this.lockOf(keys);
  }

  /** A success clears the carnet's and the conversation's counts and the carnet's locks, not the address's: others may guess from there. */
  async recordSuccess(keys: string[]): Promise<void> {
    for (const key of keys) {
      if (key.startsWith(ADDRESS_PREFIX)) continue;
      await this.failures.delete(key);
      if (key.startsWith(VOUCHER_BOOK_PREFIX)) await this.locks.delete(key);
    }
  }

  /** Whether this carnet number waits for its prescriber. */
  isLockedForGood(voucherBookNumber: string): Promise<boolean> {
    return this.lockedForGood(voucherBookKey(voucherBookNumber));
  }

  /** The prescriber's unlock: the carnet starts again from no failure and no lock. */
  async unlock(voucherBookNumber: string): Promise<void> {
    const key = voucherBookKey(voucherBookNumber);
    await this.locks.delete(key);
    await this.failures.delete(key);
  }

  private async lockedForGood(key: string): Promise<boolean> {
    const locks = await this.locks.get(key);
    return !!locks && locks.consumedPoints >= MAX_LOCKS;
  }

  private async escalate(key: string): Promise<void> {
    if (await this.lockedForGood(key)) return;
    // A count that failed (or raced past the last lock) still locks: for the longest timed lock.
    const lockNumber = (await this.locks.consume(key).catch(() => undefined))?.consumedPoints ?? MAX_LOCKS - 1;
    if (lockNumber === MAX_LOCKS) await this.options.onLockedForGood?.(key.slice(VOUCHER_BOOK_PREFIX.length));
    else await this.failures.block(key, lockSeconds(Math.min(lockNumber, MAX_LOCKS - 1)));
  }
}

const ADDRESS_PREFIX = 'address:';
/** Stored (hashed) in the counters: kept as it was when carnets were called so in code. */
const VOUCHER_BOOK_PREFIX = 'carnet:';
export const addressKey = (address: string) => `${ADDRESS_PREFIX}${address}`;
export const voucherBookKey = (number: string) => `${VOUCHER_BOOK_PREFIX}${number}`;
export const conversationKey = (channelId: string, conversationId: string) => `conversation:${channelId}:${conversationId}`;
