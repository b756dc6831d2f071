/**
 * A carnet's lock escalates: 15 minutes, then 30, then it waits for its
 * prescriber, who is told once. Before (issue 16, medium 7), every lock
 * lasted 15 minutes: five dates every quarter of an hour tried the 365
 * dates of a birth year in about 18 hours.
 */
import assert from 'node:assert/strict';
import {
  conversationKey,
  IdentityGuard,
  LOCK_SECONDS,
  lockSeconds,
  MAX_FAILURES,
  MAX_LOCKS,
  voucherBookKey,
} from '../../src/services/identityGuard';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import { lockForGood, withMovableDate } from '../support/lockForGood';

const NUMBER = 'LOZ-ABCD-EFG';
const BOOK = [voucherBookKey(NUMBER)];
const MINUTE = 60_000;

describe('identity guard: locks that escalate', () => {
  let stores: Stores;
  let told: string[];
  let guard: IdentityGuard;

  beforeEach(async () => {
    stores = await openStores({ inMemory: true });
    told = [];
    guard = new IdentityGuard(stores.counters, { onLockedForGood: async (n) => void told.push(n) });
  });
  afterEach(() => stores.close());

  const fail = async (times: number, keys = BOOK) => {
    let lock;
    for (let i = 0; i < times; i += 1) lock = await guard.recordFailure(keys);
    return lock;
  };

  it('the first lock lasts 15 minutes, the second 30', async () => {
    await withMovableDate(async (advance) => {
      assert.equal(await fail(MAX_FAILURES - 1), undefined, 'four wrong dates lock nothing');
      assert.deepEqual(await fail(1), { kind: 'timed', minutes: 15 });
      advance(LOCK_SECONDS * 1000 - MINUTE);
      assert.ok(await guard.isLocked(BOOK), 'still locked a minute before the end');
      advance(2 * MINUTE);
      assert.equal(await guard.lockOf(BOOK), undefined, 'free once the 15 minutes are over');
      assert.deepEqual(await fail(MAX_FAILURES), { kind: 'timed', minutes: 30 });
      advance(lockSeconds(1) * 1000 + MINUTE);
      assert.ok(await guard.isLocked(BOOK), 'the second lock outlasts the first');
      advance(lockSeconds(2) * 1000);
      assert.equal(await guard.lockOf(BOOK), undefined);
    });
  });

  it(`after ${MAX_LOCKS} locks the carnet waits for its prescriber, who is told once`, async () => {
    const failures = await lockForGood(guard, NUMBER);
    assert.equal(failures, MAX_FAILURES * MAX_LOCKS, 'fifteen dates in all, not 365');
    assert.deepEqual(await guard.lockOf(BOOK), { kind: 'prescriber' });
    assert.deepEqual(told, [NUMBER]);
    await withMovableDate(async (advance) => {
      advance(90 * 24 * 3600 * 1000);
      assert.deepEqual(await guard.lockOf([...BOOK, conversationKey('webchat', 'new')]), { kind: 'prescriber' }, 'three months later');
      await fail(MAX_FAILURES * 2);
    });
    assert.deepEqual(told, [NUMBER], 'more tries tell nobody again');
    await guard.unlock(NUMBER);
    assert.equal(await guard.lockOf(BOOK), undefined, 'the prescriber unlocked it');
  });

  it('the right date after a lock starts the count again', async () => {
    await withMovableDate(async (advance) => {
      await fail(MAX_FAILURES);
      advance(LOCK_SECONDS * 1000 + MINUTE);
      await guard.recordSuccess(BOOK);
      assert.deepEqual(await fail(MAX_FAILURES), { kind: 'timed', minutes: 15 }, 'a first lock again, not a second');
    });
  });

  it('a conversation does not escalate: a new one is free anyway', async () => {
    const conversation = [conversationKey('webchat', 'c1')];
    await withMovableDate(async (advance) => {
      for (let lock = 1; lock <= MAX_LOCKS; lock += 1) {
        assert.deepEqual(await fail(MAX_FAILURES, conversation), { kind: 'timed', minutes: 15 });
        advance(LOCK_SECONDS * 1000 + MINUTE);
      }
      assert.equal(await guard.lockOf(conversation), undefined);
    });
    assert.deepEqual(told, []);
  });
});
