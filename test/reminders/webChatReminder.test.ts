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
import { type BotUnderTest, startBot } from '../support/botServer';

const MARTINE = { carnet: 'LOZ-MEND-E4L', birth: '12/04/1958', id: 'demo-beneficiary-lozere-active' };

/** A working day at least 8 days ahead, said the way people say it: "le 3 décembre". */
function aWorkingDayAhead(days: number): string {
  let day = DateTime.now().setZone('Europe/Paris').setLocale('fr').plus({ days });
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

  async function call(method: string, path: string, token?: string, body?: unknown) {
    const response = await fetch(`${bot.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  it('books, accepts the reminder, then receives it when the clock reaches its time', async () => {
    const token = (await call('POST', '/api/directline/token', undefined, {})).body.token as string;
    const { conversationId } = (await call('POST', '/v3/directline/conversations', token, {})).body as { conversationId: string };
    let watermark: string | undefined;
    const say = async (text: string): Promise<string[]> => {
      const posted = await call('POST', `/v3/directline/conversations/${conversationId}/activities`, token, { type: 'message', text, from: { id: 'web-user' } });
      assert.equal(posted.status, 200);
      return read();
    };
    const read = async (): Promise<string[]> => {
      const set = (await call('GET', `/v3/directline/conversations/${conversationId}/activities${watermark ? `?watermark=${watermark}` : ''}`, token)).body;
      watermark = set.watermark;
      return (set.activities as { text?: string; from: { role?: string } }[]).filter((a) => a.from.role === 'bot').map((a) => a.text ?? '');
    };
    await read();
    for (const text of ['réserver une séance', MARTINE.carnet, MARTINE.birth, 'accès aux droits', aWorkingDayAhead(8), '1']) await say(text);
    const booked = await say('oui');
    assert.match(booked.join('\n'), /^C'est réservé : /);
    assert.equal(booked[booked.length - 1], 'Voulez-vous un rappel deux jours avant ?');
    assert.match((await say('oui'))[0], /^C'est noté : je vous écrirai deux jours avant\./);

    const [booking] = (await bot.stores.bookings.list({ beneficiaryId: MARTINE.id, statuses: ['confirmed'] })).sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
    );
    const reminder = (await bot.stores.outbox.get(outboxIds.reminder(booking.id)))!;
    assert.equal(reminder.status, 'pending');

    // The scheduler's clock, one minute before, then at the reminder time.
    const at = nextAllowedTime(reminder.dueAt);
    const before = new Date(at.getTime() - 60_000);
    if (!isQuietTime(before)) assert.equal((await bot.app.reminders.dispatcher.tick(before)).sent, 0);
    assert.deepEqual(await bot.app.reminders.dispatcher.tick(at), { sent: 1, retried: 0, failed: 0, cancelled: 0, skipped: 0 });
    const arrived = await read();
    assert.equal(arrived.length, 1);
    assert.match(arrived[0], /^Rappel : votre séance du Pass numérique est \p{L}+ \d{1,2} \p{L}+ à \d{1,2}h\d\d, /u);
    assert.equal((await bot.stores.outbox.get(reminder.id))!.status, 'sent');
    assert.equal((await bot.app.reminders.dispatcher.tick(new Date(at.getTime() + 60_000))).sent, 0, 'once');

    // After the session: the question, and the answer stored for the figures.
    const feedback = (await bot.stores.outbox.get(outboxIds.feedback(booking.id)))!;
    assert.equal((await bot.app.reminders.dispatcher.tick(nextAllowedTime(feedback.dueAt))).sent, 1);
    assert.deepEqual(await read(), ["Comment s'est passée votre séance ? Répondez de 1 (pas bien) à 5 (très bien)."]);
    assert.deepEqual(await say('4'), ['Merci pour votre réponse !']);
    assert.equal((await bot.stores.outbox.get(feedback.id))!.rating, 4);
  });

  it('« ne plus recevoir de messages » turns the consent off on that channel', async () => {
    const chat = bot.conversation('sms');
    for (const text of ['réserver une séance', MARTINE.carnet, MARTINE.birth, 'accès aux droits', aWorkingDayAhead(11), '1', 'oui']) await chat.say(text);
    assert.match((await chat.texts('oui'))[0], /^C'est noté/);
    assert.deepEqual(await chat.texts('Ne plus recevoir de messages'), [
      "C'est noté : je ne vous écrirai plus de moi-même. Vous pouvez toujours m'écrire ici.",
    ]);
    const [contact] = (await bot.stores.contactReferences.listByBeneficiary(MARTINE.id)).filter((c) => c.channelId === 'sms');
    assert.equal(contact?.consent, false);
  });

  it('asks once per channel: a second booking there keeps the answer given', async () => {
    const chat = bot.conversation('sms');
    for (const text of ['réserver une séance', MARTINE.carnet, MARTINE.birth, 'accès aux droits', aWorkingDayAhead(15), '1']) await chat.say(text);
    const booked = await chat.texts('oui');
    assert.match(booked[0], /^C'est réservé : /);
    assert.ok(!booked.some((text) => /rappel/.test(text)), 'no second question');
  });

  it('SMS STOP: the reminder is not sent by SMS, and fails at once with the reason', async () => {
    const GERARD = { carnet: 'DRO-VALE-NCK', birth: '03/11/1949', id: 'demo-beneficiary-drome-nearly-used' };
    const chat = bot.conversation('sms');
    // As Azure's SMS channel does, the activities name the service to answer through.
    const via = { serviceUrl: bot.url };
    for (const text of ['réserver une séance', GERARD.carnet, GERARD.birth, '1', aWorkingDayAhead(9), '1', 'oui']) await chat.say(text, via);
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
