/** DocumentCollection over one NeDB Datastore. */
import type Datastore from '@seald-io/nedb';
import { DuplicateKeyError, StoreUnavailableError } from '../errors';
import { cloneData } from '../shared/clone';
import type { DocumentCollection, Filter, FindOptions, Update } from '../shared/collection';

/**
 * The filter with `_id` last. NeDB looks documents up through the index of
 * the *last* field holding a plain value, so `{ _id, status: 'active' }`
 * went through the `status` index and tested every active carnet (2,000
 * of them per booking in the benchmark) instead of the one with that id.
 */
function byIdFirst(filter: Filter): Filter {
  const id = filter._id;
  if (id === undefined || (typeof id === 'object' && id !== null && !(id instanceof Date)) || Object.keys(filter).length < 2) return filter;
  const { _id, ...rest } = filter;
  return { ...rest, _id };
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { errorType?: string } | null)?.errorType === 'uniqueViolated';
}

export class NedbCollection<D extends { _id: string }> implements DocumentCollection<D> {
  constructor(
    readonly name: string,
    private readonly datastore: Datastore,
    /** Fields with a unique index, to name the one a refused write hit. */
    private readonly uniqueFields: readonly string[],
    private readonly isOpen: () => boolean,
  ) {}

  /** Runs a command; NeDB's errors become the store's errors. */
  private async run<T>(command: () => Promise<T>, doc?: Record<string, unknown>): Promise<T> {
    if (!this.isOpen()) throw new StoreUnavailableError('embedded store is closed');
    try {
      return await command();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateKeyError(this.name, this.violatedField(err, doc));
      throw err;
    }
  }

  /** The unique field holding the refused value (NeDB only reports the value). */
  private violatedField(err: unknown, doc?: Record<string, unknown>): string {
    const value = (err as { key?: unknown }).key;
    const field = doc && this.uniqueFields.find((f) => doc[f] === value);
    return field ?? 'unique index';
  }

  async insert(doc: D): Promise<void> {
    await this.run(() => this.datastore.insertAsync(cloneData(doc)), doc);
  }

  async insertMany(docs: D[]): Promise<void> {
    // NeDB rolls back the whole batch when one document is refused.
    await this.run(() => this.datastore.insertAsync(cloneData(docs)));
  }

  async findOne(filter: Filter): Promise<D | undefined> {
    const doc = (await this.run(() => this.datastore.findOneAsync(byIdFirst(filter)).execAsync())) as unknown as D | null;
    return doc ? cloneData(doc) : undefined;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<D[]> {
    const docs = await this.run(() => {
      let cursor = this.datastore.findAsync(byIdFirst(filter));
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.limit !== undefined) cursor = cursor.limit(options.limit);
      return cursor.execAsync();
    });
    return cloneData(docs as unknown as D[]);
  }

  count(filter: Filter): Promise<number> {
    return this.run(async () => (await this.datastore.countAsync(byIdFirst(filter)).execAsync()) as unknown as number);
  }

  async updateOne(filter: Filter, update: Update): Promise<D | undefined> {
    // NeDB runs one command at a time through its executor, and the command
    // resolves after its line is appended to the file: match, modify and
    // persist happen as one step. The update is cloned because NeDB would
    // store pushed objects (and their Dates) by reference.
    const result = await this.run(() =>
      this.datastore.updateAsync(byIdFirst(filter), cloneData(update), { returnUpdatedDocs: true, multi: false }),
    );
    const doc = result.affectedDocuments as unknown as D | null;
    return result.numAffected > 0 && doc ? cloneData(doc) : undefined;
  }

  async put(doc: D): Promise<void> {
    await this.run(() => this.datastore.updateAsync({ _id: doc._id }, cloneData(doc), { upsert: true }), doc);
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.run(() => this.datastore.removeAsync(byIdFirst(filter), { multi: true }));
  }

  notContains(field: string, value: string): Filter {
    return { $not: { [field]: value } };
  }
}
