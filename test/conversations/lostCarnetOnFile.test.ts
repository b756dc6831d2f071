/**
 * « je l ai perdu » at the carnet question, from the phone on Martine's file:
 * the structure that gave her carnet is named with its number, and her
 * birth date alone still proves who she is (s1/n07, where a stranger was
 * sent to « suis-je éligible » for a carnet she had).
 */
import assert from 'node:assert/strict';
import { type BotUnderTest, startBot } from '../support/botServer';

const MARTINE_PHONE = '+33639980148';

describe('a lost carnet, on the phone on file', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  it('names the structure that gave it, with its phone, and takes the birth date next', async () => {
    const chat = bot.conversation('sms', MARTINE_PHONE);
    await chat.texts('mes heures');
    const lost = (await chat.texts('je l ai perdu')).join('\n');
    assert.match(lost, /structure qui vous l'a remis/);
    assert.match(lost, /qui vous a remis votre carnet[^\n]*0\d( \d\d){4}/);
    assert.match(lost, /date de naissance suffit/);
    assert.doesNotMatch(lost, /reconnu de numéro/);
    assert.match((await chat.texts('12/04/1958')).join('\n'), /c'est bien vous/);
  });
});
