/**
 * Counters for request limits (http/rateLimit) and identity lockouts
 * (services/identityGuard), with rate-limiter-flexible. They live where
 * the store keeps its data, and this is the one place that picks:
 *
 * - beside the embedded store, in this process's memory (RateLimiterMemory):
 *   one process per data folder (its lock says so), so nothing to share;
 *   except the persistent ones (identity lockouts), written to its meta
 *   datafile so that a restart does not lift them (embedded/embeddedCounters.ts);
 * - beside the MongoDB store, in its database (RateLimiterMongo on the
 *   store's mongoose connection, collection `rateLimits`): every instance
 *   counts together, and a restart does not lift a lockout. See
 *   mongo/mongoCounters.ts for the keyed hashes, FerretDB and outages.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Connection } from 'mongoose';
import { type Counter, type Counters, type CounterSpec, limiterOptions } from './counterSpec';
import type { DocumentCollection } from './shared/collection';
import type { MetaDoc } from './shared/collections';
import { mongoCounters } from './mongo/mongoCounters';
import { embeddedCounter } from './embedded/embeddedCounters';

export type { Counter, Counters, CounterSpec } from './counterSpec';

export type CounterBackend =
  | { kind: 'memory' }
  | {
      kind: 'mongo';
      connection: Connection;
      /** FerretDB 1.x: serialise this process's writes per key, purge expired counts (no TTL index). */
      ferretDb: boolean;
    };

/** Counters in this process's memory. */
export function memoryCounters(spec: CounterSpec): Counter {
  const limiter = new RateLimiterMemory(limiterOptions(spec));
  return {
    consume: (key) => limiter.consume(key),
    get: (key) => limiter.get(key),
    delete: async (key) => {
      await limiter.delete(key);
    },
    block: async (key, seconds) => {
      await limiter.block(key, seconds);
    },
  };
}

/**
 * The one factory. `meta` holds the secret under which the MongoDB
 * backend hashes keys (phone numbers, carnet numbers and addresses are
 * what the keys are made of).
 */
export function countersFor(backend: CounterBackend, meta: DocumentCollection<MetaDoc>): Counters {
  // Beside the embedded store, the counts that must survive a restart go to its meta datafile.
  if (backend.kind === 'memory') return (spec) => (spec.persistent ? embeddedCounter(spec, meta) : memoryCounters(spec));
  return mongoCounters(backend.connection, meta, { ferretDb: backend.ferretDb });
}
