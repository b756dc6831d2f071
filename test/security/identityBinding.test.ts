/**
 * A proof of identity belongs to the (channel, user) that gave it, not to
 * the conversation: on a Web Chat conversation where Martine proved who she
 * is, a second `from.id` asking « mes rendez-vous » got her sessions
 * (issue 16, medium 4). And a Teams group chat or channel is no place for
 * personal data: the bot says so kindly and asks for nothing.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { type BotUnderTest, startBot } from '../support/botServer';
import { CLAIRE, chatAs, DEMO_TENANT } from '../support/teamsChat';
import { MARTINE } from '../support/personas';

const ASKS_NUMBER = /numéro de votre carnet/;

describe('a proof of identity belongs to the person who gave it', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;
  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => bot.close());

  /** One conversation several senders can write to. */
  function sharedConversation(channelId: string, conversation: Record<string, unknown> = {}) {
    const conversationId = randomUUID();
    return async (userId: string, text: string): Promise<string> => {
      const { status, body } = await bot.post({
        type: 'message',
        id: randomUUID(),
        text,
        channelId,
        from: { id: userId },
        recipient: { id: 'bot' },
        conversation: { id: conversationId, ...conversation },
        deliveryMode: 'expectReplies',
      });
      assert.equal(status, 200);
      return (body as { activities: Partial<Activity>[] }).activities.map((a) => a.text ?? JSON.stringify(a.attachments ?? '')).join('\n');
    };
  }

  async function martineBookingsListed(say: (user: string, text: string) => Promise<string>, user: string): Promise<string> {
    await say(user, 'bonjour');
    await say(user, 'mes rendez-vous');
    await say(user, MARTINE.voucherBookNumber);
    return say(user, MARTINE.birth);
  }

  it("Web Chat: a second from.id on Martine's conversation is asked for a carnet, and sees none of her sessions", async () => {
    const say = sharedConversation('webchat');
    const hers = await martineBookingsListed(say, 'martine-browser');
    assert.match(hers, /Votre prochaine séance|Vos prochaines séances/);
    const other = await say('someone-else', 'mes rendez-vous');
    assert.match(other, ASKS_NUMBER);
    assert.doesNotMatch(other, /séance/);
  });

  it("Web Chat: a second from.id answering inside Martine's flow does not continue it", async () => {
    const say = sharedConversation('webchat');
    await martineBookingsListed(say, 'martine-browser');
    // Martine's list waits for a number; someone else answers it.
    const other = await say('someone-else', '1');
    assert.doesNotMatch(other, /Que voulez-vous faire|L'annuler|La déplacer/);
  });

  for (const conversationType of ['groupChat', 'channel']) {
    it(`Teams ${conversationType}: no carnet is asked, no personal data is given, the person is told kindly why`, async () => {
      const say = sharedConversation('msteams', { conversationType, tenantId: 'tenant-x' });
      await say('29:someone', 'bonjour');
      const answer = await say('29:someone', 'mes rendez-vous');
      assert.doesNotMatch(answer, ASKS_NUMBER);
      assert.match(answer, /conversation privée/);
      const typed = await say('29:someone', MARTINE.voucherBookNumber);
      const birth = await say('29:someone', MARTINE.birth);
      assert.doesNotMatch(`${typed}\n${birth}`, /séance du|Vos prochaines séances|Votre prochaine séance/);
    });
  }

  it('Teams group chat: a registered prescriber gets no file and no session list there', async () => {
    const group = chatAs(bot, { aadObjectId: CLAIRE, tenantId: DEMO_TENANT, conversationType: 'groupChat' });
    for (const asked of ['chercher Martine', 'séances de la semaine', MARTINE.voucherBookNumber]) {
      const answer = await group.texts(asked);
      assert.match(answer, /conversation privée/);
      assert.doesNotMatch(answer, /Martine|Dupont|\d{2}\/\d{2}\/\d{4}/);
    }
    const personal = chatAs(bot, { aadObjectId: CLAIRE, tenantId: DEMO_TENANT, conversationType: 'personal' });
    assert.doesNotMatch(await personal.texts('chercher Martine'), /conversation privée/);
  });
});
