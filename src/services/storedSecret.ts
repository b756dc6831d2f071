/** A random secret kept in the store's meta collection, the same for every instance sharing the store. */
import { randomBytes } from 'node:crypto';
import type { Stores } from '../store/repositories';

export async function storedSecret(stores: Stores, key: string): Promise<string> {
  const existing = await stores.meta.get(key);
  if (existing) return existing;
  await stores.meta.set(key, randomBytes(32).toString('base64url'));
  // Read back: if two processes raced, both now use the one that was kept.
  return (await stores.meta.get(key))!;
}
