/**
 * The assistant is stateless between turns apart from its database (issue
 * #9, "Beyond one machine"): two bot processes (`node dist/src/index.js`)
 * on ONE database, each conversation's messages sent alternately to one and
 * the other. Every flow completes as on one instance; the booking made
 * across both is there once, its carnet balanced; the same « oui »
 * delivered to both at once (a channel's retry reaching another instance)
 * books once.
 *
 * On FerretDB on PostgreSQL (FERRETDB_PG_URI, set by .ci/ferretdb-postgres.sh;
 * required in CI), a server several instances may share, and on any real
 * MongoDB given by MONGODB_URI. Not on FerretDB on SQLite: it does not
 * isolate findAndModify across processes (README "MongoDB in production");
 * seats and carnets raced from two processes are twoProcessRace.test.ts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { isBalanced } from '../../src/domain/voucherLedger';
import { openStores } from '../../src/store/openStores';
import { type BotLife, processChat, startBotLife } from '../crash/botUnderKill';
import { freePort } from '../support/botProcess';
import { ferretDbOnPostgresOrSkip } from '../support/ferretdb';
import { seedDemoDatabase } from '../support/demoDatabase';
import { uniqueDatabaseName, withDatabase } from '../store/harnesses';
import { ASKS_TO_CONFIRM_BOOKING } from '../support/botMeaning';
import { GERARD, MARTINE } from '../support/personas';

function twoInstanceSuite(label: string, serverUri: (context: Mocha.Context) => string) {
  describe(`two instances on one database (${label})`, function () {
    this.timeout(180_000);
    let uri: string;
    const lives: BotLife[] = [];

    before(async function () {
      uri = withDatabase(serverUri(this), uniqueDatabaseName('twoinstances'));
      await seedDemoDatabase(uri);
      for (let i = 0; i < 2; i += 1) lives.push(await startBotLife(await freePort(), { MONGODB_URI: uri }));
    });

    after(async () => {
      for (const life of lives) await life.stop();
    });

    /** A conversation whose every message goes to the other instance than the one before. */
    function alternating() {
      let turn = 0;
      return processChat(() => lives[turn++ % 2].url, { channelId: 'sms' });
    }

    it('completes a booking, a balance and an eligibility check with every turn on the other instance', async () => {
      const booking = alternating();
      const balance = alternating();
      const eligibility = alternating();
      const flows = await Promise.all([
        (async () => {
          for (const text of ['réserver une séance', MARTINE.voucherBookNumber, MARTINE.birth, '1']) await booking.say(text);
          const confirm = await booking.say('1');
          assert.match(confirm, ASKS_TO_CONFIRM_BOOKING);
          return booking.say('oui');
        })(),
        (async () => {
          await balance.say('mes heures');
          await balance.say(GERARD.voucherBookNumber);
          return balance.say(GERARD.birth);
        })(),
        (async () => {
          for (const text of ['suis-je éligible ?', 'Marvejols', 'un peu', 'oui']) await eligibility.say(text);
          return eligibility.say('1');
        })(),
      ]);
      assert.match(flows[0], /^C'est réservé : /);
      assert.match(flows[1], new RegExp(String.raw`Votre chéquier ${GERARD.voucherBookNumber} :\n- \d+ heures? restantes?`));
      assert.match(flows[2], /Vous avez probablement droit au Pass Numérique\./);

      const stores = await openStores({ mongodbUri: uri });
      try {
        const confirmed = await stores.bookings.list({ beneficiaryId: MARTINE.id, statuses: ['confirmed'] });
        const mine = confirmed.filter((b) => b.createdBy.kind === 'beneficiary');
        assert.equal(mine.length, 1, 'one booking, not lost, not doubled');
        assert.ok(isBalanced((await stores.voucherBooks.getByNumber(MARTINE.voucherBookNumber))!));
      } finally {
        await stores.close();
      }
    });

    it('books once when the same « oui » reaches both instances at once', async () => {
      const chat = alternating();
      for (const text of ['réserver une séance', GERARD.voucherBookNumber, GERARD.birth, '1']) await chat.say(text);
      assert.match(await chat.say('1'), ASKS_TO_CONFIRM_BOOKING);
      const stores = await openStores({ mongodbUri: uri });
      try {
        const before = (await stores.bookings.list({ beneficiaryId: GERARD.id, statuses: ['confirmed'] })).length;
        // The channel's retry of one activity (same id) lands on the other instance while the first runs.
        const activity = {
          type: 'message',
          id: randomUUID(),
          text: 'oui',
          channelId: 'sms',
          from: { id: chat.userId },
          recipient: { id: 'bot' },
          conversation: { id: chat.conversationId },
          deliveryMode: 'expectReplies',
        };
        const answers = await Promise.all(
          lives.map(async (life) => {
            const response = await fetch(`${life.url}/api/messages`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(activity),
            });
            return response.status;
          }),
        );
        assert.deepEqual(answers, [200, 200]);
        const after = (await stores.bookings.list({ beneficiaryId: GERARD.id, statuses: ['confirmed'] })).length;
        assert.equal(after, before + 1);
        assert.ok(isBalanced((await stores.voucherBooks.getByNumber(GERARD.voucherBookNumber))!));
      } finally {
        await stores.close();
      }
    });
  });
}

describe('stateless between turns: two bot processes', () => {
  twoInstanceSuite('FerretDB on PostgreSQL', (context) => ferretDbOnPostgresOrSkip(context));
  if (process.env.MONGODB_URI) twoInstanceSuite('MONGODB_URI', () => process.env.MONGODB_URI!);
});
