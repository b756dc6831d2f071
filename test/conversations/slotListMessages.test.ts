/**
 * What the corpus cannot see (it reads a turn's messages as one text): how
 * many messages a turn sends. At the session list on Web Chat, the question
 * asked again after « oui » and the list headed by « Le lieu est fermé… »
 * come in ONE message, with the buttons (a sentence of its own had none).
 */
import assert from 'node:assert/strict';
import { type BotUnderTest, startBot } from '../support/botServer';

describe('the session list on Web Chat, message by message', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  const shown = (replies: readonly { text?: string; suggestedActions?: { actions: unknown[] } }[]) =>
    replies.filter((r) => r.text).map((r) => ({ text: r.text ?? '', buttons: r.suggestedActions?.actions.length ?? 0 }));

  it('asks « Laquelle vous convient ? » after « oui » once, in one message with every button', async () => {
    const chat = bot.conversation('webchat');
    for (const said of ['je veux un rdv', 'DRO-VALE-NCK', '03/11/1949', '1']) await chat.say(said);
    const messages = shown(await chat.say('oui'));
    assert.equal(messages.length, 1, JSON.stringify(messages));
    assert.match(messages[0].text, /^Laquelle vous convient \? Répondez par son numéro, de 1 à 7\./);
    assert.equal(messages[0].buttons, 7);
  });

  it('says why the day asked is not offered in the message of the list', async () => {
    const chat = bot.conversation('webchat');
    for (const said of ['je veux un rdv samedi a 10h', 'LOZ-MEND-E4L', '12/04/1958']) await chat.say(said);
    const messages = shown(await chat.say('1'));
    const list = messages.find((m) => m.text.includes('Le lieu est fermé'));
    assert.ok(list, JSON.stringify(messages));
    assert.match(list.text, /Voici d.autres séances libres à Mende :\nLaquelle vous convient \?/);
    assert.ok(list.buttons > 0);
  });
});
