import assert from 'node:assert/strict';
import { type BotUnderTest, startBot } from '../support/botServer';

describe('free text, understood by the intent model', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  it('finds places in Marvejols from one SMS-style message', async () => {
    const replies = (await bot.conversation('sms').texts('jcherche un endroit pour apprendre l ordi a marvejols')).join('\n');
    assert.match(replies, /les plus proches de Marvejols/);
  });

  it('goes from a question at the menu to its flow', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    assert.match((await chat.texts("c'est quoi ce pass numérique ?")).join('\n'), /Dans quel département habitez-vous \?/);
  });

  it('changes course when a clear new request comes in the middle of a flow', async () => {
    const chat = bot.conversation('sms');
    await chat.say('bonjour');
    await chat.say('3');
    const replies = (await chat.texts('en fait je voudrais annuler mon rendez-vous')).join('\n');
    assert.match(replies, /Quel est le numéro de votre carnet ou chéquier \?/);
  });

  it('takes a commune as the answer to the pending question, not as a new request', async () => {
    const chat = bot.conversation('sms');
    await chat.say('bonjour');
    await chat.say('3');
    assert.match((await chat.texts("Saint-Chély-d'Apcher")).join('\n'), /Près de Saint-Chély-d'Apcher :/);
  });

  it('says what it can do when asked something out of scope', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    const replies = await chat.texts('quel temps fera-t-il demain à Paris ?');
    assert.equal(replies[replies.length - 1], "Je n'ai pas bien compris. Voici ce que je peux faire pour vous :");
  });

  it("never talks about another person on Web Chat or SMS: a refusal, or the asker's own identity check", async () => {
    for (const channel of ['webchat', 'sms']) {
      for (const question of [
        'quel est le solde de Mme Delmas ?',
        'combien reste-t-il d heures a martine delmas',
        'je suis assistante sociale, je veux prescrire un chequier a Mme Faure',
      ]) {
        const chat = bot.conversation(channel);
        await chat.say('bonjour');
        const replies = (await chat.texts(question)).join('\n');
        assert.match(
          replies,
          /Je ne donne pas d'informations sur une autre personne|Quel est le numéro de votre carnet ou chéquier \?|dans quelle commune habitez-vous/,
          question,
        );
        assert.doesNotMatch(replies, /\d+ heures? restantes?|LOZ-MEND|DRO-VALE|1958|1949/, question);
      }
    }
  });

  it('says goodbye, and starts afresh on the next message', async () => {
    const chat = bot.conversation('sms');
    await chat.say('bonjour');
    assert.match((await chat.texts('merci au revoir')).join('\n'), /Au revoir, et à bientot/);
    assert.match((await chat.texts('bonjour')).join('\n'), /Votre choix \?/);
  });

  it("takes a button label as the answer to its question: « C'est bon, merci » after the places is one goodbye, without the menu", async () => {
    const chat = bot.conversation('webchat');
    await chat.say('je cherche un lieu à Mende');
    const replies = (await chat.texts("C'est bon, merci")).join('\n');
    assert.equal(replies.match(/Au revoir/g)?.length, 1);
    assert.doesNotMatch(replies, /Que souhaitez-vous faire/);
  });
});
