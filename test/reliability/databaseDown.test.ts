/**
 * The database stops during traffic (FerretDB killed) and comes back. While
 * it is down, people are told the service is momentarily unavailable, with
 * the phone alternative, and /readyz says 503; nothing is half-written;
 * once it is back, the service resumes by itself and the interrupted person
 * can confirm again.
 */
import assert from 'node:assert/strict';
import { isBalanced } from '../../src/domain/voucherLedger';
import { type BotUnderTest, type Conversation, startBot } from '../support/botServer';
import { type FerretDbServer, startFerretDbOrSkip } from '../support/ferretdb';
import { uniqueDatabaseName, withDatabase } from '../store/harnesses';
import { ASKS_TO_CONFIRM_BOOKING, BOOKED } from '../support/botMeaning';
import { MARTINE } from '../support/personas';

const UNAVAILABLE = /momentanément indisponible\..*appelez Solidarité Numérique au 01 70 772 372/s;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the database goes down during traffic, then comes back (FerretDB)', function () {
  this.timeout(90_000);
  let ferret: FerretDbServer | undefined;
  let bot: BotUnderTest;
  let martine: Conversation;
  let confirmedBefore: number;

  before(async function () {
    ferret = await startFerretDbOrSkip(this);
    bot = await startBot({ mongodbUri: withDatabase(ferret.baseUri, uniqueDatabaseName('down')) });
  });
  after(async () => {
    await bot?.close().catch(() => undefined);
    await ferret?.stop();
  });

  const readyStatus = async () => (await fetch(`${bot.url}/readyz`)).status;
  const confirmed = async () => (await bot.stores.bookings.list({ beneficiaryId: MARTINE.id, statuses: ['confirmed'] })).length;

  it('is ready, and a person reaches the confirmation of a booking', async () => {
    assert.equal(await readyStatus(), 200);
    confirmedBefore = await confirmed();
    martine = bot.conversation('sms');
    let last: string[] = [];
    for (const text of ['bonjour', 'réserver une séance', MARTINE.voucherBookNumber, MARTINE.birth, '1', '1'])
      last = await martine.texts(text);
    assert.match(last.join('\n'), ASKS_TO_CONFIRM_BOOKING);
    await ferret!.kill();
  });

  it('tells the person, and anyone new, that the service is momentarily unavailable, with the phone number', async () => {
    assert.match((await martine.texts('oui')).join('\n'), UNAVAILABLE);
    assert.match((await bot.conversation('webchat').texts('bonjour')).join('\n'), UNAVAILABLE);
  });

  it('says 503 on /readyz while the database is down, and 200 on /healthz', async () => {
    assert.equal(await readyStatus(), 503);
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
  });

  it('becomes ready again by itself once the database is back', async () => {
    await ferret!.restart();
    const deadline = Date.now() + 60_000;
    while ((await readyStatus()) !== 200) {
      assert.ok(Date.now() < deadline, 'still not ready 60 s after the database came back');
      await sleep(250);
    }
  });

  it('wrote nothing half-way: no pending booking, the carnet balanced, every seat held by a confirmed booking', async () => {
    assert.equal(await confirmed(), confirmedBefore, 'the refused « oui » booked nothing');
    assert.deepEqual(await bot.stores.bookings.list({ statuses: ['pending'] }), []);
    const book = (await bot.stores.voucherBooks.getByNumber(MARTINE.voucherBookNumber))!;
    assert.ok(isBalanced(book));
    const confirmedIds = new Set((await bot.stores.bookings.list({ statuses: ['confirmed'] })).map((b) => b.id));
    for (const slot of await bot.stores.slots.list({})) {
      for (const id of slot.bookingIds) assert.ok(confirmedIds.has(id), `slot ${slot.id} holds ${id}, not confirmed`);
      assert.equal(slot.seatsLeft, slot.capacity - slot.bookingIds.length);
    }
  });

  it('lets the interrupted person confirm again, and books once', async () => {
    assert.match((await martine.texts('oui')).join('\n'), BOOKED);
    assert.equal(await confirmed(), confirmedBefore + 1);
    assert.match((await bot.conversation('webchat').texts('bonjour')).join('\n'), /Pass num[ée]rique/i);
  });
});
