/**
 * Runs the store contract on every store available here: the embedded store
 * in memory and on disk always, FerretDB (SQLite backend) when its binary is
 * found, and the MongoDB server of env MONGODB_URI when set. Without
 * FerretDB the run fails when CI or REQUIRE_FERRETDB=1 is set, and says it
 * skipped it otherwise.
 */
import assert from 'node:assert/strict';
import { findFerretDbBinary, ferretDbRequired, startFerretDb, type FerretDbServer } from '../support/ferretdb';
import { storeContract } from './contract';
import { embeddedDiskHarness, embeddedMemoryHarness, type Harness, mongoHarness } from './harnesses';

const memory = embeddedMemoryHarness();
const disk = embeddedDiskHarness();
const ferretBinary = findFerretDbBinary();
let ferret: FerretDbServer | undefined;
let ferretHarness: Harness | undefined;
const mongoUri = process.env.MONGODB_URI;
const mongo = mongoUri ? mongoHarness(mongoUri, 'env') : undefined;

describe('store contract', function () {
  this.timeout(60_000);

  before(async () => {
    const servers = ['embedded (memory)', 'embedded (disk)'];
    if ('path' in ferretBinary) {
      ferret = await startFerretDb(ferretBinary);
      ferretHarness = mongoHarness(ferret.baseUri, 'ferret');
      servers.push(`ferretdb ${ferret.version.replace(/^v/, '')} sqlite @127.0.0.1:${ferret.port}`);
    }
    if (mongo) servers.push('mongodb (MONGODB_URI)');
    console.log(`      store contract: ${servers.join(', ')}`);
    if ('problem' in ferretBinary && !ferretDbRequired()) {
      console.log(`      FerretDB skipped: ${ferretBinary.problem}`);
    }
  });

  after(async () => {
    await Promise.allSettled([memory.cleanUp(), disk.cleanUp(), ferretHarness?.cleanUp(), mongo?.cleanUp()]);
    await ferret?.stop();
  });

  storeContract('embedded (memory)', () => memory.open());
  storeContract('embedded (disk)', () => disk.open(), { reopen: () => disk.reopen!() });

  if ('path' in ferretBinary) {
    const harness = () => {
      if (!ferretHarness) throw new Error('FerretDB did not start');
      return ferretHarness;
    };
    storeContract('ferretdb', () => harness().open(), { reopen: () => harness().reopen!() });
  } else if (ferretDbRequired()) {
    it('runs on FerretDB (required: CI or REQUIRE_FERRETDB=1 is set)', () => {
      assert.fail(`FerretDB could not start: ${ferretBinary.problem}`);
    });
  }

  if (mongo) storeContract('mongodb (MONGODB_URI)', () => mongo.open(), { reopen: () => mongo.reopen!() });
});
