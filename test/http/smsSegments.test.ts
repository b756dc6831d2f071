/**
 * What a conversation costs on SMS (issue 17), on the real bot: every
 * message GSM-7, no turn over 3 billed segments in the main tasks, a
 * booking from « bonjour » to the confirmation in at most 12, one list of
 * numbers per message, and « PLUS » for the long « about ».
 */
import assert from 'node:assert/strict';
import { smsCost } from '../../src/channels/sms/segments';
import { type SmsTaskCost, smsTaskCosts, turnsOver } from '../support/smsTasks';
import { type BotUnderTest, startBot } from '../support/botServer';

describe('SMS segments per task', function () {
  this.timeout(180_000);
  let costs: SmsTaskCost[];
  before(async () => {
    costs = await smsTaskCosts();
  });

  it('a booking, « bonjour » to the confirmation, costs at most 12 segments (it was 13 SMS billed 26)', () => {
    const book = costs.find((c) => c.task === 'book')!;
    assert.ok(book.segments <= 12, `${book.segments} segments: ${book.turns.map((turn) => `${turn.said}=${turn.segments}`).join(', ')}`);
  });

  it('no turn of the main tasks costs more than 3 segments', () => {
    assert.deepEqual(turnsOver(costs, 3), []);
  });

  it('every message is GSM-7: no « » ’ ê or lowercase ç left to make it UCS-2', () => {
    for (const cost of costs) {
      for (const turn of cost.turns) {
        for (const text of turn.texts) assert.equal(smsCost(text).encoding, 'GSM-7', `${cost.task}, « ${turn.said} »: ${text}`);
      }
    }
  });

  it('one list of numbers a message, never « Répondez … » alone in a message', () => {
    for (const cost of costs) {
      for (const turn of cost.turns) {
        for (const text of turn.texts) {
          const firsts = text.split('\n').filter((line) => /^1\. /.test(line));
          assert.ok(firsts.length <= 1, `${cost.task}, « ${turn.said} »: two lists in ${text}`);
          assert.doesNotMatch(text, /^Répondez[^\n]*$/, `${cost.task}, « ${turn.said} »: the answer line alone`);
        }
      }
    }
  });
});

describe('the Drôme « about » on SMS', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  it('is short, says « PLUS » for more, and gives the whole text on « PLUS »', async () => {
    const chat = bot.conversation('sms');
    await chat.texts('bonjour');
    await chat.texts('1');
    const short = (await chat.texts('2')).join('\n');
    assert.match(short, /^Le Pass'numérique \(Drome\) : un chéquier de 5 heures d'aide gratuite/);
    assert.match(short, /Écrivez PLUS pour en savoir plus\./);
    assert.ok(smsCost(short).segments <= 2, `${smsCost(short).segments} segments`);
    const long = await chat.texts('PLUS');
    const whole = long.join('\n');
    assert.match(whole, /Vous pouvez recevoir jusqu'à 8 chéquiers, soit 40 heures au total\./);
    assert.match(whole, /Vous choisissez parmi de nombreux thèmes/);
    // Someone not known here is offered the eligibility check as the closing question (it holds MENU too).
    assert.match(long[long.length - 1], /Écrivez "suis-je éligible" ou MENU\.$/);
  });

  it('« PLUS » with no short text before it is not understood as anything special', async () => {
    const chat = bot.conversation('sms');
    await chat.texts('bonjour');
    const replies = (await chat.texts('plus')).join('\n');
    assert.doesNotMatch(replies, /chéquier|carnet de 10/);
  });

  it('Web Chat keeps the whole text at once', async () => {
    const chat = bot.conversation('webchat');
    await chat.texts('bonjour');
    await chat.texts('1');
    const text = (await chat.texts('2')).join('\n');
    assert.match(text, /Vous pouvez recevoir jusqu'à 8 chéquiers/);
    assert.doesNotMatch(text, /PLUS/);
  });
});
