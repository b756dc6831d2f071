/**
 * With the MongoDB store (FerretDB here), identity lockouts and request
 * limits count in the database: a second instance, or the same one
 * restarted, sees the counts of the first. The database holds keyed
 * hashes, never the carnet number or the phone number counted. When the
 * database cannot be reached, counting goes on in memory with the same
 * limits (fail-safe: no 500, no free pass).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { voucherBookKey, conversationKey, IdentityGuard, MAX_FAILURES } from '../../src/services/identityGuard';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import { COUNTERS_COLLECTION } from '../../src/store/mongo/mongoCounters';
import { type BotUnderTest, startBot } from '../support/botServer';
import { type FerretDbServer, startFerretDbOrSkip } from '../support/ferretdb';
import { uniqueDatabaseName, withDatabase } from '../store/harnesses';
import { GERARD, MARTINE, SYLVIE } from '../support/personas';
import { lockForGood } from '../support/lockForGood';

const VOUCHER_BOOK_NUMBER = MARTINE.voucherBookNumber;
const PHONE = MARTINE.phone;

/** Every counter document, as the database holds it. */
async function rawCounterDocuments(uri: string): Promise<string> {
  const connection = await mongoose.createConnection(uri).asPromise();
  try {
    return JSON.stringify(await connection.collection(COUNTERS_COLLECTION).find({}).toArray());
  } finally {
    await connection.close();
  }
}

