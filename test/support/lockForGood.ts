/**
 * Locks a carnet number for good the way an attacker would: five wrong
 * birth dates, wait out the lock, again, until the last lock. Time is
 * moved with sinon's fake Date only (timers, sockets and mocha keep the
 * machine's), so the counters' own windows and blocks pass as in life.
 */
import sinon from 'sinon';
import { lockSeconds, MAX_FAILURES, MAX_LOCKS, type IdentityGuard, voucherBookKey } from '../../src/services/identityGuard';

/** Runs `work` with Date moved forward by `advance(ms)`; Date is the machine's again afterwards. */
export async function withMovableDate<T>(work: (advance: (ms: number) => void) => Promise<T>): Promise<T> {
  const fake = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'], shouldAdvanceTime: true });
  try {
    return await work((ms) => fake.setSystemTime(Date.now() + ms));
  } finally {
    fake.restore();
  }
}

/** The number is locked until a prescriber unlocks it; returns how many wrong dates it took. */
export async function lockForGood(guard: IdentityGuard, voucherBookNumber: string): Promise<number> {
  const keys = [voucherBookKey(voucherBookNumber)];
  let failures = 0;
  await withMovableDate(async (advance) => {
    for (let lock = 1; lock <= MAX_LOCKS; lock += 1) {
      for (let i = 0; i < MAX_FAILURES; i += 1, failures += 1) await guard.recordFailure(keys);
      if (lock < MAX_LOCKS) advance(lockSeconds(lock) * 1000 + 1000);
    }
  });
  return failures;
}
