/**
 * End to end, as a new user of the local Web Chat lives it: book in a
 * local Direct Line conversation, say yes to the reminder, and — with the
 * outbox's clock advanced to the reminder time — see the reminder arrive
 * in that same conversation, through continueConversationAsync and the
 * local connector routes. Then the after-session question, answered 4.
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { isQuietTime, nextAllowedTime, outboxIds } from '../../src/domain/outbox';
import { publicHolidayOn } from '../../src/domain/holidays';
import { buildProgrammeReport } from '../../src/services/programmeReport';
import { type BotUnderTest, startBot } from '../support/botServer';
import { directLineCall } from '../support/directLineClient';
import { testNow } from '../support/clock';
import { GERARD, MARTINE } from '../support/personas';

/** A working day at least 8 days ahead, said the way people say it: "le 3 décembre". */
function aWorkingDayAhead(days: number): string {
  let day = DateTime.fromJSDate(testNow()).setZone('Europe/Paris').setLocale('fr').plus({ days });
  while (day.weekday > 5 || publicHolidayOn(day.toISODate()!)) day = day.plus({ days: 1 });
  return `le ${day.toFormat('d MMMM')}`;
}

describe('a reminder reaches a local Web Chat conversation', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  const call = directLineCall(() => bot.url);

  interface BotActivity {
    text?: string;
    from: { role?: string };
    suggestedActions?: { actions: { title: string; value: string }[] };
  }

  /** A local Direct Line conversation as the page holds it: say, and read what the bot wrote since. */
  async function webConversation(userId = 'web-user') {
    const token = (await call('POST', '/api/directline/token', undefined, {})).body.token as string;
    const { conversationId } = (await call('POST', '/v3/directline/conversations', token, {})).body as { conversationId: string };
    let watermark: string | undefined;
    const activities = async (): Promise<BotActivity[]> => {
      const set = (
        await call('GET', `/v3/directline/conversations/${conversationId}/activities${watermark ? `?watermark=${watermark}` : ''}`, token)
      ).body;
      watermark = set.watermark;
      return (set.activities as BotActivity[]).filter((a) => a.from.role === 'bot');
    };
    const read = async (): Promise<string[]> => (await activities()).map((a) => a.text ?? '');
    const say = async (text: string): Promise<string[]> => {
      const posted = await call('POST', `/v3/directline/conversations/${conversationId}/activities`, token, {
        type: 'message',
        text,
        from: { id: userId },
      });
      assert.equal(posted.status, 200);
      return read();
    };
    await read();
    return { say, read, activities };
  }

  /** Books a session for Martine in this conversation, says yes to reminders; returns the booking. */
  async function bookWithReminder(chat: Awaited<ReturnType<typeof webConversation>>, daysAhead: number) {
    for (const text of [
      'réserver une séance',
      MARTINE.voucherBookNumber,
      MARTINE.birth,
      'accès aux droits',
      aWorkingDayAhead(daysAhead),
      '1',
    ])
      await chat.say(text);
    const booked = await chat.say('oui');
    assert.match(booked.join('\n'), /^C'est réservé : /);
    // Asked once per channel: the first booking here asks, the next ones keep the answer.
    // Where the reminder will arrive is said (#14 fault 8): here, in this conversation.
    if (/^Voulez-vous un rappel ici, dans cette conversation, deux jours avant .+ \?$/.test(booked[booked.length - 1])) {
      assert.match((await chat.say('oui'))[0], /^C'est noté : je vous écrirai ici, dans cette conversation, deux jours avant /);
    }
    const [booking] = (await bot.stores.bookings.list({ beneficiaryId: MARTINE.id, statuses: ['confirmed'] })).sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
    );
    return booking;
  }

  it('books, accepts the reminder, then receives it when the clock reaches its time', async () => {
    const { say, read, activities } = await webConversation();
    const booking = await bookWithReminder({ say, read, activities }, 8);
    assert.equal(
      (await bot.stores.contactReferences.listByBeneficiary(MARTINE.id)).find((c) => c.channelId === 'directline')?.consent,
      true,
    );
    // The confirmation was the reply here: the outbox does not say it twice in the same place.
    await bot.app.reminders.dispatcher.tick(nextAllowedTime(bot.clock.now()));
    const confirmation = (await bot.stores.outbox.get(outboxIds.confirmation(booking.id, 'booked')))!;
    assert.deepEqual([confirmation.status, confirmation.reason], ['cancelled', 'confirmed_in_conversation']);
    assert.deepEqual(await read(), []);
    // « oui » covered her other session too (Friday's, booked before): its reminder is planned, due this morning (#14 fault 16).
    const friday = (await bot.stores.outbox.list({ beneficiaryId: MARTINE.id, statuses: ['pending'] })).find(
      (m) => m.kind === 'reminder' && m.bookingId !== booking.id,
    );
    assert.ok(friday, 'a reminder for her Friday session');
    await bot.app.reminders.dispatcher.tick(nextAllowedTime(friday.dueAt));
    assert.match((await read()).join('\n'), /^Rappel : votre séance du Pass Numérique est vendredi 4 décembre à 9 h/);

    const reminder = (await bot.stores.outbox.get(outboxIds.reminder(booking.id)))!;
    assert.equal(reminder.status, 'pending');

    // The scheduler's clock, one minute before, then at the reminder time.
    const at = nextAllowedTime(reminder.dueAt);
    const before = new Date(at.getTime() - 60_000);
    if (!isQuietTime(before)) {
      // Her Friday session's question after it may go then; this booking's reminder waits for its time.
      await bot.app.reminders.dispatcher.tick(before);
      assert.equal((await bot.stores.outbox.get(reminder.id))!.status, 'pending');
      await read();
    }
    assert.deepEqual(await bot.app.reminders.dispatcher.tick(at), { sent: 1, retried: 0, failed: 0, cancelled: 0, skipped: 0 });
    const arrived = (await activities()).map((a) => a.text ?? '');
    assert.equal(arrived.length, 1);
    assert.match(arrived[0], /^Rappel : votre séance du Pass Numérique est \p{L}+ \d{1,2} \p{L}+ à \d{1,2} h(?: \d\d)?, /u);
    assert.equal((await bot.stores.outbox.get(reminder.id))!.status, 'sent');
    assert.equal((await bot.app.reminders.dispatcher.tick(new Date(at.getTime() + 60_000))).sent, 0, 'once');

    // After the session: the question, and the answer stored for the figures.
    const feedback = (await bot.stores.outbox.get(outboxIds.feedback(booking.id)))!;
    assert.equal((await bot.app.reminders.dispatcher.tick(nextAllowedTime(feedback.dueAt))).sent, 1);
    assert.deepEqual(await read(), ["Comment s'est passée votre séance ? Répondez de 1 (pas bien) à 5 (très bien)."]);
    assert.deepEqual(await say('4'), ['Merci pour votre réponse !']);
    assert.equal((await bot.stores.outbox.get(feedback.id))!.rating, 4);
    // …and counted in the programme's figures (npm run report, « les chiffres » in Teams).
    const today = DateTime.fromJSDate(testNow()).setZone('Europe/Paris');
    const figures = await buildProgrammeReport(bot.stores, 'lozere', today.toISODate()!, today.plus({ days: 60 }).toISODate()!);
    assert.deepEqual([figures.totals.ratings, figures.totals.averageRating], [1, 4]);
  });

  it('a rating question left for something else is dropped: « 1 » then answers the question asked last (#14 fault 16)', async () => {
    const chat = await webConversation('rates-later');
    const booking = await bookWithReminder(chat, 9);
    const feedback = (await bot.stores.outbox.get(outboxIds.feedback(booking.id)))!;
    await bot.app.reminders.dispatcher.tick(nextAllowedTime(feedback.dueAt));
    assert.match((await chat.read()).join('\n'), /Comment s'est passée votre séance \?/);
    // The person starts a booking instead of answering; « 1 » at the parcours question is the parcours.
    assert.match((await chat.say('réserver une séance')).join('\n'), /Quel parcours/);
    const replies = (await chat.say('1')).join('\n');
    assert.doesNotMatch(replies, /Merci pour votre réponse/);
    assert.match(replies, /Quel moment vous convient/);
    assert.equal((await bot.stores.outbox.get(feedback.id))!.rating, undefined);
  });

  it("the reminder's « Annuler cette séance » button opens the cancellation of that session", async () => {
    const chat = await webConversation();
    const booking = await bookWithReminder(chat, 12);
    const reminder = (await bot.stores.outbox.get(outboxIds.reminder(booking.id)))!;
    assert.equal((await bot.app.reminders.dispatcher.tick(nextAllowedTime(reminder.dueAt))).sent >= 1, true);
    const [arrived] = await chat.activities();
    assert.match(arrived.text ?? '', /Pour annuler, répondez ANNULER\.$/);
    assert.deepEqual(
      arrived.suggestedActions?.actions.map((a) => a.value),
      ['Annuler cette séance'],
    );

    const question = (await chat.say('Annuler cette séance')).join('\n');
    assert.match(question, /^Annuler votre séance du /, 'the session of the reminder, without choosing it from a list');
    const done = await chat.say('oui');
    assert.match(done.join('\n'), /^C'est annulé : \p{L}+ \d{1,2} \p{L}+ à \d{1,2} h(?: \d\d)?/u, JSON.stringify(done));
    assert.equal((await bot.stores.bookings.get(booking.id))!.status, 'cancelled');
  });

  it('« annuler » with no reminder sent stops what is under way, and at the menu asks whose session to cancel', async () => {
    const chat = await webConversation('someone-never-reminded');
    await chat.say('bonjour');
    await chat.say('mes heures');
    assert.equal((await chat.say('annuler'))[0], "D'accord, j'arrête là : rien n'a été réservé, annulé ni changé.");
    // Nothing under way: a session is meant, and this person is not known yet (#14).
    assert.match((await chat.say('annuler')).join('\n'), /numéro de votre carnet/);
  });

  it('a Web Chat conversation that no longer exists: the reminder fails at once, nothing else disturbed', async () => {
    const chat = await webConversation('closed-page-user');
    const booking = await bookWithReminder(chat, 13);
    // The page was closed long ago: its stored reference names a conversation the local Direct Line no longer has.
    const [contact] = (await bot.stores.contactReferences.listByBeneficiary(MARTINE.id)).filter((c) => c.channelId === 'directline');
    const reference = JSON.parse(contact.referenceJson) as { conversation: { id: string } };
    await bot.stores.contactReferences.put({
      ...contact,
      referenceJson: JSON.stringify({ ...reference, conversation: { ...reference.conversation, id: 'gone' } }),
    });
    const reminder = (await bot.stores.outbox.get(outboxIds.reminder(booking.id)))!;
    await bot.app.reminders.dispatcher.tick(nextAllowedTime(reminder.dueAt));
    const failed = (await bot.stores.outbox.get(reminder.id))!;
    assert.deepEqual([failed.status, failed.attempts], ['failed', 1]);
    assert.match(failed.reason ?? '', /^send:\w+:404$/);
    await bot.stores.contactReferences.put(contact);
    assert.equal((await bot.stores.bookings.get(booking.id))!.status, 'confirmed', 'the booking stands');
  });

  it('« ne plus recevoir de messages » turns the consent off on that channel', async () => {
    const chat = bot.conversation('sms');
    for (const text of [
      'réserver une séance',
      MARTINE.voucherBookNumber,
      MARTINE.birth,
      'accès aux droits',
      aWorkingDayAhead(11),
      '1',
      'oui',
    ])
      await chat.say(text);
    assert.match((await chat.texts('oui'))[0], /^C'est noté/);
    assert.deepEqual(await chat.texts('Ne plus recevoir de messages'), [
      "C'est noté : je ne vous écrirai plus de moi-meme. Vous pouvez toujours m'écrire ici.",
    ]);
    const [contact] = (await bot.stores.contactReferences.listByBeneficiary(MARTINE.id)).filter((c) => c.channelId === 'sms');
    assert.equal(contact?.consent, false);
  });

  it('asks once per channel: a second booking there keeps the answer given', async () => {
    const chat = bot.conversation('sms');
    for (const text of ['réserver une séance', MARTINE.voucherBookNumber, MARTINE.birth, 'accès aux droits', aWorkingDayAhead(15), '1'])
      await chat.say(text);
    const booked = await chat.texts('oui');
    assert.match(booked[0], /^C'est réservé : /);
    assert.ok(!booked.some((text) => /rappel/.test(text)), 'no second question');
  });

  it('SMS STOP: the reminder is not sent by SMS, and fails at once with the reason', async () => {
    const chat = bot.conversation('sms');
    // As Azure's SMS channel does, the activities name the service to answer through.
    const via = { serviceUrl: bot.url };
    for (const text of ['réserver une séance', GERARD.voucherBookNumber, GERARD.birth, '1', aWorkingDayAhead(9), '1', 'oui'])
      await chat.say(text, via);
    assert.match((await chat.texts('oui', via))[0], /^C'est noté/);
    assert.match((await chat.texts('STOP', via))[0], /^C'est noté : vous ne recevrez plus de rappels par SMS/);
    const [booking] = await bot.stores.bookings.list({ beneficiaryId: GERARD.id, statuses: ['confirmed'] });
    const reminder = (await bot.stores.outbox.get(outboxIds.reminder(booking.id)))!;
    // Earlier tests' messages are due too: what matters is Gérard's.
    assert.ok((await bot.app.reminders.dispatcher.tick(nextAllowedTime(reminder.dueAt))).failed >= 1);
    assert.deepEqual(await bot.stores.outbox.list({ beneficiaryId: GERARD.id, statuses: ['sent'] }), [], 'nothing sent to Gérard');
    const failed = (await bot.stores.outbox.get(reminder.id))!;
    assert.equal(failed.reason, 'no_channel_with_consent');
    assert.equal(failed.attempts, 1);
  });
});
