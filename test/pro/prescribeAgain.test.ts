/**
 * A « oui » whose answer never came back: the server was killed after the
 * carnet was written but before the conversation's state was, so the
 * professional is still asked the same question and confirms again. That
 * second « oui » is the same prescription (its id was drawn with the
 * question and kept in the dialog's state): the carnet first issued, once.
 *
 * The kill is reproduced by putting back the conversation state as it was
 * before the lost turn — exactly what the store holds after such a kill.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type BotUnderTest, startBot } from '../support/botServer';
import { activityText, CLAIRE, DEMO_TENANT } from '../support/teamsChat';
import { MARTINE } from '../support/personas';

const VOUCHER_BOOK_NUMBER = /carnet (LOZ-[A-Z2-9]{4}-[A-Z2-9]{3})/;

describe('a prescription confirmed again after a turn whose answer was lost', function () {
  this.timeout(30_000);
  let bot: BotUnderTest;

  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  it('« oui » again answers with the carnet already issued: one carnet, counted once', async () => {
    const conversationId = randomUUID();
    const from = { id: `29:${randomUUID()}`, aadObjectId: CLAIRE };
    const chat = {
      texts: async (text: string) => {
        const { status, body } = await bot.post({
          type: 'message',
          id: randomUUID(),
          text,
          channelId: 'msteams',
          from,
          recipient: { id: 'bot' },
          conversation: { id: conversationId, tenantId: DEMO_TENANT },
          channelData: { tenant: { id: DEMO_TENANT } },
          deliveryMode: 'expectReplies',
        });
        assert.equal(status, 200);
        return (body as { activities: Parameters<typeof activityText>[0][] }).activities.map(activityText).join('\n');
      },
    };
    await chat.texts('Martine Delmaz');
    assert.match(await chat.texts('Prescrire un carnet'), /Prescrire un 2e carnet de 10 heures à Martine Delmas \?/);
    const key = `msteams/conversations/${conversationId}/`;
    const [asked] = await bot.stores.botState.read([key]);
    assert.ok(asked, `no conversation state under ${key}`);

    const lost = VOUCHER_BOOK_NUMBER.exec(await chat.texts('oui'))?.[1];
    assert.ok(lost, 'the first « oui » issued no carnet');
    await bot.stores.botState.upsert({ ...asked, writtenAt: bot.clock.now() });

    const again = await chat.texts('oui');
    assert.match(again, /C'est fait : carnet/);
    assert.equal(VOUCHER_BOOK_NUMBER.exec(again)?.[1], lost);
    assert.match(again, /Martine Delmas en est à 2 carnets\./);
    assert.equal((await bot.stores.voucherBooks.listByBeneficiary(MARTINE.id)).length, 2);
    const martine = await bot.stores.beneficiaries.get(MARTINE.id);
    assert.equal(martine?.booksIssued, 2);
  });
});
