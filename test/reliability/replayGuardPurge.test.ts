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
