import assert from 'node:assert/strict';
import { type BotUnderTest, startBot } from '../support/botServer';

describe('am I eligible? (pre-orientation)', function () {
  this.timeout(30_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  it('in Lozère: three questions, then « probablement » and the three nearest prescribers, in 5 turns', async () => {
    const chat = bot.conversation('sms');
    await chat.say('bonjour');
    assert.match((await chat.texts('2')).join('\n'), /dans quelle commune habitez-vous \?/);
    assert.match(
      (await chat.texts('Marvejols')).join('\n'),
      /Avez-vous besoin d'aide pour utiliser un ordinateur, un téléphone ou internet \?\n1\. Oui\n2\. Un peu\n3\. Non/,
    );
    assert.match((await chat.texts('un peu')).join('\n'), /Avez-vous 18 ans ou plus \?/);
    assert.match((await chat.texts('oui')).join('\n'), /Etes-vous suivi par un travailleur social/);
    const answer = (await chat.texts('1')).join('\n');
    assert.match(answer, /Vous avez probablement droit au Pass Numérique\./);
    // On SMS, shorter (2 segments): who decides, then the places, as a list without numbers.
    assert.match(answer, /Ce n'est pas moi qui décide\.\nPour en parler, près de chez vous :\n- /);
    assert.equal(answer.match(/^- /gm)?.length, 3);
  });

  it('in the Drôme: goes straight to the questions when the sentence names the commune', async () => {
    const chat = bot.conversation('webchat');
    const first = (await chat.texts("suis-je éligible ? j'habite à Die")).join('\n');
    assert.match(first, /Avez-vous besoin d'aide pour utiliser un ordinateur/);
    await chat.say('oui');
    const answer = (await chat.texts('oui')).join('\n');
    assert.match(answer, /Vous pouvez probablement bénéficier du Pass'numérique\./);
    assert.match(answer, /le chéquier est remis par les centres sociaux et les centres médico-sociaux du Département/);
  });

  it('says who else can help a person who does not need help themselves', async () => {
    const chat = bot.conversation('sms');
    await chat.say('bonjour');
    await chat.say('2');
    await chat.say('Mende');
    assert.match((await chat.texts('non')).join('\n'), /est fait pour les personnes qui ont besoin d'aide avec le numérique/);
  });

  it('points outside the served départements to the helpline and the national map', async () => {
    const chat = bot.conversation('sms');
    await chat.say('bonjour');
    await chat.say('2');
    const answer = (await chat.texts('Brest')).join('\n');
    assert.match(answer, /n'est pas proposé par votre département/);
    assert.match(answer, /01 70 772 372/);
    assert.match(answer, /cartographie\.societenumerique\.gouv\.fr/);
  });
});
