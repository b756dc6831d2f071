import assert from 'node:assert/strict';
import { connect } from 'node:net';
import sinon from 'sinon';
import { type BotUnderTest, startBot } from '../support/botServer';

describe('bad requests to /api/messages', function () {
  this.timeout(30_000);
  let bot: BotUnderTest;

  before(async () => {
    bot = await startBot({ seed: false });
  });
  after(async () => bot.close());

  const valid = {
    type: 'message',
    text: 'bonjour',
    channelId: 'webchat',
    from: { id: 'u1' },
    conversation: { id: 'c-bad-input' },
    recipient: { id: 'bot' },
    deliveryMode: 'expectReplies',
  };

  async function stateWritten(conversationId: string): Promise<boolean> {
    const docs = await bot.stores.botState.read([`webchat/conversations/${conversationId}/`]);
    return docs.length > 0;
  }

  it('refuses malformed JSON with 400 and stores nothing', async () => {
    const { status } = await bot.post('{"type": "message", "text": ');
    assert.equal(status, 400);
  });

  it('refuses an activity without a type with 400 and stores nothing', async () => {
    const { type: _omitted, ...noType } = valid;
    const { status } = await bot.post({ ...noType, conversation: { id: 'c-no-type' } });
    assert.equal(status, 400);
    assert.equal(await stateWritten('c-no-type'), false);
  });

  it('refuses an activity without a conversation with 400', async () => {
    const { conversation: _omitted, ...noConversation } = valid;
    assert.equal((await bot.post(noConversation)).status, 400);
  });

  it('refuses a JSON array, a number and a string with 400', async () => {
    for (const body of ['[]', '42', '"bonjour"']) assert.equal((await bot.post(body)).status, 400, body);
  });

  it('refuses a body that is not JSON', async () => {
    const { status } = await bot.post('type=message', 'application/x-www-form-urlencoded');
    assert.ok(status >= 400 && status < 500, `status ${status}`);
  });

  it('refuses a body over the size limit with 413', async () => {
    const { status } = await bot.post({ ...valid, text: 'a'.repeat(400 * 1024) });
    assert.equal(status, 413);
  });

  it('keeps the connection of a client still uploading a body over the limit open to the last byte, then answers 413', async () => {
    const { hostname, port } = new URL(bot.url);
    const size = 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const answer = await new Promise<{ received: string; sentWhenClosed: number }>((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let received = '';
      socket.on('data', (data) => (received += data.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => resolve({ received, sentWhenClosed: sent }));
      socket.write(
        `POST /api/messages HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\nConnection: close\r\n\r\n`,
      );
      // A slow upload: the refusal is decided on the headers, long before the last byte is sent.
      // Closed earlier, a real client fails on its next write (EPIPE) and never reads the refusal.
      const more = () => {
        if (sent >= size || socket.destroyed) return;
        socket.write(chunk);
        sent += chunk.length;
        setTimeout(more, 5);
      };
      more();
    });
    assert.equal(answer.sentWhenClosed, size, 'the connection was closed before the body was sent');
    assert.match(answer.received, /^HTTP\/1\.1 413 /);
  });

  it('still answers normally afterwards', async () => {
    const { status, body } = await bot.post({ ...valid, id: 'after-bad-input' });
    assert.equal(status, 200);
    assert.ok((body as { activities: unknown[] }).activities.length > 0);
  });
});

describe('health endpoints', () => {
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot({ seed: false });
  });
  after(async () => bot.close());

  it('says the process is alive on /healthz', async () => {
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
  });

  it('says ready on /readyz when the store answers, the models are warm and the ledger matches the bookings', async () => {
    const response = await fetch(`${bot.url}/readyz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      status: 'ready',
      checks: { store: true, languageModels: true, ledgerMatchesBookings: true },
    });
  });

  it('says not ready on /readyz when the store does not answer', async () => {
    const ping = sinon.stub(bot.stores, 'ping').rejects(new Error('down'));
    try {
      assert.equal((await fetch(`${bot.url}/readyz`)).status, 503);
    } finally {
      ping.restore();
    }
  });
});
