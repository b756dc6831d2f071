/**
 * Outbound SMS through Twilio's Messages API, against a local stand-in of
 * that API (test/support/twilioStandIn.ts: same paths, form fields, basic
 * auth, 201 and error bodies). Retries wait as told (the waits are recorded
 * by an injected sleep), a retried send is delivered once, STOP holds, and
 * no log line carries the number or the text.
 */
import assert from 'node:assert/strict';
import { toGsm7 } from '../../src/channels/sms/gsm7';
import { smsCost } from '../../src/channels/sms/segments';
import { OptOutAwareSms } from '../../src/channels/sms/optOutSms';
import { type RetryPolicy, TwilioSms, type TwilioSettings } from '../../src/channels/sms/twilioSender';
import { loadProgrammes } from '../../src/data/programmes';
import { french } from '../../src/i18n';
import { TwilioStandIn } from '../support/twilioStandIn';
import { startBot } from '../support/botServer';

const TO = '+33612345678';
const FROM = '+33757000000';
const TEXT = 'Pass numérique : votre carnet est prêt. Répondez 5 pour réserver une séance.';
const RETRY: RetryPolicy = { attempts: 4, backoffMs: 500, maxWaitMs: 30_000 };

describe('outbound SMS through the Twilio Messages API', function () {
  this.timeout(30_000);
  let twilio: TwilioStandIn;
  let waits: number[];
  let logged: unknown[];
  beforeEach(async () => {
    twilio = await new TwilioStandIn().start();
    waits = [];
    logged = [];
  });
  afterEach(async () => twilio.stop());

  const logger = { info: (entry: unknown) => void logged.push(entry), warn: (entry: unknown) => void logged.push(entry) };
  function sender(settings: Partial<TwilioSettings> = {}) {
    return new TwilioSms(
      { accountSid: twilio.accountSid, authToken: twilio.authToken, from: FROM, baseUrl: twilio.url, ...settings },
      logger,
      RETRY,
      async (ms) => void waits.push(ms),
    );
  }

  it('posts To, From and the body folded to GSM-7, with basic auth, and reads the 201', async () => {
    assert.deepEqual(await sender().send(TO, 'Votre « carnet » est prêt… à retirer.'), { sent: true });
    assert.equal(twilio.delivered.length, 1);
    const [message] = twilio.delivered;
    assert.deepEqual(
      { to: message.to, from: message.from, body: message.body },
      { to: TO, from: FROM, body: 'Votre "carnet" est pret... à retirer.' },
    );
    assert.equal(smsCost(message.body).encoding, 'GSM-7');
  });

  it('sends through a Messaging Service instead of a From number when one is set', async () => {
    await sender({ from: undefined, messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' }).send(TO, TEXT);
    assert.equal(twilio.delivered[0].messagingServiceSid, 'MG0123456789abcdef0123456789abcdef');
    assert.equal(twilio.delivered[0].from, undefined);
  });

  it('a 400 (number not valid) is final: one request, not sent', async () => {
    assert.deepEqual(await sender().send('0612', TEXT), { sent: false, reason: 'failed' });
    assert.equal(twilio.requests, 1);
    assert.deepEqual(waits, []);
  });

  it('a 401 (wrong token) is final: one request, not sent', async () => {
    assert.deepEqual(await sender({ authToken: 'wrong' }).send(TO, TEXT), { sent: false, reason: 'failed' });
    assert.equal(twilio.requests, 1);
  });

  it('a 429 waits its Retry-After, then sends once', async () => {
    twilio.failNext({ status: 429, retryAfter: '2' });
    assert.deepEqual(await sender().send(TO, TEXT), { sent: true });
    assert.deepEqual(waits, [2000]);
    assert.equal(twilio.requests, 2);
    assert.equal(twilio.delivered.length, 1);
  });

  it('5xx answers are retried with a doubling backoff', async () => {
    twilio.failNext({ status: 503 }, { status: 502 });
    assert.deepEqual(await sender().send(TO, TEXT), { sent: true });
    assert.deepEqual(waits, [500, 1000]);
    assert.equal(twilio.delivered.length, 1);
  });

  it('a 500 after the message left (answer lost): the retry carries the same token and nothing is sent twice', async () => {
    twilio.failNext({ status: 500, afterDelivery: true });
    assert.deepEqual(await sender().send(TO, TEXT, { idempotencyKey: 'rx:prescription-1' }), { sent: true });
    assert.equal(twilio.requests, 2);
    assert.equal(twilio.delivered.length, 1);
    assert.equal(twilio.delivered[0].token, 'rx:prescription-1');
  });

  it('the same key sent again later (a replayed prescription) is one message', async () => {
    await sender().send(TO, TEXT, { idempotencyKey: 'rx:prescription-2' });
    await sender().send(TO, TEXT, { idempotencyKey: 'rx:prescription-2' });
    assert.equal(twilio.delivered.length, 1);
  });

  it('gives up after the last attempt when Twilio keeps failing', async () => {
    twilio.failNext({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    assert.deepEqual(await sender().send(TO, TEXT), { sent: false, reason: 'failed' });
    assert.equal(twilio.requests, RETRY.attempts);
    assert.equal(twilio.delivered.length, 0);
  });

  it('Twilio unreachable: retried, then not sent', async () => {
    const url = twilio.url;
    await twilio.stop();
    const unreachable = new TwilioSms(
      { accountSid: twilio.accountSid, authToken: twilio.authToken, from: FROM, baseUrl: url },
      logger,
      RETRY,
      async (ms) => void waits.push(ms),
    );
    assert.deepEqual(await unreachable.send(TO, TEXT), { sent: false, reason: 'failed' });
    assert.deepEqual(waits, [500, 1000, 2000]);
    twilio = await new TwilioStandIn().start();
  });

  it("logs neither the number nor the text, in success or failure (not even Twilio's message, which quotes the number)", async () => {
    await sender().send(TO, TEXT);
    await sender().send('+3361', TEXT);
    const lines = JSON.stringify(logged);
    assert.ok(logged.length >= 2);
    for (const secret of [TO, '+3361', '3361', TEXT, 'prêt', twilio.authToken]) assert.ok(!lines.includes(secret), `${secret} in ${lines}`);
  });
});

describe('STOP holds for outbound SMS', function () {
  this.timeout(60_000);

  it('a number that wrote STOP to the bot is never sent to; after START it is', async () => {
    const bot = await startBot();
    const twilio = await new TwilioStandIn().start();
    try {
      const phone = '+33698765432';
      const sms = new OptOutAwareSms(
        new TwilioSms({ accountSid: twilio.accountSid, authToken: twilio.authToken, from: FROM, baseUrl: twilio.url }),
        (number) => bot.app.services.contacts.isSmsOptedOut('sms', number),
      );
      const chat = bot.conversation('sms', phone);
      await chat.texts('STOP');
      assert.deepEqual(await sms.send(phone, TEXT), { sent: false, reason: 'opted_out' });
      assert.equal(twilio.requests, 0);
      await chat.texts('START');
      assert.deepEqual(await sms.send(phone, TEXT), { sent: true });
      assert.equal(twilio.delivered.length, 1);
    } finally {
      await twilio.stop();
      await bot.close();
    }
  });
});

describe('the first SMS after a prescription', function () {
  this.timeout(60_000);
  const t = french();

  for (const programme of loadProgrammes(['lozere', 'drome'])) {
    it(`${programme.id}: one GSM-7 segment, says who writes and how to answer`, () => {
      const text = t('pro:prescribe.sms_text', {
        name: programme.name,
        departement: programme.departement.name,
        book: programme.voucherBook.word,
        number: `${programme.id.slice(0, 3).toUpperCase()}-ABCD-EFG`,
        hours: 10,
      });
      assert.ok(text.startsWith(`${programme.name} (${programme.departement.name}) : `), text);
      assert.match(text, /Répondez 5 pour réserver une séance, 3 pour trouver un lieu\./);
      // The Twilio sender folds to GSM-7 before sending: what is billed is that text.
      assert.deepEqual(smsCost(toGsm7(text)), { encoding: 'GSM-7', segments: 1 });
    });
  }

  it('« 5 » as the reply, the first message the bot sees from that phone, starts a booking', async () => {
    const bot = await startBot();
    try {
      const replies = (await bot.conversation('sms').texts('5')).join('\n');
      assert.match(replies, /Quel est le numéro de votre carnet ou chéquier \?/);
    } finally {
      await bot.close();
    }
  });
});
