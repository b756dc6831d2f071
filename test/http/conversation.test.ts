import assert from 'node:assert/strict';
import sinon from 'sinon';
import { smsCost } from '../../src/channels/sms/segments';
import { StoreUnavailableError } from '../../src/store/errors';
import { type BotUnderTest, startBot } from '../support/botServer';

describe('talking to the bot over /api/messages (expectReplies)', function () {
  this.timeout(30_000);
  let bot: BotUnderTest;

  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  it('welcomes a Web Chat user in French and shows the menu as buttons', async () => {
    const replies = await bot.conversation('webchat').say('bonjour');
    assert.match(replies[0].text ?? '', /^Bonjour ! Je suis l'assistant du Pass numérique/);
    const menu = replies[replies.length - 1];
    assert.equal(menu.text, 'Que souhaitez-vous faire ?');
    assert.deepEqual(
      menu.suggestedActions?.actions.map((a) => a.title),
      [
        '1. Le Pass numérique',
        '2. Suis-je éligible ?',
        '3. Trouver un lieu',
        '4. Mes heures restantes',
        '5. Réserver une séance',
        '6. Mes rendez-vous',
        "7. Parler à quelqu'un",
      ],
    );
  });

  it('after a flow, on a screen, keeps the menu short: three buttons and « Voir tout le menu », the seven still understood', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    await chat.say('Le Pass numérique');
    const after = await chat.say('Lozère');
    const menu = after[after.length - 1];
    assert.equal(menu.text, 'Que souhaitez-vous faire maintenant ?');
    assert.deepEqual(
      menu.suggestedActions?.actions.map((a) => a.title),
      // The pass explained to someone not known here: what fits a newcomer (no booking without a carnet yet).
      ['Suis-je éligible ?', 'Trouver un lieu', "Parler à quelqu'un", 'Voir tout le menu'],
    );
    assert.match((await chat.texts('mes heures')).join('\n'), /numéro de votre (carnet|chéquier)/, 'a hidden option, asked in words');
    await chat.say('menu');
    const all = await chat.say('Voir tout le menu');
    assert.equal(all[all.length - 1].suggestedActions?.actions.length, 7);
  });

  it('answers SMS in plain numbered text: the welcome and the menu in one message of at most 3 segments', async () => {
    const replies = await bot.conversation('sms').say('bonjour');
    assert.equal(replies.length, 1);
    assert.match(replies[0].text ?? '', /^Bonjour ! Je suis l'assistant du Pass numérique\.\n[^\n]*MENU, AIDE[^\n]*\nVotre choix \?\n1\. /);
    for (const reply of replies) {
      assert.equal(reply.attachments, undefined);
      assert.equal(reply.suggestedActions, undefined);
      assert.ok(smsCost(reply.text ?? '').segments <= 3, `${smsCost(reply.text ?? '').segments} segments`);
    }
    const menu = replies[replies.length - 1].text ?? '';
    assert.match(menu, /1\. Le Pass numérique\n2\. Suis-je éligible \?/);
    assert.match(menu, /Répondez de 1 à 7\.$/);
  });

  it('welcomes only once per conversation', async () => {
    const chat = bot.conversation('sms');
    await chat.say('bonjour');
    const second = await chat.texts('menu');
    assert.ok(second.every((text) => !text.startsWith('Bonjour !')));
  });

  it('explains the Lozère pass after the menu number and the département', async () => {
    const chat = bot.conversation('sms');
    await chat.say('bonjour');
    const ask = await chat.texts('1');
    assert.match(ask.join('\n'), /Dans quel département habitez-vous \?/);
    // On SMS the short version first; « PLUS » gives the whole text (test/http/smsSegments.test.ts).
    assert.match((await chat.texts('Lozère')).join('\n'), /un carnet de 10 heures d'aide gratuite/);
    const about = (await chat.texts('plus')).join('\n');
    assert.match(about, /10 chèques, soit 10 heures d'accompagnement \(valeur : 100 €\)/);
    assert.match(about, /C'est gratuit pour vous\./);
  });

  it('understands a menu choice in words and without accents', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    const replies = await chat.texts('suis je eligible');
    assert.match(replies.join('\n'), /dans quelle commune habitez-vous \?/);
  });

  it('goes straight to the places near Mende when the first message says so', async () => {
    const replies = (await bot.conversation('sms').texts('je cherche un lieu à Mende')).join('\n');
    // On SMS a place is its name, its commune and its number (« Adresses, horaires » for more).
    assert.match(replies, /Près de Mende :\n- /);
    assert.match(replies, / : \d\d\s\d\d\s\d\d\s\d\d\s\d\d\n/);
  });

  it('asks for the commune, accepts a postal code and lists the places', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    assert.match((await chat.texts('3')).join('\n'), /Dans quelle commune habitez-vous \?/);
    const replies = (await chat.texts('26400')).join('\n');
    assert.match(replies, /(Laquelle de ces communes|les plus proches de)/);
  });

  it('gives the helpline when asked to talk to a person, at any point', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    await chat.say('1');
    const replies = (await chat.texts("je veux parler à quelqu'un")).join('\n');
    assert.match(replies, /01 70 772 372/);
    // …and the question that was pending is asked again.
    assert.match(replies, /Dans quel département habitez-vous \?/);
  });

  it('gives help and asks the pending question again on « aide »', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    await chat.say('3');
    const replies = (await chat.texts('aide')).join('\n');
    assert.match(replies, /«\smenu\s» pour revenir au début/);
    assert.match(replies, /Dans quelle commune habitez-vous \?/);
  });

  it('cancels the current flow on « annuler » and comes back to the menu', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    await chat.say('3');
    const replies = await chat.texts('annuler');
    assert.equal(replies[0], "D'accord, j'arrête là : rien n'a été réservé, annulé ni changé.");
    assert.equal(replies[replies.length - 1], 'Que souhaitez-vous faire ?');
  });

  it('speaks French even when the client says it is English', async () => {
    const replies = await bot.conversation('webchat').texts('hello', { locale: 'en-US' });
    assert.match(replies[0], /^Bonjour !/);
  });

  it('answers an unknown channel with the menu', async () => {
    const replies = await bot.conversation('carrier-pigeon').texts('bonjour');
    assert.equal(replies[replies.length - 1], 'Que souhaitez-vous faire ?');
  });

  it('answers an empty message with the menu', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    const replies = await chat.texts('');
    assert.match(replies[replies.length - 1], /Voici ce que je peux faire pour vous :/);
  });

  it('handles a 2,000-character message like any other', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    const replies = await chat.texts('blabla '.repeat(300).slice(0, 2000));
    assert.match(replies[replies.length - 1], /Je n'ai pas bien compris\./);
  });
});

