/** How the contract opens each store under test: fresh and empty per test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { openEmbeddedStores } from '../../src/store/embedded';
import { openMongoStores } from '../../src/store/mongo';
import type { Stores } from '../../src/store/repositories';

export interface Harness {
  open(): Promise<Stores>;
  /** Opens again what the last `open` wrote (durable stores only). */
  reopen?(): Promise<Stores>;
  /** Removes what the harness created (temp folders, databases). */
  cleanUp(): Promise<void>;
}

export function embeddedMemoryHarness(): Harness {
  return { open: () => openEmbeddedStores({ inMemory: true }), cleanUp: async () => undefined };
}

/** A new temp folder per test, removed at the end. */
export function embeddedDiskHarness(): Harness {
  const dirs: string[] = [];
  return {
    open: () => {
      dirs.push(mkdtempSync(path.join(tmpdir(), 'pn-embedded-')));
      return openEmbeddedStores({ dataDir: dirs[dirs.length - 1] });
    },
    reopen: () => openEmbeddedStores({ dataDir: dirs[dirs.length - 1] }),
    cleanUp: async () => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `uri` with its database name replaced (keeps hosts, credentials and options). */
export function withDatabase(uri: string, database: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) throw new Error('not a mongodb:// URI');
  return `${match[1]}/${database}${match[2] ?? ''}`;
}

export function uniqueDatabaseName(label: string): string {
  return `pn_test_${label}_${process.pid}_${Date.now().toString(36)}`;
}

/**
 * One database for the whole run (dropped at the end), emptied before each
 * test: cheaper than a database per test, and the indexes are re-synced by
 * every open anyway.
 */
export function mongoHarness(serverUri: string, label: string): Harness {
  const uri = withDatabase(serverUri, uniqueDatabaseName(label));
  return {
    open: async () => {
      const stores = await openMongoStores(uri);
      await stores.clearAll();
      return stores;
    },
    reopen: () => openMongoStores(uri),
    cleanUp: async () => {
      const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 3000 }).asPromise();
      try {
        await connection.dropDatabase();
      } finally {
        await connection.close();
      }
    },
  };
}
