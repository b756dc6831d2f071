/**
 * Runs the store contract on every store available here: the embedded store
 * in memory and on disk always, FerretDB (SQLite backend) when its binary is
 * found, FerretDB on PostgreSQL when FERRETDB_PG_URI is set (by
 * .ci/ferretdb-postgres.sh), and the MongoDB server of env MONGODB_URI when
 * set. Without a working FerretDB the run fails when CI or REQUIRE_FERRETDB=1
 * is set, and without FerretDB on PostgreSQL when CI or REQUIRE_FERRETDB_PG=1
 * is; otherwise it says what it skipped.
 */
import assert from 'node:assert/strict';
import { ferretDbOnPostgresOrSkip, findFerretDbBinary, ferretDbRequired, startFerretDb, type FerretDbServer } from '../support/ferretdb';
import { storeContract } from './contract';
import { embeddedDiskHarness, embeddedMemoryHarness, type Harness, mongoHarness } from './harnesses';

const memory = embeddedMemoryHarness();
const disk = embeddedDiskHarness();
const mongoUri = process.env.MONGODB_URI;
const mongo = mongoUri ? mongoHarness(mongoUri, 'env') : undefined;
let ferret: FerretDbServer | undefined;
let ferretHarness: Harness | undefined;
let ferretProblem: string | undefined;
let postgresHarness: Harness | undefined;

describe('store contract', function () {
  this.timeout(60_000);

  before(async () => {
    const servers = ['embedded (memory)', 'embedded (disk)'];
    const binary = findFerretDbBinary();
    try {
      if ('problem' in binary) throw new Error(binary.problem);
      ferret = await startFerretDb(binary);
      ferretHarness = mongoHarness(ferret.baseUri, 'ferret');
      servers.push(`ferretdb ${ferret.version.replace(/^v/, '')} sqlite @127.0.0.1:${ferret.port}`);
    } catch (err) {
      ferretProblem = (err as Error).message;
    }
    if (process.env.FERRETDB_PG_URI) servers.push('ferretdb on postgresql (FERRETDB_PG_URI)');
    if (mongo) servers.push('mongodb (MONGODB_URI)');
    console.log(`      store contract: ${servers.join(', ')}`);
    if (ferretProblem) {
      const verdict = ferretDbRequired() ? 'REQUIRED but unavailable' : 'skipped';
      console.log(`      FerretDB ${verdict}: ${ferretProblem}`);
    }
  });

  after(async () => {
    await Promise.allSettled([memory.cleanUp(), disk.cleanUp(), ferretHarness?.cleanUp(), postgresHarness?.cleanUp(), mongo?.cleanUp()]);
    await ferret?.stop();
  });

  if (ferretDbRequired()) {
    it('runs on FerretDB (required because CI or REQUIRE_FERRETDB=1 is set)', () => {
      if (ferretProblem) assert.fail(`FerretDB could not start: ${ferretProblem}`);
    });
  }

  storeContract('embedded (memory)', () => memory.open());
  storeContract('embedded (disk)', () => disk.open(), { reopen: () => disk.reopen!() });

  describe('on FerretDB', () => {
    before(function () {
      if (!ferretHarness) this.skip();
    });
    storeContract('ferretdb', () => ferretHarness!.open(), { reopen: () => ferretHarness!.reopen!() });
  });

  describe('on FerretDB on PostgreSQL (FERRETDB_PG_URI)', () => {
    before(function () {
      postgresHarness ??= mongoHarness(ferretDbOnPostgresOrSkip(this), 'ferretpg');
    });
    storeContract('ferretdb on postgresql', () => postgresHarness!.open(), { reopen: () => postgresHarness!.reopen!() });
  });

  if (mongo) storeContract('mongodb (MONGODB_URI)', () => mongo.open(), { reopen: () => mongo.reopen!() });
});
