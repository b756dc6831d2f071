import assert from 'node:assert/strict';
import { isBalanced } from '../../src/domain/voucherLedger';
import { type BotUnderTest, startBot } from '../support/botServer';

const MARTINE = { carnet: 'LOZ-MEND-E4L', birth: '12/04/1958' };

describe('a beneficiary cancels a session', function () {
  this.timeout(30_000);
  let bot: BotUnderTest;

  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => bot.close());

  async function myBookings(channel = 'sms') {
    const chat = bot.conversation(channel);
    await chat.say('bonjour');
    await chat.say('mes rendez-vous');
    await chat.say(MARTINE.carnet);
    return { chat, list: (await chat.texts(MARTINE.birth)).join('\n') };
  }

  it('lists the upcoming session by number, and cancels it in two more turns with the hour given back', async () => {
    const { chat, list } = await myBookings();
    assert.match(list, /Votre prochaine séance\. Pour l'annuler, répondez son numéro :\n1\. \p{L}+ \d{1,2} \p{L}+ à \d{1,2}h\d\d, .+\n2\. Rien, merci/u);
    const question = (await chat.texts('1')).join('\n');
    assert.match(question, /^Annuler votre séance du .+\? Votre heure vous sera rendue\./);
    const done = (await chat.texts('oui')).join('\n');
    assert.match(done, /^C'est annulé\.\nIl vous reste 8 heures\./);
    const book = (await bot.stores.voucherBooks.getByNumber(MARTINE.carnet))!;
    assert.equal(book.hoursReserved, 0);
    assert.ok(isBalanced(book));
    assert.match((await chat.texts('mes rendez-vous')).join('\n'), /Vous n'avez pas de séance prévue\./);
  });

  it('keeps the session when the person answers « non »', async () => {
    const { chat } = await myBookings('webchat');
    await chat.say('1');
    assert.deepEqual((await chat.texts('non')).slice(0, 1), ['D\'accord, votre séance est maintenue.']);
    assert.equal((await bot.stores.voucherBooks.getByNumber(MARTINE.carnet))!.hoursReserved, 1);
  });

  it('changes nothing when the person picks « Rien, merci »', async () => {
    const { chat } = await myBookings();
    const replies = (await chat.texts('2')).join('\n');
    assert.match(replies, /Que souhaitez-vous faire maintenant \?/);
    assert.equal((await bot.stores.voucherBooks.getByNumber(MARTINE.carnet))!.hoursReserved, 1);
  });
});
