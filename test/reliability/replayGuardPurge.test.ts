/**
 * The replay guard's claims do not pile up: they are kept under their hour
 * and the hours past two are deleted (at most hourly, by a passing turn).
 * A redelivery is answered from the store, by whichever run of the bot
 * gets it; erasure takes a conversation's kept replies with it.
 */
import assert from 'node:assert/strict';
import { TestAdapter } from 'botbuilder';
import { ReplayGuardMiddleware } from '../../src/bot/replayGuard';
import { earlierReplayClaimKey, forgetConversationReplies, hourOf, openReplies, replayClaimKey } from '../../src/services/replayRecords';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import { testNow } from '../support/clock';

const HOUR = 60 * 60 * 1000;

describe('the replay guard forgets old deliveries', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await openStores({ inMemory: true });
  });
  afterEach(async () => stores.close());

  it('runs a turn once per activity id, and deletes the claims of hours older than two', async () => {
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
    const claim = replayClaimKey(hourOf(now), {
      channelId: conversation.channelId,
      conversationId: conversation.conversation.id,
      activityId: 'same',
    });
    assert.equal((await stores.botState.read([claim])).length, 1, 'the claim is where the test looks for it');

    now += 2 * HOUR;
    await adapter.send({ type: 'message', id: 'later', text: 'bonjour' }).assertReply('ok');
    assert.equal(
      (await stores.botState.read([claim])).length,
      1,
      'the claim of two hours ago is kept (a redelivery of the last hour finds it)',
    );
    now += 2 * HOUR;
    await adapter.send({ type: 'message', id: 'latest', text: 'bonjour' }).assertReply('ok');
    assert.equal(runs, 3);
    // The purge runs beside that turn, not in it: give it a moment.
    for (let i = 0; i < 100 && (await stores.botState.read([claim])).length > 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(await stores.botState.read([claim]), [], 'the claim of four hours ago is still there');
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
    const delivery = {
      channelId: crashed.conversation.channelId,
      conversationId: crashed.conversation.conversation.id,
      activityId: 'retried',
    };
    // What a killed process leaves: its claim, unfinished, seconds ago.
    await stores.botState.insert({
      key: replayClaimKey(hourOf(now), delivery),
      json: JSON.stringify({ at: now - 5_000, done: false, run: 'the-run-that-died' }),
      eTag: 'e1',
      writtenAt: testNow(),
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

describe('the replay answer comes from the store', () => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await openStores({ inMemory: true });
  });
  afterEach(async () => stores.close());

  const now = Date.parse('2026-11-01T10:00:00Z');
  /** One run of the bot (a process), counting its turns. */
  function botRun(run: string, runs: { count: number }): TestAdapter {
    return new TestAdapter(async (context) => {
      runs.count += 1;
      await context.sendActivity(`réponse ${runs.count}`);
    }).use(new ReplayGuardMiddleware(stores.botState, () => now, true, run));
  }

  it('after a restart, a redelivery gets the reply the first delivery was sent, and nothing runs again', async () => {
    const runs = { count: 0 };
    const before = botRun('before-the-kill', runs);
    await before.send({ type: 'message', id: 'answered', text: 'bonjour' }).assertReply('réponse 1');
    const after = botRun('after-the-restart', runs);
    // Same conversation, as the channel's retry of the same activity.
    after.conversation = before.conversation;
    await after.send({ type: 'message', id: 'answered', text: 'bonjour' }).assertReply('réponse 1');
    assert.equal(runs.count, 1);
  });

  it('the replies are kept sealed: the stored claim does not hold their words, and only that delivery opens them', async () => {
    const runs = { count: 0 };
    const adapter = botRun('this-run', runs);
    await adapter.send({ type: 'message', id: 'sealed', text: 'mes heures' }).assertReply('réponse 1');
    const delivery = {
      channelId: adapter.conversation.channelId,
      conversationId: adapter.conversation.conversation.id,
      activityId: 'sealed',
    };
    const [stored] = await stores.botState.read([replayClaimKey(hourOf(now), delivery)]);
    assert.ok(stored && !stored.json.includes('réponse'), stored?.json);
    const { replies } = JSON.parse(stored.json) as { replies: string };
    assert.equal(openReplies<{ text?: string }>(delivery, replies)?.[0]?.text, 'réponse 1');
    assert.equal(openReplies({ ...delivery, activityId: 'another' }, replies), undefined);
  });

  it('a claim kept where they were before the replies were (no conversation level) still runs nothing twice', async () => {
    const runs = { count: 0 };
    const adapter = botRun('this-run', runs);
    const delivery = { channelId: adapter.conversation.channelId, conversationId: adapter.conversation.conversation.id, activityId: 'old' };
    await stores.botState.insert({
      key: earlierReplayClaimKey('2026-11-01', delivery),
      json: JSON.stringify({ at: now - 60_000, done: true }),
      eTag: 'e1',
      writtenAt: testNow(),
    });
    await adapter.send({ type: 'message', id: 'old', text: 'oui' }).startTest();
    assert.equal(runs.count, 0);
  });

  it('a redelivery in the next hour is still a replay: the last hour is looked up too', async () => {
    let at = Date.parse('2026-11-01T10:59:30Z');
    const runs = { count: 0 };
    const adapter = new TestAdapter(async (context) => {
      runs.count += 1;
      await context.sendActivity(`réponse ${runs.count}`);
    }).use(new ReplayGuardMiddleware(stores.botState, () => at, true, 'this-run'));
    await adapter.send({ type: 'message', id: 'midnight', text: 'bonjour' }).assertReply('réponse 1');
    at += 60_000;
    await adapter.send({ type: 'message', id: 'midnight', text: 'bonjour' }).assertReply('réponse 1');
    assert.equal(runs.count, 1);
  });

  it('a claim kept under its day, as before claims were kept by hour, still runs nothing twice', async () => {
    const runs = { count: 0 };
    const adapter = botRun('this-run', runs);
    const delivery = {
      channelId: adapter.conversation.channelId,
      conversationId: adapter.conversation.conversation.id,
      activityId: 'by-day',
    };
    await stores.botState.insert({
      key: replayClaimKey('2026-11-01', delivery),
      json: JSON.stringify({ at: now - 60_000, done: true }),
      eTag: 'e1',
      writtenAt: testNow(),
    });
    await adapter.send({ type: 'message', id: 'by-day', text: 'oui' }).startTest();
    assert.equal(runs.count, 0);
  });

  it('erasing a conversation deletes the replies kept for it, and only them', async () => {
    const runs = { count: 0 };
    const mine = botRun('this-run', runs);
    await mine.send({ type: 'message', id: 'a', text: 'mes heures' }).assertReply('réponse 1');
    const other = botRun('this-run', runs);
    other.conversation = { ...other.conversation, conversation: { ...other.conversation.conversation, id: 'another-conversation' } };
    await other.send({ type: 'message', id: 'b', text: 'bonjour' }).assertReply('réponse 2');
    const key = (adapter: TestAdapter, activityId: string) =>
      replayClaimKey(hourOf(now), {
        channelId: adapter.conversation.channelId,
        conversationId: adapter.conversation.conversation.id,
        activityId,
      });
    await forgetConversationReplies(stores.botState, mine.conversation.channelId, mine.conversation.conversation.id, new Date(now));
    assert.deepEqual(await stores.botState.read([key(mine, 'a')]), []);
    assert.equal((await stores.botState.read([key(other, 'b')])).length, 1);
  });
});
