/**
 * Brings a collection's indexes to what its schema declares, safely when
 * several instances start at once on one database.
 *
 * Why not mongoose's syncIndexes(): it drops every index whose options differ
 * from the schema's and creates it again. FerretDB keeps no `sparse` option,
 * so each start dropped and re-created `phone_1`, and two instances starting
 * together failed with "index not found with name [phone_1]" (the other one
 * had dropped it first). Here an index counts as present when its name, keys
 * and uniqueness match (the options that change what it guarantees); only
 * indexes no schema declares any more are dropped; and losing a race to
 * another instance (it created or dropped the same index first) is success.
 */
import type { Collection, Schema } from 'mongoose';

/** What is used of a mongoose model (its generic type is beside the point here). */
interface IndexedModel {
  schema: Pick<Schema, 'indexes'>;
  collection: Pick<Collection, 'indexes' | 'dropIndex' | 'createIndex'>;
}

interface ServerIndex {
  name: string;
  key: Record<string, unknown>;
  unique?: boolean;
}

interface WantedIndex {
  name: string;
  key: Record<string, 1 | -1>;
  options: Record<string, unknown>;
}

/** Server codes meaning another instance got there first. */
const INDEX_NOT_FOUND = 27;
const NAMESPACE_NOT_FOUND = 26;
const RACE_CODES = new Set([
  68, // IndexAlreadyExists
  85, // IndexOptionsConflict
  86, // IndexKeySpecsConflict
  11000, // a concurrent create of the same unique index
]);
const ATTEMPTS = 5;

const codeOf = (error: unknown) => (error as { code?: number } | null)?.code;

/** The driver's default name: `field_1_other_-1`. */
function defaultName(key: Record<string, unknown>): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}_${String(direction)}`)
    .join('_');
}

function wanted(model: IndexedModel): WantedIndex[] {
  return model.schema.indexes().map(([key, options]) => {
    const { background: _background, ...rest } = (options ?? {}) as Record<string, unknown>;
    return { name: (rest.name as string | undefined) ?? defaultName(key), key: key as Record<string, 1 | -1>, options: rest };
  });
}

function sameIndex(have: ServerIndex, want: WantedIndex): boolean {
  return have.name === want.name && JSON.stringify(have.key) === JSON.stringify(want.key) && !!have.unique === !!want.options.unique;
}

async function serverIndexes(model: IndexedModel): Promise<ServerIndex[]> {
  try {
    return (await model.collection.indexes()) as ServerIndex[];
  } catch (error) {
    if (codeOf(error) === NAMESPACE_NOT_FOUND) return [];
    throw error;
  }
}

/** One pass: drop what is stale, create what is missing. Throws on any server error. */
async function reconcile(model: IndexedModel): Promise<void> {
  const want = wanted(model);
  const have = await serverIndexes(model);
  for (const index of have) {
    if (index.name === '_id_' || want.some((w) => sameIndex(index, w))) continue;
    try {
      await model.collection.dropIndex(index.name);
    } catch (error) {
      if (codeOf(error) !== INDEX_NOT_FOUND) throw error;
    }
  }
  for (const index of want) {
    if (have.some((h) => sameIndex(h, index))) continue;
    await model.collection.createIndex(index.key, { ...index.options, name: index.name });
  }
}

export async function ensureIndexes(model: IndexedModel): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await reconcile(model);
    } catch (error) {
      // Another instance changed the indexes between our listing and our write: look again.
      if (!RACE_CODES.has(codeOf(error) ?? 0) || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt * (0.5 + Math.random())));
    }
  }
}
