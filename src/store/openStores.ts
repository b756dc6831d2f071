/** Picks the store: MongoDB when a URI is given, else the embedded one. */
import { openEmbeddedStores } from './embedded';
import type { Stores } from './repositories';

export interface OpenStoresOptions {
  mongodbUri?: string;
  /** Folder of the embedded store's files (when no mongodbUri). */
  dataDir?: string;
  /** Embedded store in memory only: tests and demos, nothing is kept. */
  inMemory?: boolean;
}

export async function openStores(options: OpenStoresOptions): Promise<Stores> {
  // Loaded only when used: mongoose and its driver cost ~0.25 s of start-up and ~30 MB of memory.
  if (options.mongodbUri) return (await import('./mongo')).openMongoStores(options.mongodbUri);
  return openEmbeddedStores({ dataDir: options.dataDir, inMemory: options.inMemory });
}
