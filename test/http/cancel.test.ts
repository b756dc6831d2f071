import assert from 'node:assert/strict';
import { isBalanced } from '../../src/domain/voucherLedger';
import { type BotUnderTest, startBot } from '../support/botServer';
import { MARTINE } from '../support/personas';

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
    await chat.say(MARTINE.voucherBookNumber);
    return { chat, list: (await chat.texts(MARTINE.birth)).join('\n') };
  }

  it('lists the upcoming session by number, and cancels it with the hour given back', async () => {
    const { chat, list } = await myBookings();
    assert.match(
      list,
      /Votre prochaine séance\. Pour l'annuler ou la déplacer, répondez son numéro :\n1\. \p{L}+ \d{1,2} \p{L}+ à \d{1,2} h(?: \d\d)?, .+\n2\. Rien, merci/u,
    );
    assert.match((await chat.texts('1')).join('\n'), /Que voulez-vous faire \?\n1\. L'annuler\n2\. La déplacer\n3\. Rien, merci/);
    const question = (await chat.texts('annuler')).join('\n');
    assert.match(question, /^Annuler votre séance du .+\? Votre heure vous sera rendue\./);
    const done = (await chat.texts('oui')).join('\n');
    assert.match(done, /^C'est annulé : .+\.\nIl vous reste 8 heures\./);
    const book = (await bot.stores.voucherBooks.getByNumber(MARTINE.voucherBookNumber))!;
    assert.equal(book.hoursReserved, 0);
    assert.ok(isBalanced(book));
    assert.match((await chat.texts('mes rendez-vous')).join('\n'), /Vous n'avez pas de séance prévue\./);
  });

  it('cancels in three turns from « annuler mon rendez-vous » (identity included once known)', async () => {
    const { chat } = await myBookings();
    await chat.say('menu');
    const question = (await chat.texts('je voudrais annuler mon rendez-vous')).join('\n');
    assert.match(question, /^Annuler votre séance du .+\?/);
    assert.match((await chat.texts('oui')).join('\n'), /^C'est annulé : \p{L}+ \d{1,2} \p{L}+ à \d{1,2} h(?: \d\d)?/u);
  });

  it('moves the session: the new one is booked, the old one released, the hours unchanged', async () => {
    const { chat } = await myBookings();
    await chat.say('1');
    const slotList = (await chat.texts('la déplacer')).join('\n');
    assert.match(slotList, /Quel moment vous convient \?\n1\. /);
    assert.match((await chat.texts('2')).join('\n'), /^Je déplace votre séance du .+ au .+\? Vous gardez votre heure\b/);
    assert.match((await chat.texts('oui')).join('\n'), /^C'est fait : votre séance est maintenant /);
    const book = (await bot.stores.voucherBooks.getByNumber(MARTINE.voucherBookNumber))!;
    assert.equal(book.hoursReserved, 1);
    assert.equal(book.hoursLeft, 7);
    assert.ok(isBalanced(book));
    const confirmed = await bot.stores.bookings.list({ beneficiaryId: MARTINE.id, statuses: ['confirmed'] });
    assert.equal(confirmed.length, 1);
  });

  it('keeps the session when the person answers « non »', async () => {
    const { chat } = await myBookings('webchat');
    await chat.say('1');
    await chat.say('annuler');
    assert.deepEqual((await chat.texts('non')).slice(0, 1), ["D'accord, votre séance est maintenue."]);
    assert.equal((await bot.stores.voucherBooks.getByNumber(MARTINE.voucherBookNumber))!.hoursReserved, 1);
  });

  it('changes nothing when the person picks « Rien, merci »', async () => {
    const { chat } = await myBookings();
    const replies = (await chat.texts('2')).join('\n');
    // On SMS, back at the menu without listing it again (two billed segments): « MENU » shows it.
    assert.match(replies, /Autre chose \? Écrivez MENU\./);
    assert.equal((await bot.stores.voucherBooks.getByNumber(MARTINE.voucherBookNumber))!.hoursReserved, 1);
  });
});
