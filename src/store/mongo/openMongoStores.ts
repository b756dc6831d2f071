/**
 * The MongoDB store (MongoDB or a compatible server such as FerretDB), on a
 * dedicated mongoose connection. No transactions: every invariant is a
 * guarded single-document write (see shared/repositories).
 */
import mongoose from 'mongoose';
import { StoreUnavailableError } from '../errors';
import type { Stores } from '../repositories';
import { buildStores } from '../shared/buildStores';
import { COLLECTION_NAMES, type Collections } from '../shared/collections';
import { DocumentLeases, type LeaseDoc } from './documentLeases';
import { ensureIndexes } from './ensureIndexes';
import { translateError } from './errors';
import { type FerretDbTuning, MongoCollection } from './mongoCollection';
import { SCHEMAS } from './schemas';

export interface MongoStoreOptions {
  /** How long a command waits for a reachable server before failing. */
  serverSelectionTimeoutMS?: number;
  /** How long ping() waits for an answer. */
  pingTimeoutMs?: number;
  /**
   * Serialise this process's writes per document. 'auto' (default) does so
   * on FerretDB only: FerretDB 1.x runs findAndModify and update as "query,
   * modify in Go, write back by _id" with no isolation, so two concurrent
   * guarded writes can both pass their guard. Across processes the same
   * writes also hold a lease document shared on the database
   * (documentLeases.ts), which the server's unique `_id` makes exclusive.
   */
  serializeWrites?: boolean | 'auto';
}

/** FerretDB answers buildInfo with its own version beside the MongoDB one. */
async function isFerretDb(connection: mongoose.Connection): Promise<boolean> {
  const info = await connection.db?.admin().command({ buildInfo: 1 });
  return typeof info?.ferretdbVersion === 'string';
}

/** Not a model: leases live a few milliseconds, are never read by the app and hold nothing personal. */
async function leaseCollection(connection: mongoose.Connection): Promise<mongoose.mongo.Collection<LeaseDoc>> {
  const db = connection.db;
  if (!db) throw new StoreUnavailableError('database connection is closed');
  await db.createCollection(LEASES).catch((err: { codeName?: string; code?: number }) => {
    if (err.code !== 48 && err.codeName !== 'NamespaceExists') throw err;
  });
  return db.collection<LeaseDoc>(LEASES);
}

const LEASES = 'documentLeases';

/**
 * FerretDB 1.x: ids looked up one equality at a time everywhere; and bot
 * state replaced without the shared lease. botbuilder writes its states
 * with eTag "*" (an unconditional put, last writer wins, as on MongoDB);
 * the collection's conditional writes are the replay guard's, on claim keys
 * that are only ever inserted, replaced-if-matching or deleted, never put.
 * So no put there races a guard, and a turn's state write is one command
 * instead of three (lease, replace, release).
 */
function ferretDbTuning(name: keyof Collections): FerretDbTuning {
  return { idInByEquality: true, putsWithoutLease: name === 'botState' };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function openMongoStores(uri: string, options: MongoStoreOptions = {}): Promise<Stores> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 3000,
    // Fail at once when the database is down instead of queueing requests.
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
  });
  try {
    await connection.asPromise();
  } catch (err) {
    await connection.close(true).catch(() => undefined);
    throw new StoreUnavailableError('cannot connect to the database', { cause: err });
  }

  const collections = {} as Record<keyof Collections, MongoCollection<{ _id: string }>>;
  let ferretDb: boolean;
  try {
    ferretDb = await isFerretDb(connection);
    const serialize = options.serializeWrites === undefined || options.serializeWrites === 'auto' ? ferretDb : options.serializeWrites;
    const leases = serialize ? new DocumentLeases(await leaseCollection(connection)) : undefined;
    for (const name of COLLECTION_NAMES) {
      const model = connection.model(name, SCHEMAS[name]);
      await model.createCollection().catch((err: { codeName?: string; code?: number }) => {
        if (err.code !== 48 && err.codeName !== 'NamespaceExists') throw err;
      });
      // Creates missing indexes and drops the ones no schema declares any more, even when another instance starts too.
      await ensureIndexes(model);
      collections[name] = new MongoCollection(name, model, serialize, leases, ferretDb ? ferretDbTuning(name) : {});
    }
  } catch (err) {
    await connection.close(true).catch(() => undefined);
    throw translateError('indexes', err);
  }

  const pingTimeoutMs = options.pingTimeoutMs ?? 2000;
  let closed = false;
  return buildStores(collections as unknown as Collections, {
    kind: 'mongodb',
    // Shared by every instance on this database, kept across restarts (mongoCounters.ts).
    counters: { kind: 'mongo', connection, ferretDb },
    ping: async () => {
      try {
        const db = connection.db;
        if (!db) throw new StoreUnavailableError('database connection is closed');
        await withTimeout(db.admin().command({ ping: 1 }), pingTimeoutMs, 'database ping');
      } catch (err) {
        if (err instanceof StoreUnavailableError) throw err;
        throw new StoreUnavailableError('database did not answer the ping', { cause: err });
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await connection.close();
    },
  });
}
