/**
 * Conversations are kept CONVERSATION_RETENTION_DAYS after their last
 * message: older ones are purged, recent ones and user states stay.
 */
import assert from 'node:assert/strict';
import { purgeOldConversations } from '../../src/services/retention';
import { type BotUnderTest, startBot } from '../support/botServer';

const DAY = 24 * 60 * 60 * 1000;

describe('retention of conversations', function () {
  this.timeout(30_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot({ seed: false });
  });
  after(async () => bot.close());

  it('keeps a conversation within the retention period, and purges it after, the person starting afresh', async () => {
    const chat = bot.conversation('sms', '+33600000001');
    await chat.say('bonjour');
    await chat.say('réserver une séance');
    assert.equal(await purgeOldConversations(bot.stores, 30, new Date(bot.clock.now().getTime() + 29 * DAY)), 0);
    assert.ok((await purgeOldConversations(bot.stores, 30, new Date(bot.clock.now().getTime() + 31 * DAY))) >= 1);
    // The person can simply start again.
    assert.match((await chat.texts('bonjour')).join('\n'), /Pass num[ée]rique/i);
  });
});
