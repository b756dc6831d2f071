/**
 * Several instances on one database compete for the same seats (issue #9,
 * "Beyond one machine"): two processes, 100 conversations each, race for
 * 20 one-seat sessions with 40 one-hour carnets (each carnet used from
 * both processes). No seat is sold twice, no carnet goes below zero or
 * out of balance, every « booked » is a confirmed booking and none is left
 * pending — the single-document conditional writes hold across processes.
 *
 * Runs on FerretDB on PostgreSQL (FERRETDB_PG_URI, set by
 * .ci/ferretdb-postgres.sh; required in CI) and on the MongoDB of
 * MONGODB_URI. FerretDB 1.24 runs findAndModify as a read then a write in a
 * PostgreSQL transaction at READ COMMITTED, so on its own it sold one seat
 * twice in about one run in four (2 December 2026: race-slot-19, -2, -9,
 * -14, two confirmed bookings on a one-seat session). Since 3 December the
 * store holds a lease document around each such write on FerretDB
 * (store/mongo/documentLeases.ts), which PostgreSQL's unique _id makes
 * exclusive across processes; this race checks that it holds.
 * Not on FerretDB 1.x on SQLite either: there findAndModify is not
 * isolated across processes, and the store can only serialise writes within
 * one process (mongo/keyedMutex.ts); measured with this very race on
 * FerretDB v1.24.2 on SQLite, three runs: 30, 29 and 27 « booked » for 20
 * seats — 10, 9 and 6 sessions with two bookings on their one seat, 3, 1
 * and 2 carnets out of balance. Hence one instance only on FerretDB on
 * SQLite (README). A FerretDB given as MONGODB_URI is skipped: its backend
 * cannot be told from the wire.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import mongoose from 'mongoose';
import type { Actor } from '../../src/domain/types';
import { isBalanced } from '../../src/domain/voucherLedger';
import type { BookOutcome } from '../../src/services/bookingService';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import type { RaceOptions } from '../support/bookingRaceWorker';
import { uniqueDatabaseName, withDatabase } from '../store/harnesses';
import { raceIds, seedRaceWorld } from '../support/raceWorld';
import { testNow } from '../support/clock';
import { ferretDbOnPostgresOrSkip } from '../support/ferretdb';

const PROCESSES = 2;
const CONVERSATIONS = 100;
const SLOTS = 20;
const PEOPLE = 40;
const ACTOR: Actor = { kind: 'system', id: 'two-process-race' };
const WORKER = join(__dirname, '..', 'support', 'bookingRaceWorker.js');

function race(uri: string, options: RaceOptions): Promise<{ told: BookOutcome['outcome'][]; errors: string[] }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [WORKER, uri, JSON.stringify(options)], { timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`race process ${options.tag} failed: ${stderr.split('\n')[0]}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    });
  });
}

function raceSuite(label: string, serverUri: (context: Mocha.Context) => Promise<string | undefined>) {
  describe(`two processes, ${PROCESSES * CONVERSATIONS} conversations, ${SLOTS} one-seat sessions, ${PEOPLE} one-hour carnets (${label})`, function () {
    this.timeout(180_000);
    let stores: Stores;
    let uri: string;
    let told: BookOutcome['outcome'][];
    let errors: string[];

    before(async function () {
      const server = await serverUri(this);
      if (!server) return this.skip();
      uri = withDatabase(server, uniqueDatabaseName('tworace'));
      stores = await openStores({ mongodbUri: uri });
      const now = testNow();
      await seedRaceWorld(stores, { now, people: PEOPLE, slots: SLOTS, actor: ACTOR });
      const results = await Promise.all(
        Array.from({ length: PROCESSES }, (_, p) =>
          race(uri, {
            tag: `p${p}`,
            seed: 20261125 + p,
            conversations: CONVERSATIONS,
            people: PEOPLE,
            slots: SLOTS,
            attempts: 3,
            now: now.getTime(),
          }),
        ),
      );
      told = results.flatMap((r) => r.told);
      errors = results.flatMap((r) => r.errors);
    });
    after(async () => {
      if (!stores) return;
      await stores.close();
      const connection = await mongoose.createConnection(uri).asPromise();
      await connection.dropDatabase();
      await connection.close();
    });

    it('answers every attempt, without an error', () => {
      assert.deepEqual(errors, []);
      assert.ok(told.length >= PROCESSES * CONVERSATIONS);
    });

    it('sells no seat twice: each session holds at most its one booking, and its seat count agrees', async () => {
      for (const slot of await stores.slots.list({ placeId: 'race-place' })) {
        const confirmed = await stores.bookings.list({ slotId: slot.id, statuses: ['confirmed'] });
        assert.ok(confirmed.length <= 1, `${slot.id}: ${confirmed.length} confirmed bookings`);
        assert.ok(slot.seatsLeft >= 0 && slot.seatsLeft <= 1, `${slot.id} seatsLeft ${slot.seatsLeft}`);
        assert.deepEqual(
          confirmed.map((b) => b.id),
          slot.bookingIds,
          slot.id,
        );
      }
    });

    it('keeps every carnet at or above zero and balanced, with at most its one hour booked', async () => {
      for (let n = 0; n < PEOPLE; n += 1) {
        const book = (await stores.voucherBooks.get(raceIds.book(n)))!;
        const confirmed = await stores.bookings.list({ beneficiaryId: raceIds.person(n), statuses: ['confirmed'] });
        assert.ok(book.hoursLeft >= 0 && isBalanced(book), `RACE-${n}`);
        assert.ok(confirmed.length <= 1, `RACE-${n}: ${confirmed.length} bookings for one hour`);
      }
    });

    it('confirms exactly the bookings announced « booked », and leaves none pending', async () => {
      const booked = told.filter((o) => o === 'booked').length;
      assert.equal((await stores.bookings.list({ statuses: ['confirmed'] })).length, booked);
      assert.equal((await stores.bookings.list({ statuses: ['pending'] })).length, 0);
      assert.ok(booked > 0 && booked <= SLOTS);
    });
  });
}

raceSuite('FerretDB on PostgreSQL', async (context) => ferretDbOnPostgresOrSkip(context));

if (process.env.MONGODB_URI) {
  raceSuite('MONGODB_URI', async () => {
    const uri = process.env.MONGODB_URI!;
    const probe = await mongoose.createConnection(withDatabase(uri, 'admin')).asPromise();
    const info = await probe.db?.admin().command({ buildInfo: 1 });
    await probe.close();
    if (typeof info?.ferretdbVersion !== 'string') return uri;
    console.log(
      `      skipped: MONGODB_URI is FerretDB ${info.ferretdbVersion}, whose backend cannot be told (FERRETDB_PG_URI for PostgreSQL; see the file header)`,
    );
    return undefined;
  });
}
