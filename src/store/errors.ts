/** Errors every store implementation throws the same way, so services can react. */

/** A unique constraint refused the write (same id, carnet number, active booking…). */
export class DuplicateKeyError extends Error {
  constructor(
    public readonly collection: string,
    public readonly key: string,
  ) {
    super(`duplicate key in ${collection}: ${key}`);
    this.name = 'DuplicateKeyError';
  }
}

/** The database cannot be reached: the bot answers "service momentanément indisponible". */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** A bot state write carried an eTag that is no longer the stored one. */
export class ETagConflictError extends Error {
  constructor(public readonly key: string) {
    super(`eTag conflict on state key (write rejected)`);
    this.name = 'ETagConflictError';
  }
}
