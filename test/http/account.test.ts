import assert from 'node:assert/strict';
import { type BotUnderTest, startBot } from '../support/botServer';
import { GERARD, MARTINE, SYLVIE } from '../support/personas';

// Demo identities (data/demo/identities.json), seeded by startBot.

describe('a beneficiary checks their own account', function () {
  this.timeout(30_000);
  let bot: BotUnderTest;

  // A fresh bot each time: identity locks and channel links must not leak between tests.
  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => bot.close());

  async function balanceOf(person: { voucherBookNumber: string; birth: string }, channel = 'webchat'): Promise<string> {
    const chat = bot.conversation(channel);
    await chat.say('bonjour');
    assert.match((await chat.texts('4')).join('\n'), /Quel est le numéro de votre carnet ou chéquier \?/);
    assert.match((await chat.texts(person.voucherBookNumber)).join('\n'), /Quelle est votre date de naissance \?/);
    return (await chat.texts(person.birth)).join('\n');
  }

  it('gives the hours left, reserved and used, with their euro value in Lozère', async () => {
    const answer = await balanceOf(MARTINE);
    assert.match(answer, new RegExp(String.raw`Votre carnet ${MARTINE.voucherBookNumber} :`));
    assert.match(answer, /- 7 heures restantes \(70 €\)/);
    assert.match(answer, /- 1 heure réservée pour votre séance du \p{L}+ \d{1,2} \p{L}+ à \d{1,2} h/u);
    assert.match(answer, /- 2 heures déjà utilisées/);
    assert.match(answer, /Valable jusqu'au \d{1,2} \p{L}+ \d{4}\./u);
  });

  it('gives the hours of a Drôme chéquier, without euros', async () => {
    const answer = await balanceOf(GERARD, 'sms');
    assert.match(answer, new RegExp(String.raw`Votre chéquier ${GERARD.voucherBookNumber} :`));
    assert.match(answer, /- 1 heure restante\n/);
    assert.doesNotMatch(answer, /€/);
    assert.match(answer, /Vous avez recu 1 chéquier sur 8 possibles\./);
  });

  it('says plainly when a carnet has expired, and what to do', async () => {
    const answer = await balanceOf(SYLVIE);
    assert.match(answer, new RegExp(String.raw`Votre carnet ${SYLVIE.voucherBookNumber} a expiré le`));
    assert.match(answer, /7 heures non utilisées ont été perdues/);
    assert.match(answer, /appelez France services de Mende, qui vous l'a remis : 04.66.49.67.13/);
  });

  it('catches a mistyped carnet number before asking for the birth date', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    await chat.say('mes heures restantes');
    assert.match((await chat.texts('LOZ-MEND-E4M')).join('\n'), /un caractère est peut-être mal recopié/);
  });

  it('never says which of the number or the birth date was wrong', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    await chat.say('4');
    await chat.say(MARTINE.voucherBookNumber);
    const answer = (await chat.texts('01/01/1950')).join('\n');
    assert.match(answer, /Je ne trouve pas de carnet avec ce numéro et cette date de naissance/);
    assert.doesNotMatch(answer, /7 heures/);
  });

  it('locks after five wrong answers and gives a human contact', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    await chat.say('4');
    let answer = '';
    for (let i = 0; i < 5; i += 1) {
      await chat.say(MARTINE.voucherBookNumber);
      answer = (await chat.texts(`0${i + 1}/01/1950`)).join('\n');
    }
    assert.match(answer, /je ne peux pas vérifier votre carnet par écrit pendant 15 minutes/);
    assert.match(answer, /01 70 772 372/);
  });

  it('keeps the carnet locked for another conversation, even with the right birth date', async () => {
    const guesser = bot.conversation('webchat');
    await guesser.say('bonjour');
    await guesser.say('4');
    for (let i = 0; i < 5; i += 1) {
      await guesser.say(GERARD.voucherBookNumber);
      await guesser.say(`0${i + 1}/02/1950`);
    }
    const other = bot.conversation('sms');
    await other.say('bonjour');
    await other.say('4');
    await other.say(GERARD.voucherBookNumber);
    const answer = (await other.texts(GERARD.birth)).join('\n');
    assert.match(answer, /pendant 15 minutes/);
    assert.doesNotMatch(answer, /heure restante/);
  });

  it('recognises the same phone next time: the balance in one turn', async () => {
    const phone = '+33639980101';
    const first = bot.conversation('sms', phone);
    await first.say('bonjour');
    await first.say('4');
    await first.say(MARTINE.voucherBookNumber);
    assert.match((await first.texts(MARTINE.birth)).join('\n'), /Je reconnaitrai ce téléphone/);

    const later = bot.conversation('sms', phone);
    await later.say('bonjour');
    assert.match(
      (await later.texts('mes heures restantes')).join('\n'),
      new RegExp(String.raw`Votre carnet ${MARTINE.voucherBookNumber} :`),
    );
  });

  it('forgets the phone on « oublier cet appareil »', async () => {
    const phone = '+33639980102';
    const first = bot.conversation('sms', phone);
    await first.say('bonjour');
    await first.say('4');
    await first.say(MARTINE.voucherBookNumber);
    await first.say(MARTINE.birth);
    assert.match((await first.texts('oublier cet appareil')).join('\n'), /je ne vous reconnaitrai plus/);

    const later = bot.conversation('sms', phone);
    await later.say('bonjour');
    assert.match((await later.texts('4')).join('\n'), /Quel est le numéro de votre carnet \?/);
  });

  it('lists the upcoming sessions once identified, without asking again', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    await chat.say('4');
    await chat.say(MARTINE.voucherBookNumber);
    await chat.say(MARTINE.birth);
    const answer = (await chat.texts('mes rendez-vous', { channelId: 'webchat' })).join('\n');
    assert.match(answer, /^Votre prochaine séance\. Pour l'annuler ou la déplacer, répondez son numéro :/);
  });

  it("once identified, « parler à quelqu'un » gives the place of her session to come and the prescribing structure first", async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    await chat.say('4');
    await chat.say(MARTINE.voucherBookNumber);
    await chat.say(MARTINE.birth);
    const contacts = (await chat.texts("parler à quelqu'un")).join('\n');
    assert.match(contacts, /Vous pouvez parler à une personne :\n- .+, où vous avez rendez-vous : \d\d/);
    assert.match(contacts, /- .+, qui vous a remis votre carnet/);
    assert.match(contacts, /01 70 772 372/);
  });

  it('on SMS from the phone on file, the birth date alone is enough', async () => {
    const chat = bot.conversation('sms', MARTINE.phone); // Martine's phone in the demo data
    await chat.say('bonjour');
    assert.match(
      (await chat.texts('mes heures restantes')).join('\n'),
      /Sinon, votre date de naissance suffit si ce téléphone est celui de votre dossier\./,
    );
    assert.match((await chat.texts(MARTINE.birth)).join('\n'), new RegExp(String.raw`Votre carnet ${MARTINE.voucherBookNumber} :`));
  });

  it('on SMS from the phone on file, a wrong birth date asks the carnet number, then checks both', async () => {
    const chat = bot.conversation('sms', MARTINE.phone);
    await chat.say('bonjour');
    await chat.say('mes heures restantes');
    assert.match(
      (await chat.texts('01/01/1950')).join('\n'),
      /Votre date de naissance seule ne suffit pas : il me faut aussi le numéro de votre carnet/,
    );
    assert.match(
      (await chat.texts(MARTINE.voucherBookNumber)).join('\n'),
      /Je ne trouve pas de carnet avec ce numéro et cette date de naissance/,
    );
  });
});
