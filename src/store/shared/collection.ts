/**
 * The handful of document operations both stores provide natively (NeDB and
 * MongoDB speak the same query language). The repositories are written once
 * over this interface (shared/repositories.ts); each store only adapts its
 * driver, its indexes and its errors.
 */

/** A stored document: the entity with its `id` as `_id`. */
export type Doc<T extends { id: string }> = Omit<T, 'id'> & { _id: string };

export type Filter = Record<string, unknown>;
export type Update = Record<string, unknown>;
export type Sort = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: Sort;
  limit?: number;
}

export interface DocumentCollection<D extends { _id: string }> {
  readonly name: string;
  /** Throws DuplicateKeyError when a unique index refuses the document. */
  insert(doc: D): Promise<void>;
  /** All or nothing on a unique-key refusal (DuplicateKeyError). */
  insertMany(docs: D[]): Promise<void>;
  findOne(filter: Filter): Promise<D | undefined>;
  find(filter: Filter, options?: FindOptions): Promise<D[]>;
  count(filter: Filter): Promise<number>;
  /**
   * ONE atomic conditional write on the first document matching `filter`
   * (the guard) with update operators ($set, $inc, $push, $pull, $unset).
   * Returns the document after the write, or undefined when none matched.
   */
  updateOne(filter: Filter, update: Update): Promise<D | undefined>;
  /** Replaces the document with the same _id, or creates it. */
  put(doc: D): Promise<void>;
  deleteMany(filter: Filter): Promise<number>;
  /**
   * Filter clause "the array at `field` does not hold `value`" (MongoDB's
   * `$ne` on an array; NeDB's `$ne` matches when ANY element differs).
   */
  notContains(field: string, value: string): Filter;
}

export function toDoc<T extends { id: string }>(entity: T): Doc<T> {
  const { id, ...rest } = entity;
  return { _id: id, ...rest };
}

export function fromDoc<T extends { id: string }>(doc: Doc<T>): T {
  const { _id, ...rest } = doc as Doc<T> & { __v?: unknown };
  delete (rest as { __v?: unknown }).__v;
  return { id: _id, ...rest } as unknown as T;
}
