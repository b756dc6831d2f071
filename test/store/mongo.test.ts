/** MongoDB store specifics: a database that is down, and error translation. */
import assert from 'node:assert/strict';
import { DuplicateKeyError, StoreUnavailableError } from '../../src/store/errors';
import { openMongoStores } from '../../src/store/mongo';
import { translateError } from '../../src/store/mongo/errors';
import { openStores } from '../../src/store/openStores';
import { ferretDbRequired, findFerretDbBinary, startFerretDb } from '../support/ferretdb';
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
    await assert.rejects(
      openMongoStores('mongodb://127.0.0.1:1/pn', { serverSelectionTimeoutMS: 500 }),
      StoreUnavailableError,
    );
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

describe('openStores', () => {
  it('opens the embedded store when no MongoDB URI is given', async () => {
    const stores = await openStores({ inMemory: true });
    assert.equal(stores.kind, 'embedded');
    await stores.close();
  });
});
