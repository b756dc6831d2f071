/**
 * Limits that make flooding and guessing useless: requests per conversation
 * and per address on /api/messages (429, nothing run or stored), and
 * identity checks per client address, across conversations and carnets.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { generateVoucherBookNumber } from '../../src/domain/voucherBookNumber';
import { type BotUnderTest, startBot } from '../support/botServer';
import { MARTINE } from '../support/personas';

/** Well-formed carnet numbers, a new one for every guess: each stays under its own lock. */
const guessedVoucherBookNumber = (n: number) => generateVoucherBookNumber('LOZ', (max) => (n * 7 + 3) % max);

function message(conversationId: string, text = 'bonjour') {
  return {
    type: 'message',
    id: randomUUID(),
    text,
    channelId: 'webchat',
    from: { id: `user-${conversationId}` },
    recipient: { id: 'bot' },
    conversation: { id: conversationId },
    deliveryMode: 'expectReplies',
  };
}

describe('request rate limits on /api/messages', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;
  afterEach(async () => bot?.close());

  it('answers 429 with Retry-After past the limit of one conversation, runs nothing, and serves other conversations', async () => {
    bot = await startBot({ seed: false, rateLimits: { perAddressPerMinute: 0, perConversationPerMinute: 5 } });
    for (let i = 0; i < 5; i += 1) assert.equal((await bot.post(message('busy'))).status, 200);
    const stateBefore = await bot.stores.botState.read(['webchat/conversations/busy/']);
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message('busy', 'encore')),
    });
    assert.equal(response.status, 429);
    assert.ok(Number(response.headers.get('retry-after')) >= 1);
    assert.deepEqual(await bot.stores.botState.read(['webchat/conversations/busy/']), stateBefore);
    assert.equal((await bot.post(message('calm'))).status, 200);
  });

  it('answers 429 past the limit of one address, whatever the conversation', async () => {
    bot = await startBot({ seed: false, rateLimits: { perAddressPerMinute: 8, perConversationPerMinute: 0 } });
    for (let i = 0; i < 8; i += 1) assert.equal((await bot.post(message(`c-${i}`))).status, 200);
    assert.equal((await bot.post(message('c-new'))).status, 429);
    assert.deepEqual(await bot.stores.botState.read(['webchat/conversations/c-new/']), []);
  });

  it('does not count /healthz and /readyz', async () => {
    bot = await startBot({ seed: false, rateLimits: { perAddressPerMinute: 2, perConversationPerMinute: 0 } });
    for (let i = 0; i < 5; i += 1) assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
    assert.equal((await bot.post(message('after-health'))).status, 200);
  });
});

describe('identity checks limited per client address', function () {
  this.timeout(120_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  it('locks the address after 20 wrong answers spread over conversations and carnets, even for a right answer, and says so kindly', async () => {
    // Four wrong answers per conversation: under the per-conversation and per-carnet locks (5).
    let wrong = 0;
    for (let c = 0; wrong < 20; c += 1) {
      const chat = bot.conversation('webchat');
      await chat.say('bonjour');
      await chat.say('4');
      for (let i = 0; i < 4 && wrong < 20; i += 1, wrong += 1) {
        await chat.say(guessedVoucherBookNumber(wrong));
        const answer = (await chat.texts(`0${i + 1}/0${(c % 9) + 1}/1940`)).join('\n');
        if (wrong < 19)
          assert.match(
            answer,
            /Je ne trouve (toujours )?pas de carnet avec ce numéro et cette date de naissance|Toujours pas trouvé avec ce numéro et cette date/,
            `answer ${wrong + 1}`,
          );
      }
    }
    const fresh = bot.conversation('webchat');
    await fresh.say('bonjour');
    // Said at once (« 4 » needs the carnet), then recalled in short while it lasts.
    const answer = [
      ...(await fresh.texts('4')),
      ...(await fresh.texts(MARTINE.voucherBookNumber)),
      ...(await fresh.texts(MARTINE.birth)),
    ].join('\n');
    assert.match(answer, /je ne peux pas vérifier votre carnet(?: ou chéquier)? par écrit pendant 15 minutes[\s\S]*Toujours bloqué/);
    assert.doesNotMatch(answer, /heures/);
  });
});
