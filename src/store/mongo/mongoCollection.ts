/**
 * DocumentCollection over one mongoose model, reading plain (lean) documents.
 * What is written goes through cloneData first, as in the embedded store:
 * fields set to undefined are dropped (the driver would store null for them
 * wherever mongoose's casting does not already strip them).
 */
import type { Model } from 'mongoose';
import { cloneData } from '../shared/clone';
import type { DocumentCollection, Filter, FindOptions, Update } from '../shared/collection';
import { DuplicateKeyError } from '../errors';
import { isBusy, translateError } from './errors';
import type { DocumentLeases } from './documentLeases';
import { KeyedMutex } from './keyedMutex';

/**
 * What FerretDB 1.x on PostgreSQL does slowly, measured (bench/roundTrips.ts,
 * docs/performance.md): it pushes `{ _id: value }` down to PostgreSQL but
 * not `{ _id: { $in: [...] } }`, which it answers by decoding every document
 * of the collection in Go (200 ms on 5,000 documents, 3 ms for an equality).
 */
export interface FerretDbTuning {
  /** Answer a find on `_id: { $in }` (and nothing else) by one equality find per id, in parallel. */
  idInByEquality?: boolean;
  /**
   * put() without the shared lease: for a collection whose replaced
   * documents no conditional write (updateOne) ever targets, so there is no
   * guard for another process to slip past; a replace is last-writer-wins on
   * MongoDB too. This process's writes on a document stay in order (KeyedMutex).
   */
  putsWithoutLease?: boolean;
}

/** Enough to ride out a burst of 200 concurrent writers on FerretDB/SQLite (about 10 s in all). */
const BUSY_ATTEMPTS = 60;

export class MongoCollection<D extends { _id: string }> implements DocumentCollection<D> {
  private readonly writes = new KeyedMutex();

  constructor(
    readonly name: string,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    private readonly model: Model<any>,
    /**
     * Serialise this process's writes per document: for servers whose
     * findAndModify reads, modifies and writes back without isolation
     * (FerretDB 1.x). MongoDB itself needs none of it.
     */
    private readonly serializeWrites = false,
    /**
     * With serializeWrites, also hold a lease shared by every process on the
     * database around each such write (documentLeases.ts): several instances
     * on FerretDB then keep the guards a single MongoDB document write keeps.
     */
    private readonly leases?: DocumentLeases,
    private readonly ferretDb: FerretDbTuning = {},
  ) {}

  /** Every conditional write names its document by `_id`. */
  private exclusive<T>(id: unknown, write: () => Promise<T>): Promise<T> {
    if (!this.serializeWrites || typeof id !== 'string') return write();
    const leases = this.leases;
    // This process's writers queue in memory first, so at most one of them at a time asks for the shared lease.
    return this.writes.run(id, leases ? () => leases.run(`${this.name}:${id}`, write) : write);
  }

  private async run<T>(command: () => Promise<T>, retryBusy = true): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await command();
      } catch (err) {
        // FerretDB on SQLite refuses a write while another holds the file lock
        // (SQLITE_BUSY): the command did nothing, so it is safe to run again.
        if (retryBusy && isBusy(err) && attempt < BUSY_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 * attempt) * (0.5 + Math.random())));
          continue;
        }
        throw translateError(this.name, err);
      }
    }
  }

  async insert(doc: D): Promise<void> {
    await this.run(() => this.model.create(cloneData(doc)));
  }

  async insertMany(docs: D[]): Promise<void> {
    // Ordered: stops at the first refused document. MongoDB has no
    // multi-document atomicity without transactions, so the documents
    // before it stay; callers insert fresh ids they can retry.
    // Not retried when busy: the documents before the refused one are already in.
    await this.run(() => this.model.insertMany(cloneData(docs), { ordered: true }), false);
  }

  async findOne(filter: Filter): Promise<D | undefined> {
    const doc = await this.run(() => this.model.findOne(filter).lean<D>().exec());
    return doc ?? undefined;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<D[]> {
    const ids = this.ferretDb.idInByEquality && !options.sort && options.limit === undefined ? onlyIdIn(filter) : undefined;
    if (ids) {
      // Distinct ids, each found by an equality FerretDB gives PostgreSQL; the same documents as the $in, in no promised order.
      const found: (D | undefined)[] = await Promise.all([...new Set(ids)].map((_id) => this.findOne({ _id })));
      return found.filter((doc): doc is D => doc !== undefined);
    }
    return this.run(() => {
      let query = this.model.find(filter);
      if (options.sort) query = query.sort(options.sort);
      if (options.limit !== undefined) query = query.limit(options.limit);
      return query.lean<D[]>().exec();
    });
  }

  count(filter: Filter): Promise<number> {
    return this.run(() => this.model.countDocuments(filter).exec());
  }

  async updateOne(filter: Filter, update: Update): Promise<D | undefined> {
    // findAndModify: the guard in the filter and the change are one atomic
    // single-document operation on the server.
    const doc = await this.exclusive(filter._id, () =>
      this.run(() =>
        this.model.findOneAndUpdate(filter, cloneData(update), { returnDocument: 'after', runValidators: true }).lean<D>().exec(),
      ),
    );
    return doc ?? undefined;
  }

  async put(doc: D): Promise<void> {
    const replacement = cloneData(doc);
    const write = () => this.model.replaceOne({ _id: doc._id }, replacement, { upsert: true, runValidators: true }).exec();
    const exclusive =
      this.ferretDb.putsWithoutLease && this.serializeWrites
        ? (id: string, w: () => Promise<void>) => this.writes.run(id, w)
        : this.exclusive.bind(this);
    await exclusive(doc._id, async () => {
      try {
        await this.run(write);
      } catch (err) {
        // Two upserts of a new _id may race: the loser's insert hits the
        // unique _id. The document exists now, so replacing it succeeds.
        if (!(err instanceof DuplicateKeyError)) throw err;
        await this.run(write);
      }
    });
  }

  async deleteMany(filter: Filter): Promise<number> {
    const result = await this.run(() => this.model.deleteMany(filter).exec());
    return result.deletedCount ?? 0;
  }

  notContains(field: string, value: string): Filter {
    return { [field]: { $ne: value } };
  }
}

/** The ids of a filter that is exactly `{ _id: { $in: [strings] } }`, else undefined. */
function onlyIdIn(filter: Filter): string[] | undefined {
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== '_id') return undefined;
  const id = filter._id as Record<string, unknown> | undefined;
  if (!id || typeof id !== 'object' || Object.keys(id).length !== 1 || !Array.isArray(id.$in)) return undefined;
  const values: unknown[] = id.$in;
  return values.every((v) => typeof v === 'string') ? values : undefined;
}
