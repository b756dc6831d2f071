import { randomUUID } from 'node:crypto';

/** A new opaque store id. */
export function newId(): string {
  return randomUUID();
}
