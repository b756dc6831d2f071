/**
 * Channels redeliver an activity (same activity id) when they did not see
 * the answer in time. Here every message of a booking and of a cancellation
 * is delivered twice: the effect happens once, and the redelivery gets the
 * first answer again (or, while the first is still running, nothing).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { isBalanced } from '../../src/domain/voucherLedger';
import { type BotUnderTest, startBot } from '../support/botServer';
import { MARTINE } from '../support/personas';

describe('an activity delivered twice has one effect', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;

  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => bot.close());

  /** A conversation in which every message reaches the bot twice with the same activity id. */
  function stutteringChat() {
    const chat = bot.conversation('sms');
    return async (text: string): Promise<{ first: string[]; replay: string[] }> => {
      const id = randomUUID();
      const first = await chat.texts(text, { id });
      const replay = await chat.texts(text, { id });
      return { first, replay };
    };
  }

  const confirmedBookings = async () => (await bot.stores.bookings.list({ beneficiaryId: MARTINE.id, statuses: ['confirmed'] })).length;

  it('books once when every message of the booking is delivered twice, and repeats the same answers', async () => {
    const before = await confirmedBookings();
    const say = stutteringChat();
    for (const text of ['bonjour', 'réserver une séance', MARTINE.voucherBookNumber, MARTINE.birth, '1', '1']) {
      const { first, replay } = await say(text);
      assert.deepEqual(replay, first, `replay of « ${text} »`);
    }
    const { first, replay } = await say('oui');
    assert.match(first.join('\n'), /^C'est réservé : /);
    assert.deepEqual(replay, first);
    assert.equal(await confirmedBookings(), before + 1);
    const book = (await bot.stores.voucherBooks.getByNumber(MARTINE.voucherBookNumber))!;
    assert.equal(book.hoursLeft, 6);
    assert.ok(isBalanced(book));
  });

  it('cancels once when every message of the cancellation is delivered twice', async () => {
    const before = await confirmedBookings();
    assert.ok(before > 0, 'the demo person has a session to cancel');
    const say = stutteringChat();
    for (const text of ['bonjour', 'mes rendez-vous', MARTINE.voucherBookNumber, MARTINE.birth, '1', 'annuler']) await say(text);
    const { first, replay } = await say('oui');
    assert.match(first.join('\n'), /^C'est annulé : \p{L}+ \d{1,2} \p{L}+ à \d{1,2} h(?: \d\d)?/u);
    assert.deepEqual(replay, first);
    assert.equal(await confirmedBookings(), before - 1);
    const book = (await bot.stores.voucherBooks.getByNumber(MARTINE.voucherBookNumber))!;
    assert.equal(book.hoursLeft, 8);
    assert.ok(isBalanced(book));
  });

  it('books once when the two deliveries of « oui » arrive at the same time', async () => {
    const before = await confirmedBookings();
    const chat = bot.conversation('webchat');
    for (const text of ['bonjour', 'réserver une séance', MARTINE.voucherBookNumber, MARTINE.birth, '1']) await chat.say(text);
    await chat.say('1');
    const id = randomUUID();
    const answers = await Promise.all([chat.texts('oui', { id }), chat.texts('oui', { id })]);
    // The redelivery gets the first answer, or nothing if it came while the first was still running.
    const answered = answers.filter((texts) => texts.length > 0);
    assert.ok(answered.length >= 1);
    for (const texts of answered) assert.deepEqual(texts, answered[0]);
    assert.match(answered[0].join('\n'), /^C'est réservé : /);
    assert.equal(await confirmedBookings(), before + 1);
  });

  it('still runs a new message that merely repeats the same words (a new activity id)', async () => {
    const chat = bot.conversation('webchat');
    const first = await chat.texts('bonjour');
    const again = await chat.texts('bonjour');
    assert.ok(first.length > 0 && again.length > 0);
  });
});
