/**
 * The replay guard's claims do not pile up: they are kept under their day
 * and the days past two are deleted (at most hourly, by a passing turn).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { TestAdapter } from 'botbuilder';
import { REPLAY_KEY_PREFIX, ReplayGuardMiddleware } from '../../src/bot/replayGuard';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';

const DAY = 24 * 60 * 60 * 1000;

describe('the replay guard forgets old deliveries', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await openStores({ inMemory: true });
  });
  afterEach(async () => stores.close());

  it('runs a turn once per activity id, and deletes the claims of days older than two', async () => {
    let now = Date.parse('2026-11-01T10:00:00Z');
    let runs = 0;
    const adapter = new TestAdapter(async (context) => {
      runs += 1;
      await context.sendActivity('ok');
    }).use(new ReplayGuardMiddleware(stores.botState, () => now));
    const activity = { type: 'message', id: 'same', text: 'bonjour' };
    await adapter.send(activity).assertReply('ok');
    await adapter.send(activity).assertReply('ok'); // the first answer again, not a second run
    assert.equal(runs, 1);
    const conversation = adapter.conversation;
    const hash = createHash('sha256').update(`${conversation.channelId}\u0000${conversation.conversation.id}\u0000same`).digest('hex');
    const claim = `${REPLAY_KEY_PREFIX}2026-11-01/${hash}`;
    assert.equal((await stores.botState.read([claim])).length, 1, 'the claim is where the test looks for it');

    now += 3 * DAY;
    await adapter.send({ type: 'message', id: 'later', text: 'bonjour' }).assertReply('ok');
    assert.equal(runs, 2);
    // The purge runs beside that turn, not in it: give it a moment.
    for (let i = 0; i < 100 && (await stores.botState.read([claim])).length > 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(await stores.botState.read([claim]), [], 'the claim of three days ago is still there');
  });
});

describe('the replay guard after a crash', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await openStores({ inMemory: true });
  });
  afterEach(async () => stores.close());

  /** A turn claimed by a run of the bot that died before finishing it; then the channel's retry. */
  async function retryAfterCrash(singleProcess: boolean): Promise<number> {
    const now = Date.parse('2026-11-01T10:00:00Z');
    let runs = 0;
    const crashed = new TestAdapter(async () => {
      throw new Error('killed');
    });
    const hash = createHash('sha256').update(`${crashed.conversation.channelId}\u0000${crashed.conversation.conversation.id}\u0000retried`).digest('hex');
    // What a killed process leaves: its claim, unfinished, seconds ago.
    await stores.botState.insert({
      key: `${REPLAY_KEY_PREFIX}2026-11-01/${hash}`,
      json: JSON.stringify({ at: now - 5_000, done: false, run: 'the-run-that-died' }),
      eTag: 'e1',
    });
    const restarted = new TestAdapter(async (context) => {
      runs += 1;
      await context.sendActivity('ok');
    }).use(new ReplayGuardMiddleware(stores.botState, () => now, singleProcess, 'this-run'));
    await restarted.send({ type: 'message', id: 'retried', text: 'oui' }).startTest();
    return runs;
  }

  it('on the embedded store (one process), the retry of a turn a crash interrupted runs at once', async () => {
    assert.equal(await retryAfterCrash(true), 1);
  });

  it('with several instances possible, an unfinished claim of seconds ago may be a live turn: not run twice', async () => {
    assert.equal(await retryAfterCrash(false), 0);
  });
});
