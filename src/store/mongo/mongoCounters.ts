/**
 * Rate counters in MongoDB: rate-limiter-flexible's RateLimiterMongo on the
 * store's own mongoose connection, one collection `rateLimits`, one
 * document per counter and key. Every instance on the database counts
 * together, and a restart lifts no lockout.
 *
 * - Keys are stored as HMAC-SHA256 under a secret kept in the store's meta
 *   (inserted once: the first instance's secret is everyone's). What they
 *   hash — an SMS conversation's id is the phone number, carnet numbers as
 *   typed, client addresses — has no place in the database.
 * - Indexes, made on first use: unique on `key` (two first consumptions
 *   at once make one document), TTL on `expire`. FerretDB 1.x has no TTL
 *   index ("expireAfterSeconds is not implemented yet"): expired counts are
 *   ignored by every query anyway, and deleted here at most every 10 minutes.
 * - FerretDB 1.x runs findAndModify without isolation, so two concurrent
 *   increments of one key can lose one (measured: 30 at once counted 16).
 *   This process serialises its writes per key; across processes a count
 *   can fall short by the attempts made at the same instant.
 * - SQLITE_BUSY (FerretDB under load) did nothing: tried again, as the
 *   store's own writes are.
 * - Database unreachable: the counting goes on in this process's memory
 *   with the same limits (neither open to everyone nor closed to everyone)
 *   until the database answers again; counts made meanwhile stay local.
 *   The turn itself then gets the store's "momentanément indisponible".
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { RateLimiterMemory, RateLimiterMongo, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { type Counter, type Counters, type CounterSpec, limiterOptions } from '../counterSpec';
import { DuplicateKeyError } from '../errors';
import type { DocumentCollection } from '../shared/collection';
import type { MetaDoc } from '../shared/collections';
import { isBusy } from './errors';
import { KeyedMutex } from './keyedMutex';

export const COUNTERS_COLLECTION = 'rateLimits';
const SECRET_ID = 'counters.secret';
const PURGE_EVERY_MS = 10 * 60_000;
const BUSY_ATTEMPTS = 30;

async function loadSecret(meta: DocumentCollection<MetaDoc>): Promise<string> {
  const existing = await meta.findOne({ _id: SECRET_ID });
  if (existing) return existing.value;
  try {
    await meta.insert({ _id: SECRET_ID, value: randomBytes(32).toString('base64url') });
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
  }
  return (await meta.findOne({ _id: SECRET_ID }))!.value;
}

/** Resolves whether the server keeps a TTL index (MongoDB) or not (FerretDB 1.x). */
async function createIndexes(connection: Connection): Promise<{ ttl: boolean }> {
  const collection = connection.collection(COUNTERS_COLLECTION);
  await collection.createIndex({ key: 1 }, { unique: true });
  try {
    await collection.createIndex({ expire: -1 }, { expireAfterSeconds: 0 });
    return { ttl: true };
  } catch (error) {
    if ((error as { codeName?: string }).codeName === 'NotImplemented') return { ttl: false };
    throw error;
  }
}

/** Memoises a promise, forgetting it if it fails (tried again next time). */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () =>
    (promise ??= make().catch((error: unknown) => {
      promise = undefined;
      throw error;
    }));
}

export function mongoCounters(connection: Connection, meta: DocumentCollection<MetaDoc>, options: { ferretDb: boolean }): Counters {
  const secret = once(() => loadSecret(meta));
  const indexes = once(() => createIndexes(connection));
  const writes = new KeyedMutex();
  let lastPurge = 0;
  const purgeExpired = () => {
    if (Date.now() - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = Date.now();
    connection
      .collection(COUNTERS_COLLECTION)
      .deleteMany({ expire: { $lte: new Date() } })
      .catch(() => undefined);
  };

  return (spec: CounterSpec): Counter => {
    const shared = new RateLimiterMongo({
      storeClient: connection,
      tableName: COUNTERS_COLLECTION,
      disableIndexesCreation: true,
      ...limiterOptions(spec),
    });
    const local = new RateLimiterMemory(limiterOptions(spec));

    const run = async <T>(
      key: string,
      write: boolean,
      operation: (limiter: RateLimiterAbstract, key: string) => Promise<T>,
    ): Promise<T> => {
      let hashed: string;
      let ttl: boolean;
      try {
        hashed = createHmac('sha256', await secret())
          .update(key)
          .digest('base64url');
        ttl = (await indexes()).ttl;
        if (!ttl) purgeExpired();
      } catch {
        return operation(local, key);
      }
      // Without a TTL index, a count past its window stays until the purge; the next consumption then takes
      // rate-limiter-flexible's duplicate-key path, which FerretDB does not always answer as MongoDB does, and
      // the count fell back to this process's memory (seen when a lock ended and the next failures began).
      // This key's expired count is deleted first, in the same serialised write.
      const dropExpired = async () => {
        if (write && !ttl) await connection.collection(COUNTERS_COLLECTION).deleteOne({ key: hashed, expire: { $lte: new Date() } });
      };
      const task = async () => {
        await dropExpired();
        return operation(shared, hashed);
      };
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await (write && options.ferretDb ? writes.run(hashed, task) : task());
        } catch (error) {
          if (error instanceof RateLimiterRes) throw error; // over the limit: the answer, not a failure
          if (isBusy(error) && attempt < BUSY_ATTEMPTS) {
            await new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 * attempt) * (0.5 + Math.random())));
            continue;
          }
          return operation(local, key);
        }
      }
    };

    return {
      consume: (key) => run(key, true, (limiter, k) => limiter.consume(k)),
      get: (key) => run(key, false, (limiter, k) => limiter.get(k)),
      delete: async (key) => {
        await run(key, true, (limiter, k) => limiter.delete(k));
      },
      block: async (key, seconds) => {
        await run(key, true, (limiter, k) => limiter.block(k, seconds));
      },
    };
  };
}