describe('rate counters shared through MongoDB (FerretDB)', function () {
  this.timeout(90_000);
  let ferret: FerretDbServer | undefined;
  const opened: Stores[] = [];
  const open = async (uri: string) => {
    const stores = await openStores({ mongodbUri: uri });
    opened.push(stores);
    return stores;
  };

  before(async function () {
    ferret = await startFerretDbOrSkip(this);
  });
  after(async () => {
    for (const stores of opened) await stores.close().catch(() => undefined);
    await ferret?.stop();
  });

  describe('identity lockouts', () => {
    let uri: string;
    const keys = [voucherBookKey(VOUCHER_BOOK_NUMBER), conversationKey('sms', PHONE)];

    before(async () => {
      uri = withDatabase(ferret!.baseUri, uniqueDatabaseName('counters'));
      const first = new IdentityGuard((await open(uri)).counters);
      for (let i = 0; i < MAX_FAILURES; i += 1) await first.recordFailure(keys);
      assert.equal(await first.isLocked(keys), true);
    });

    it('five failures through one instance lock the carnet for a second instance on the same database', async () => {
      const second = new IdentityGuard((await open(uri)).counters);
      assert.equal(await second.isLocked([voucherBookKey(VOUCHER_BOOK_NUMBER)]), true);
      assert.equal(await second.isLocked([conversationKey('sms', PHONE)]), true);
      assert.equal(await second.isLocked([voucherBookKey(SYLVIE.voucherBookNumber)]), false, 'another carnet is free');
    });

    it('the lock outlives a restart: every connection closed, then a new one', async () => {
      for (const stores of opened.splice(0)) await stores.close();
      const restarted = new IdentityGuard((await open(uri)).counters);
      assert.equal(await restarted.isLocked([voucherBookKey(VOUCHER_BOOK_NUMBER)]), true);
    });

    it('a carnet locked three times waits for its prescriber on every instance, after a restart too, until unlocked', async () => {
      const first = new IdentityGuard((await open(uri)).counters);
      await lockForGood(first, GERARD.voucherBookNumber);
      const second = new IdentityGuard((await open(uri)).counters);
      assert.deepEqual(await second.lockOf([voucherBookKey(GERARD.voucherBookNumber)]), { kind: 'prescriber' });
      for (const stores of opened.splice(0)) await stores.close();
      const restarted = new IdentityGuard((await open(uri)).counters);
      assert.equal(await restarted.isLockedForGood(GERARD.voucherBookNumber), true);
      await restarted.unlock(GERARD.voucherBookNumber);
      const another = new IdentityGuard((await open(uri)).counters);
      assert.equal(await another.isLocked([voucherBookKey(GERARD.voucherBookNumber)]), false, 'the unlock holds for every instance');
    });

    it('the database holds keyed hashes, not the carnet number or the phone number', async () => {
      const documents = await rawCounterDocuments(uri);
      assert.match(documents, /"key":"identity(-locks)?:/, `the counts are there: ${documents.slice(0, 400)}`);
      for (const secret of [VOUCHER_BOOK_NUMBER, 'MEND', PHONE, MARTINE.phoneNational.slice(1)])
        assert.ok(!documents.includes(secret), `found ${secret}`);
    });
  });

  it('a count expires with its window, though FerretDB has no TTL index', async () => {
    const stores = await open(withDatabase(ferret!.baseUri, uniqueDatabaseName('expiry')));
    const counter = stores.counters({ name: 'short', points: 2, durationSeconds: 1 });
    await counter.consume('k');
    await counter.consume('k');
    await assert.rejects(counter.consume('k'), RateLimiterRes);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    assert.equal((await counter.consume('k')).consumedPoints, 1);
  });

  it('concurrent consumptions in one instance are all counted (FerretDB 1.x needs them serialised)', async () => {
    const stores = await open(withDatabase(ferret!.baseUri, uniqueDatabaseName('burst')));
    const counter = stores.counters({ name: 'burst', points: 1_000, durationSeconds: 60 });
    await Promise.all(Array.from({ length: 30 }, () => counter.consume('k')));
    assert.equal((await counter.get('k'))!.consumedPoints, 30);
  });

  describe('the per-conversation request limit across two app instances', () => {
    const bots: BotUnderTest[] = [];
    after(async () => {
      for (const bot of bots) await bot.close().catch(() => undefined);
    });

    it('counts the requests made to both: the sixth is refused by either', async () => {
      const uri = withDatabase(ferret!.baseUri, uniqueDatabaseName('http-limit'));
      const limits = { perAddressPerMinute: 0, perConversationPerMinute: 5 };
      bots.push(await startBot({ mongodbUri: uri, seed: false, rateLimits: limits }));
      bots.push(await startBot({ mongodbUri: uri, seed: false, rateLimits: limits }));
      const conversation = randomUUID();
      const message = () => ({
        type: 'message',
        id: randomUUID(),
        text: 'bonjour',
        channelId: 'webchat',
        from: { id: 'someone' },
        recipient: { id: 'bot' },
        conversation: { id: conversation },
        deliveryMode: 'expectReplies',
      });
      for (let i = 0; i < 5; i += 1) assert.equal((await bots[i % 2].post(message())).status, 200, `request ${i + 1}`);
      assert.equal((await bots[0].post(message())).status, 429);
      assert.equal((await bots[1].post(message())).status, 429);
    });
  });

  describe('when the database cannot be reached', () => {
    let down: FerretDbServer | undefined;
    after(async () => down?.stop());

    it('keeps counting in memory with the same limit, then uses the database again once it is back', async function () {
      down = await startFerretDbOrSkip(this);
      const stores = await open(withDatabase(down.baseUri, uniqueDatabaseName('down')));
      const counter = stores.counters({ name: 'outage', points: 3, durationSeconds: 60 });
      await counter.consume('before');
      await down.kill();
      for (let i = 0; i < 3; i += 1) await counter.consume('during');
      await assert.rejects(counter.consume('during'), RateLimiterRes, 'the fourth is refused, not failed');
      await down.restart();
      let back: RateLimiterRes | null = null;
      for (let attempt = 0; attempt < 50 && back === null; attempt += 1) {
        back = await counter.get('before');
        if (back === null) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(back?.consumedPoints, 1, 'the count made before the outage is read from the database again');
    });
  });
});
