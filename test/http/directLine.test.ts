/**
 * The local Direct Line, spoken the way Web Chat's client speaks it:
 * token, start, post, poll with a watermark, the WebSocket stream, token
 * refresh; proactive messages delivered into a local conversation; and the
 * refusals (unknown conversation, bad token, bad or too large body).
 */
import assert from 'node:assert/strict';
import type { ConversationReference } from 'botbuilder';
import WebSocket from 'ws';
import { LOCAL_BOT_ID } from '../../src/http/webchat/botBridge';
import { type BotUnderTest, startBot } from '../support/botServer';
import { directLineCall } from '../support/directLineClient';
import { webChatSettings } from '../../src/http/webchat/settings';

interface Started {
  conversationId: string;
  token: string;
  streamUrl: string;
  domain: string;
}

interface ActivitySet {
  activities: { id: string; type: string; text?: string; from: { id: string; role?: string } }[];
  watermark: string;
}

describe('the local Direct Line (what Web Chat talks to without Azure)', function () {
  this.timeout(30_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  const call = directLineCall(() => bot.url);

  async function start(): Promise<Started> {
    const issued = await call('POST', '/api/directline/token', undefined, {});
    assert.equal(issued.status, 200);
    const started = await call('POST', '/v3/directline/conversations', issued.body.token, {});
    assert.equal(started.status, 201);
    return { ...started.body, domain: issued.body.domain };
  }

  const poll = async (c: Started, watermark?: string) =>
    (await call('GET', `/v3/directline/conversations/${c.conversationId}/activities${watermark ? `?watermark=${watermark}` : ''}`, c.token))
      .body as ActivitySet;

  const post = (c: Started, activity: unknown) =>
    call('POST', `/v3/directline/conversations/${c.conversationId}/activities`, c.token, activity);

  it('issues a token for this server and greets as soon as the conversation starts', async () => {
    const c = await start();
    assert.equal(c.domain, `${bot.url}/v3/directline`);
    assert.match(c.streamUrl, new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${c.conversationId}/stream\\?t=`));
    const first = await poll(c);
    assert.match(first.activities[0].text ?? '', /^Bonjour ! Je suis l'assistant du Pass numérique/);
    assert.equal(first.activities[first.activities.length - 1].text, 'Que souhaitez-vous faire ?');
    assert.ok(first.activities.every((a) => a.from.role === 'bot' && a.from.id === LOCAL_BOT_ID));
  });

  it('echoes what the person posts and returns the replies after the watermark', async () => {
    const c = await start();
    const { watermark } = await poll(c);
    const posted = await post(c, { type: 'message', text: 'je cherche un lieu à Mende', from: { id: 'anything' } });
    assert.equal(posted.status, 200);
    const next = await poll(c, watermark);
    assert.equal(next.activities[0].id, posted.body.id);
    assert.equal(next.activities[0].from.role, 'user');
    assert.match(next.activities.map((a) => a.text).join('\n'), /lieux les plus proches de Mende/);
    assert.deepEqual((await poll(c, next.watermark)).activities, []);
  });

  it('streams the greeting, then each new activity, over the WebSocket', async () => {
    const c = await start();
    const ws = new WebSocket(c.streamUrl);
    const texts: string[] = [];
    const greeted = new Promise<void>((resolve, reject) => {
      ws.on('error', reject);
      ws.on('message', (data) => {
        for (const a of (JSON.parse(String(data)) as ActivitySet).activities) texts.push(a.text ?? '');
        if (texts.includes('Que souhaitez-vous faire ?') && texts.some((t) => /Dans quelle commune/.test(t))) resolve();
      });
    });
    await new Promise((resolve) => ws.once('open', resolve));
    await post(c, { type: 'message', text: '3' });
    await greeted;
    ws.close();
    assert.ok(texts.includes('3'), 'the echo of the message comes through the stream too');
  });

  it('delivers a proactive message into a local conversation (the path reminders use)', async () => {
    const c = await start();
    const { watermark, activities } = await poll(c);
    const reference: Partial<ConversationReference> = {
      channelId: 'directline',
      serviceUrl: bot.url,
      conversation: { id: c.conversationId } as ConversationReference['conversation'],
      bot: { id: LOCAL_BOT_ID, name: 'bot' },
      user: { id: (activities[0] as unknown as { recipient: { id: string } }).recipient.id, name: '' },
    };
    await bot.app.adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity('Rappel : votre séance est après-demain.');
    });
    const later = await poll(c, watermark);
    assert.deepEqual(
      later.activities.map((a) => a.text),
      ['Rappel : votre séance est après-demain.'],
    );
  });

  it('refreshes a token and resumes a conversation from a watermark', async () => {
    const c = await start();
    const refreshed = await call('POST', '/v3/directline/tokens/refresh', c.token);
    assert.equal(refreshed.status, 200);
    assert.equal(refreshed.body.conversationId, c.conversationId);
    const resumed = await call('GET', `/v3/directline/conversations/${c.conversationId}?watermark=1`, c.token);
    assert.equal(resumed.status, 200);
    assert.match(resumed.body.streamUrl, /watermark=1$/);
  });

  it('gives a page that slept past its token a fresh token for the same conversation, on its resume key', async () => {
    const sleepy = await startBot({ webChat: { ...webChatSettings({}), localTokenSeconds: 1 } });
    try {
      const at = directLineCall(() => sleepy.url);
      const issued = await at('POST', '/api/directline/token', undefined, {});
      const conversationId = issued.body.conversationId as string;
      await at('POST', '/v3/directline/conversations', issued.body.token, {});
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      assert.equal((await at('POST', '/v3/directline/tokens/refresh', issued.body.token)).status, 403, 'the old token is dead');
      const resumed = await at('POST', '/api/directline/token', undefined, { conversationId, resume: issued.body.resume });
      assert.equal(resumed.status, 200);
      assert.equal(resumed.body.conversationId, conversationId);
      const transcript = await at('GET', `/v3/directline/conversations/${conversationId}/activities`, resumed.body.token);
      assert.match(JSON.stringify(transcript.body), /Que souhaitez-vous faire/);
      assert.equal(
        (await at('POST', '/api/directline/token', undefined, { conversationId: 'nope', resume: issued.body.resume })).status,
        403,
      );
    } finally {
      await sleepy.close();
    }
  });

  describe('refuses, and changes nothing', () => {
    it('an unknown conversation: 404', async () => {
      const c = await start();
      const missing = await call('GET', '/v3/directline/conversations/nope/activities', c.token);
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'ConversationNotFound');
      assert.equal(
        (await call('POST', '/v3/directline/conversations/nope/activities', c.token, { type: 'message', text: 'x' })).status,
        404,
      );
    });

    it("no token: 401; another conversation's token: 403", async () => {
      const a = await start();
      const b = await start();
      assert.equal((await call('GET', `/v3/directline/conversations/${a.conversationId}/activities`)).status, 401);
      assert.equal((await call('GET', `/v3/directline/conversations/${a.conversationId}/activities`, b.token)).status, 403);
      assert.equal((await call('POST', '/v3/directline/conversations', 'made-up-token', {})).status, 403);
    });

    it('a body that is not an activity: 400', async () => {
      const c = await start();
      const { watermark } = await poll(c);
      for (const bad of [
        { type: 'nonsense' },
        { type: 'message', text: 42 },
        [],
        { type: 'message', attachments: [{ contentType: 'image/png' }] },
      ]) {
        const answer = await post(c, bad);
        assert.equal(answer.status, 400, JSON.stringify(bad));
        assert.equal(answer.body.error.code, 'BadArgument');
      }
      assert.equal(
        (await call('POST', `/v3/directline/conversations/${c.conversationId}/activities`, c.token, '{"type":', 'application/json')).status,
        400,
      );
      assert.equal((await call('GET', `/v3/directline/conversations/${c.conversationId}/activities?watermark=abc`, c.token)).status, 400);
      assert.deepEqual((await poll(c, watermark)).activities, [], 'nothing was stored');
    });

    it('a body over 256 KB: 413', async () => {
      const c = await start();
      const answer = await post(c, { type: 'message', text: 'a'.repeat(300 * 1024) });
      assert.equal(answer.status, 413);
    });

    it('a stream for an unknown conversation or with a wrong token', async () => {
      const c = await start();
      const refused = (url: string) =>
        new Promise<number>((resolve) => {
          const ws = new WebSocket(url);
          ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
          ws.on('open', () => resolve(101));
          ws.on('error', () => undefined);
        });
      assert.equal(await refused(c.streamUrl.replace(c.conversationId, 'nope')), 404);
      assert.equal(await refused(c.streamUrl.replace(/t=[^&]+/, 't=wrong')), 403);
    });
  });
});
