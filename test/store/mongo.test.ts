/** MongoDB store specifics: a database that is down, and error translation. */
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { DuplicateKeyError, StoreUnavailableError } from '../../src/store/errors';
import { openMongoStores } from '../../src/store/mongo';
import { translateError } from '../../src/store/mongo/errors';
import { openStores } from '../../src/store/openStores';
import { ferretDbOnPostgresOrSkip, ferretDbRequired, findFerretDbBinary, startFerretDb } from '../support/ferretdb';
import { uniqueDatabaseName, withDatabase } from './harnesses';
import * as f from './contract/fixtures';

describe('mongodb store', () => {
  describe('error translation', () => {
    it('turns a duplicate key error (11000) into DuplicateKeyError', () => {
      const err = Object.assign(new Error('E11000 duplicate key error'), { code: 11000, keyPattern: { number: 1 } });
      const translated = translateError('voucherBooks', err);
      assert.ok(translated instanceof DuplicateKeyError);
      assert.equal(translated.key, 'number');
    });

    it('turns a server selection timeout into StoreUnavailableError', () => {
      const err = Object.assign(new Error('timed out'), { name: 'MongoServerSelectionError' });
      assert.ok(translateError('slots', err) instanceof StoreUnavailableError);
    });

    it('passes other errors through', () => {
      const err = new Error('validation failed');
      assert.equal(translateError('slots', err), err);
    });
  });

  it('rejects with StoreUnavailableError, quickly, when nothing listens', async () => {
    const started = Date.now();
    await assert.rejects(openMongoStores('mongodb://127.0.0.1:1/pn', { serverSelectionTimeoutMS: 500 }), StoreUnavailableError);
    assert.ok(Date.now() - started < 5000);
  });

  describe('on FerretDB', function () {
    this.timeout(60_000);
    const binary = findFerretDbBinary();

    before(function () {
      if (!('problem' in binary)) return;
      if (ferretDbRequired()) throw new Error(`FerretDB REQUIRED (CI or REQUIRE_FERRETDB=1) but unavailable: ${binary.problem}`);
      console.log(`      FerretDB skipped: ${binary.problem}`);
      this.skip();
    });

    it('is chosen by openStores when a URI is given', async () => {
      const server = await startFerretDb(binary as { path: string; version: string });
      try {
        const stores = await openStores({ mongodbUri: withDatabase(server.baseUri, uniqueDatabaseName('open')) });
        assert.equal(stores.kind, 'mongodb');
        await stores.ping();
        await stores.close();
      } finally {
        await server.stop();
      }
    });

    it('says StoreUnavailableError on ping and on requests once the server is gone', async () => {
      const server = await startFerretDb(binary as { path: string; version: string });
      const stores = await openMongoStores(withDatabase(server.baseUri, uniqueDatabaseName('down')), {
        serverSelectionTimeoutMS: 1000,
        pingTimeoutMs: 1000,
      });
      try {
        await stores.beneficiaries.create(f.beneficiary());
        await server.stop();
        await assert.rejects(stores.ping(), StoreUnavailableError);
        await assert.rejects(stores.beneficiaries.count(), StoreUnavailableError);
      } finally {
        await stores.close();
        await server.stop();
      }
    });
  });
});

describe('mongodb store, several instances starting at once (FerretDB on PostgreSQL)', function () {
  this.timeout(120_000);
  let server: string;
  before(function () {
    server = ferretDbOnPostgresOrSkip(this);
  });

  // Before: mongoose's syncIndexes dropped and re-created `phone_1` (FerretDB keeps no `sparse`)
  // at every start, and one of two instances starting together failed with
  // "index not found with name [phone_1]".
  it('opens four stores together on one database, new then existing, with every index of the schemas', async () => {
    const uri = withDatabase(server, uniqueDatabaseName('together'));
    const connection = await mongoose.createConnection(uri).asPromise();
    try {
      for (let round = 0; round < 4; round += 1) {
        const opened = await Promise.allSettled(Array.from({ length: 4 }, () => openMongoStores(uri)));
        for (const o of opened) if (o.status === 'fulfilled') await o.value.close();
        const failures = opened.flatMap((o) => (o.status === 'rejected' ? [String((o.reason as Error).cause ?? o.reason)] : []));
        assert.deepEqual(failures, [], `round ${round}`);
      }
      const names = (await connection.collection('beneficiaries').indexes()).map((i) => i.name).sort();
      assert.deepEqual(names, ['_id_', 'phone_1', 'programmeId_1_birthDate_1']);
      const bookingIndexes = await connection.collection('bookings').indexes();
      assert.ok(
        bookingIndexes.some((i) => i.name === 'activeKey_1' && i.unique),
        'the unique activeKey index',
      );
    } finally {
      await connection.dropDatabase();
      await connection.close();
    }
  });
});

describe('openStores', () => {
  it('opens the embedded store when no MongoDB URI is given', async () => {
    const stores = await openStores({ inMemory: true });
    assert.equal(stores.kind, 'embedded');
    await stores.close();
  });
});
