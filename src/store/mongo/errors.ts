/** Driver and mongoose errors, translated to the store's own errors. */
import { DuplicateKeyError, StoreUnavailableError } from '../errors';

/** Errors that mean "the database cannot be reached", not "the request is wrong". */
const UNAVAILABLE = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoClientClosedError',
  'MongoOperationTimeoutError',
]);

export function isDuplicateKey(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 11000 || code === 11001;
}

/** FerretDB's SQLite backend: the database file is locked by another writer; nothing was done. */
export function isBusy(err: unknown): boolean {
  return err instanceof Error && /SQLITE_BUSY|database is locked/.test(err.message);
}

export function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (UNAVAILABLE.has(err.name)) return true;
  // With bufferCommands off, mongoose refuses commands on a closed or
  // never-opened connection with a plain MongooseError.
  return err.name === 'MongooseError' && /connection|bufferCommands/i.test(err.message);
}

/** Which unique key was hit; FerretDB reports neither keyPattern nor keyValue. */
function duplicateField(err: unknown): string {
  const pattern = (err as { keyPattern?: Record<string, unknown> }).keyPattern;
  if (pattern && Object.keys(pattern).length > 0) return Object.keys(pattern).join(',');
  const index = /index: (\S+)/.exec((err as Error).message ?? '')?.[1];
  return index ?? 'unique index';
}

export function translateError(collection: string, err: unknown): unknown {
  if (isDuplicateKey(err)) return new DuplicateKeyError(collection, duplicateField(err));
  if (isUnavailable(err)) return new StoreUnavailableError(`database unavailable (${collection})`, { cause: err });
  return err;
}
