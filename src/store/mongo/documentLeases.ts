/**
 * Leases on single documents, shared by every instance on one database, for
 * servers that do not isolate a conditional write across processes.
 *
 * Why: FerretDB 1.x runs findAndModify as "read, modify in Go, write back"
 * in a PostgreSQL transaction at READ COMMITTED, so two processes can both
 * pass the same guard (`seatsLeft > 0`) and a seat is sold twice (the
 * two-process race did so in about one run in four). The KeyedMutex orders
 * one process's writes; this orders every process's.
 *
 * How: taking a lease is inserting a document whose `_id` names the guarded
 * document. The server refuses a second one with the same `_id` atomically
 * (PostgreSQL's primary key), whatever the isolation of its updates. The
 * holder deletes its lease when its write is done. A holder that died
 * leaves a lease that ends after LEASE_MS: the next writer deletes it (by
 * its token, so never a newer one it did not see) and takes its own.
 */
import { randomUUID } from 'node:crypto';
import type { mongo } from 'mongoose';
import { StoreUnavailableError } from '../errors';
import { isBusy, isDuplicateKey } from './errors';

export interface LeaseDoc {
  _id: string;
  token: string;
  /** Epoch milliseconds after which another writer may take the lease over. */
  until: number;
}

export interface LeaseTimings {
  /** How long a lease protects a write whose holder may have died. Far above any write (ms). */
  leaseMs: number;
  /** How long a writer waits for a held lease before giving up with StoreUnavailableError. */
  waitMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const DEFAULTS: LeaseTimings = {
  // A write under load (FerretDB retrying a busy SQLite file) can take seconds; a crashed holder blocks one document this long.
  leaseMs: 15_000,
  waitMs: 20_000,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class DocumentLeases {
  private readonly timings: LeaseTimings;

  constructor(
    private readonly leases: Pick<mongo.Collection<LeaseDoc>, 'insertOne' | 'findOne' | 'deleteOne'>,
    timings: Partial<LeaseTimings> = {},
  ) {
    this.timings = { ...DEFAULTS, ...timings };
  }

  /** Runs `write` while this process holds the lease on `key`; releases it however the write ends. */
  async run<T>(key: string, write: () => Promise<T>): Promise<T> {
    const token = randomUUID();
    await this.acquire(key, token);
    try {
      return await write();
    } finally {
      await this.release(key, token);
    }
  }

  private async acquire(key: string, token: string): Promise<void> {
    const { now, sleep, leaseMs, waitMs } = this.timings;
    const deadline = now() + waitMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.leases.insertOne({ _id: key, token, until: now() + leaseMs });
        return;
      } catch (err) {
        if (!isDuplicateKey(err) && !isBusy(err)) throw err;
      }
      const held = await this.leases.findOne({ _id: key });
      if (held && held.until < now()) {
        // Its holder died mid-write: end that lease (only that one) and try again at once.
        await this.leases.deleteOne({ _id: key, token: held.token });
        continue;
      }
      if (now() >= deadline) throw new StoreUnavailableError(`document lease still held after ${waitMs} ms`);
      // Writes hold a lease for a few milliseconds: poll soon, spread out so waiters do not collide again.
      await sleep(Math.min(50, 2 * attempt) * (0.5 + Math.random()));
    }
  }

  private async release(key: string, token: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.leases.deleteOne({ _id: key, token });
        return;
      } catch (err) {
        // A release that cannot be written leaves the lease to end by itself; a busy file is tried again.
        if (!isBusy(err) || attempt >= 20) return;
        await this.timings.sleep(5 * attempt);
      }
    }
  }
}
