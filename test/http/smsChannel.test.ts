/**
 * SMS as Azure Bot Service's Twilio channel delivers it: channelId "sms",
 * E.164 numbers for the person and the bot, no conversationUpdate — the
 * first thing the bot sees is the person's text. Over every flow the menu
 * offers, no reply carries a card or buttons and none exceeds 3 billed
 * segments. STOP, START and AIDE follow French SMS practice.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { smsCost } from '../../src/channels/sms/segments';
import { type BotUnderTest, startBot } from '../support/botServer';
import { MARTINE } from '../support/personas';

const BOT_NUMBER = '+33757000000';

describe('SMS through the Twilio channel', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;
  let numbers = 0;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  /** One phone: each text is posted the way the Twilio channel posts it. */
  function phone() {
    numbers += 1;
    const number = `+336${String(10_000_000 + numbers).slice(-8)}`;
    const said: Partial<Activity>[] = [];
    const send = async (text: string) => {
      const { status, body } = await bot.post({
        type: 'message',
        id: randomUUID(),
        channelId: 'sms',
        text,
        from: { id: number, name: number },
        recipient: { id: BOT_NUMBER, name: BOT_NUMBER },
        conversation: { id: number },
        deliveryMode: 'expectReplies',
      });
      assert.equal(status, 200);
      const replies = (body as { activities: Partial<Activity>[] }).activities;
      said.push(...replies);
      return replies.map((r) => r.text ?? '');
    };
    return { number, send, said };
  }

  function assertPlainSms(replies: Partial<Activity>[], flow: string) {
    assert.ok(replies.length > 0, `${flow}: the bot answered`);
    for (const reply of replies) {
      assert.equal(reply.attachments, undefined, `${flow}: no card`);
      assert.equal(reply.suggestedActions, undefined, `${flow}: no buttons`);
      const { segments } = smsCost(reply.text ?? '');
      assert.ok(segments <= 3, `${flow}: ${segments} segments in « ${reply.text?.slice(0, 60)}… »`);
      const length = reply.text?.length ?? 0;
      assert.ok(length <= 320, `${flow}: ${length} characters in « ${reply.text?.slice(0, 60)}… »`);
    }
  }

  // Each flow as a person would walk it; the answers fit whatever the flow asks next.
  const flows: Record<string, string[]> = {
    'first message, no conversationUpdate': ['bonjour'],
    'the pass explained': ['bonjour', '1', '1'],
    eligibility: ['bonjour', '2', 'Mende', '1', '1'],
    'find a place': ['bonjour', '3', '48000'],
    'find a place in one sentence': ['je cherche un lieu à Mende'],
    'hours left': ['bonjour', '4', MARTINE.voucherBookNumber, MARTINE.birth],
    'book a session': ['bonjour', '5', MARTINE.voucherBookNumber, MARTINE.birth, '1', '1', '1', '1', 'oui'],
    'my sessions': ['bonjour', '6', MARTINE.voucherBookNumber, MARTINE.birth],
    'talk to someone': ['bonjour', '7'],
    'global commands': ['bonjour', '3', 'aide', "parler à quelqu'un", 'annuler', 'menu'],
    'not understood': ['bonjour', 'blabla', 'x'.repeat(400)],
  };
  for (const [flow, texts] of Object.entries(flows)) {
    it(`${flow}: plain text, no card or button, ≤ 320 characters (3 segments) a message`, async () => {
      const person = phone();
      for (const text of texts) await person.send(text);
      assertPlainSms(person.said, flow);
    });
  }

  it('welcomes on the first message, since SMS sends no conversationUpdate', async () => {
    const replies = await phone().send('bonjour');
    assert.match(replies[0], /^Bonjour ! Je suis l'assistant du Pass numérique/);
  });

  it('STOP: confirms in French and records the opt-out the reminders read', async () => {
    const person = phone();
    await person.send('bonjour');
    const replies = await person.send('STOP');
    assert.deepEqual(replies, [
      "C'est noté : vous ne recevrez plus de rappels par SMS. Vous pouvez toujours m'écrire ici. Pour les recevoir à nouveau, écrivez START.",
    ]);
    const { contacts } = bot.app.services;
    assert.equal(await contacts.isSmsOptedOut('sms', person.number), true);
    assert.equal(await contacts.isSmsOptedOut('sms', '+33600000000'), false, 'only that number');
  });

  it('START after STOP: reminders again', async () => {
    const person = phone();
    await person.send('Stop');
    assert.match((await person.send('start')).join('\n'), /vous recevrez de nouveau les rappels/);
    assert.equal(await bot.app.services.contacts.isSmsOptedOut('sms', person.number), false);
  });

  it('STOP in the middle of a question keeps the question pending', async () => {
    const person = phone();
    await person.send('bonjour');
    await person.send('4');
    await person.send('STOP');
    const next = (await person.send(MARTINE.voucherBookNumber)).join('\n');
    assert.match(next, /date de naissance/);
  });

  it('AIDE: who we are, the commands, STOP and a human contact, in one SMS', async () => {
    const person = phone();
    const replies = await person.send('AIDE');
    assert.equal(replies.length, 1);
    assert.ok(smsCost(replies[0]).segments <= 3);
    assert.match(replies[0], /^Assistant du Pass numérique\./);
    assert.match(replies[0], /STOP : plus de rappels par SMS/);
    assert.match(replies[0], /01 70 772 372/);
  });

  it('on Web Chat, « stop » is no SMS keyword and « aide » is still the global help', async () => {
    const chat = bot.conversation('webchat');
    await chat.say('bonjour');
    assert.ok((await chat.texts('stop')).every((t) => !/rappels par SMS/.test(t)));
    assert.match((await chat.texts('aide')).join('\n'), /«\smenu\s» pour revenir au début/);
  });
});