describe('when a turn fails', function () {
  this.timeout(30_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());
  afterEach(() => sinon.restore());

  it('apologises in French with the helpline, then starts afresh', async () => {
    sinon.stub(bot.app.services.placeSearch, 'search').rejects(new Error('boom'));
    const chat = bot.conversation('webchat');
    const replies = (await chat.texts('je cherche un lieu à Mende')).join('\n');
    assert.match(replies, /Désolé, un problème technique m'a interrompu\. Reprenons depuis le début\./);
    assert.match(replies, /01 70 772 372/);
    sinon.restore();
    const after = await chat.texts('bonjour');
    assert.equal(after[after.length - 1], 'Que souhaitez-vous faire ?');
  });

  it('says the service is momentarily unavailable when the database is down', async () => {
    sinon.stub(bot.app.services.placeSearch, 'search').rejects(new StoreUnavailableError('down'));
    const replies = (await bot.conversation('sms').texts('je cherche un lieu à Mende')).join('\n');
    assert.match(replies, /Le service est momentanément indisponible/);
    assert.match(replies, /01 70 772 372/);
  });
});

describe('answers the bot cannot understand', function () {
  this.timeout(30_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot({ seed: false });
  });
  after(async () => bot.close());

  it('re-asks briefly, then after three offers the menu and a person', async () => {
    const chat = bot.conversation('sms');
    await chat.say('bonjour');
    const first = (await chat.texts('🙂🙂')).join('\n');
    assert.match(first, /^Je n'ai pas bien compris\. Voici ce que je peux faire pour vous :\n1\. /);
    await chat.say('9');
    const third = (await chat.texts('blabla')).join('\n');
    // A person, with phone numbers (dialogs/humanContacts.ts), before the question again.
    assert.match(third, /je ne comprends pas votre réponse[\s\S]*parler à une personne :[\s\S]*Solidarité Numérique : 01 70 772 372/);
    assert.match(third, /Répondez de 1 à 7\./);
  });
});
