import assert from 'node:assert/strict';
import { type BotUnderTest, startBot } from '../support/botServer';
import { MARTINE } from '../support/personas';

describe('privacy and erasure', function () {
  this.timeout(30_000);
  let bot: BotUnderTest;

  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => bot.close());

  it('says what is kept, why and for how long', async () => {
    const chat = bot.conversation('sms');
    await chat.say('bonjour');
    const answer = (await chat.texts('mes données')).join('\n');
    // On SMS, the short version (3 segments, where the full one billed 6).
    assert.match(answer, /^Je garde : numéro de carnet, nom, date de naissance, commune, téléphone/);
    assert.match(answer, /pour vos séances\./);
    assert.match(answer, /Conversation effacée sous 30 jours ; carnet et séances gardés par le Département le temps du dispositif\./);
    assert.match(answer, /1\. Supprimer mes données\n2\. Non, revenir au menu/);
  });

  it('erases the person after the identity check and an explicit yes, cancelling upcoming sessions', async () => {
    const chat = bot.conversation('sms');
    await chat.say('bonjour');
    assert.match((await chat.texts('je veux supprimer mes données')).join('\n'), /je dois d'abord vérifier que c'est bien vous/);
    await chat.say(MARTINE.voucherBookNumber);
    assert.match(
      (await chat.texts(MARTINE.birth)).join('\n'),
      /Vos 7 heures restantes seront perdues\. Votre séance à venir sera annulée\. C'est définitif\.\nPour confirmer, écrivez votre date de naissance/,
    );
    assert.match((await chat.texts(MARTINE.birth)).join('\n'), /vos données personnelles sont effacées/);

    assert.equal(await bot.stores.beneficiaries.get(MARTINE.id), undefined);
    const book = (await bot.stores.voucherBooks.getByNumber(MARTINE.voucherBookNumber))!;
    assert.equal(book.hoursReserved, 0, 'the upcoming session was cancelled');
    assert.equal(book.hoursTotal, 10, 'the anonymous ledger stays for the figures');
    const [erasure] = (await bot.stores.audit.list({ subjectId: MARTINE.id })).filter((e) => e.action === 'beneficiary.erased');
    assert.ok(erasure);
  });

  it('erases nothing on « non »', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    await chat.say('supprimer mes données');
    await chat.say(MARTINE.voucherBookNumber);
    await chat.say(MARTINE.birth);
    assert.match((await chat.texts('non')).join('\n'), /je n'ai rien effacé/);
    assert.ok(await bot.stores.beneficiaries.get(MARTINE.id));
  });

  it('no longer recognises the phone after erasure', async () => {
    const phone = '+33639980111';
    const chat = bot.conversation('sms', phone);
    await chat.say('bonjour');
    await chat.say('supprimer mes données');
    await chat.say(MARTINE.voucherBookNumber);
    await chat.say(MARTINE.birth);
    await chat.say(MARTINE.birth);
    const later = bot.conversation('sms', phone);
    await later.say('bonjour');
    assert.match((await later.texts('4')).join('\n'), /Quel est le numéro de votre carnet ou chéquier \?/);
  });
});
