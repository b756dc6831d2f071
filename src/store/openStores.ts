/** Picks the store: MongoDB when a URI is given, else the embedded one. */
import { openEmbeddedStores } from './embedded';
import { openMongoStores } from './mongo';
import type { Stores } from './repositories';

export interface OpenStoresOptions {
  mongodbUri?: string;
  /** Folder of the embedded store's files (when no mongodbUri). */
  dataDir?: string;
  /** Embedded store in memory only: tests and demos, nothing is kept. */
  inMemory?: boolean;
}

export function openStores(options: OpenStoresOptions): Promise<Stores> {
  if (options.mongodbUri) return openMongoStores(options.mongodbUri);
  return openEmbeddedStores({ dataDir: options.dataDir, inMemory: options.inMemory });
}
