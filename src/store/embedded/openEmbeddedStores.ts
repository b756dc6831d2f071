/**
 * The embedded store: one NeDB datafile per collection in a data folder
 * (or memory only, for tests). NeDB keeps every document in memory and
 * appends each write to its file before acknowledging it, so an acknowledged
 * write survives the process being killed (it is in the OS page cache; a
 * power cut may lose the last seconds, as with Redis' appendfsync=no).
 * On disk, the data folder is locked for the life of the stores (see
 * dataDirLock): a second process opening it is refused with DataDirLockedError.
 */
import Datastore from '@seald-io/nedb';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { StoreUnavailableError } from '../errors';
import type { Stores } from '../repositories';
import { buildStores } from '../shared/buildStores';
import { COLLECTION_NAMES, type Collections } from '../shared/collections';
import { type DataDirLock, lockDataDir } from './dataDirLock';
import { NedbCollection } from './nedbCollection';
import { appendThroughOpenFile, type OpenFileAppends } from './openFileAppends';
import { WriteHealth } from './writeHealth';
import { cutTornTail } from './tornTail';
import { checkDatafile } from './datafileCheck';

export interface EmbeddedStoreOptions {
  /** Folder of the datafiles; required unless inMemory. */
  dataDir?: string;
  inMemory?: boolean;
  /**
   * How often the datafiles are rewritten compactly (crash-safe: temp file,
   * fsync, rename). The append-only files otherwise grow with every write
   * until the next start. Default 10 minutes; 0 disables.
   */
  compactionIntervalMs?: number;
}

interface IndexSpec {
  fieldName: string;
  unique?: boolean;
  sparse?: boolean;
}

/** Unique indexes keep invariants; the others make lookups cheaper. */
const INDEXES: Record<keyof Collections, IndexSpec[]> = {
  programmes: [],
  beneficiaries: [{ fieldName: 'birthDate' }, { fieldName: 'phone', sparse: true }],
  voucherBooks: [{ fieldName: 'number', unique: true }, { fieldName: 'beneficiaryId' }, { fieldName: 'status' }],
  places: [],
  trainers: [{ fieldName: 'aadObjectId', sparse: true }],
  prescribers: [{ fieldName: 'aadObjectId' }, { fieldName: 'programmeId' }],
  slots: [{ fieldName: 'placeId' }, { fieldName: 'start' }],
  bookings: [
    { fieldName: 'activeKey', unique: true },
    { fieldName: 'requestId', unique: true },
    { fieldName: 'beneficiaryId' },
    { fieldName: 'slotId' },
  ],
  audit: [{ fieldName: 'at' }],
  channelLinks: [{ fieldName: 'beneficiaryId' }],
  botState: [],
  meta: [],
  contactReferences: [{ fieldName: 'beneficiaryId' }, { fieldName: 'channelKey' }],
  outbox: [{ fieldName: 'status' }, { fieldName: 'beneficiaryId' }, { fieldName: 'bookingId', sparse: true }],
};

const DEFAULT_COMPACTION_MS = 10 * 60 * 1000;
/** The data folder and its files hold personal data: owner only. */
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

async function openDatastore(
  name: keyof Collections,
  options: EmbeddedStoreOptions,
  health: WriteHealth | undefined,
): Promise<{ datastore: Datastore; appends?: OpenFileAppends }> {
  let datastore: Datastore;
  let appends: OpenFileAppends | undefined;
  if (options.inMemory) {
    datastore = new Datastore({ inMemoryOnly: true });
  } else {
    const filename = path.join(options.dataDir as string, `${name}.db`);
    await cutTornTail(filename);
    // A file created 0644 by an earlier version is made private before it is read.
    await chmod(filename, PRIVATE_FILE).catch(() => undefined);
    // A line NeDB cannot read would be dropped and the file rewritten without it: refuse instead.
    checkDatafile(filename);
    // Personal data: readable by the service account only (NeDB creates files and folders with these modes).
    datastore = new Datastore({ filename, modes: { fileMode: PRIVATE_FILE, dirMode: PRIVATE_DIR } });
    // Each write appended through one open descriptor (a third of a turn's time went to open/close).
    appends = appendThroughOpenFile(datastore, filename, health);
  }
  await datastore.loadDatabaseAsync();
  for (const index of INDEXES[name]) await datastore.ensureIndexAsync(index);
  return { datastore, appends };
}

export async function openEmbeddedStores(options: EmbeddedStoreOptions = {}): Promise<Stores> {
  if (!options.inMemory && !options.dataDir) throw new Error('embedded store: dataDir is required unless inMemory');
  let lock: DataDirLock | undefined;
  if (options.dataDir && !options.inMemory) {
    await mkdir(options.dataDir, { recursive: true, mode: PRIVATE_DIR });
    await chmod(options.dataDir, PRIVATE_DIR);
    // Before anything reads or repairs the datafiles.
    lock = await lockDataDir(options.dataDir);
  }
  try {
    return await openLocked(options, lock);
  } catch (err) {
    lock?.release();
    throw err;
  }
}

async function openLocked(options: EmbeddedStoreOptions, lock: DataDirLock | undefined): Promise<Stores> {
  let open = true;
  const isOpen = () => open;
  const datastores = {} as Record<keyof Collections, Datastore>;
  const appends: OpenFileAppends[] = [];
  const collections = {} as Record<keyof Collections, NedbCollection<{ _id: string }>>;
  const health = options.inMemory ? undefined : new WriteHealth(options.dataDir as string);
  for (const name of COLLECTION_NAMES) {
    const opened = await openDatastore(name, options, health);
    datastores[name] = opened.datastore;
    if (opened.appends) appends.push(opened.appends);
    const unique = ['_id', ...INDEXES[name].filter((i) => i.unique).map((i) => i.fieldName)];
    collections[name] = new NedbCollection(name, datastores[name], unique, isOpen);
  }

  const compactAll = async () => {
    // Queued behind pending writes by NeDB's executor, so it also drains them:
    // every collection is visited even when one fails, so none is left writing.
    let failure: { error: unknown } | undefined;
    for (const name of COLLECTION_NAMES) {
      try {
        await datastores[name].compactDatafileAsync();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  };
  const intervalMs = options.compactionIntervalMs ?? DEFAULT_COMPACTION_MS;
  const timer =
    !options.inMemory && intervalMs > 0
      ? setInterval(() => {
          // A failed compaction leaves the append-only file as it was: nothing to undo.
          compactAll().catch(() => undefined);
        }, intervalMs).unref()
      : undefined;

  return buildStores(collections as unknown as Collections, {
    kind: 'embedded',
    // One process per data folder (the folder's lock): counts in memory are all there is.
    counters: { kind: 'memory' },
    compact: () => compactAll(),
    ping: async () => {
      if (!open) throw new StoreUnavailableError('embedded store is closed');
      health?.check();
    },
    close: async () => {
      if (!open) return;
      open = false;
      if (timer) clearInterval(timer);
      try {
        await compactAll();
      } finally {
        for (const a of appends) a.close();
        // Every write is on disk (or failed): another process may open the folder.
        lock?.release();
      }
    },
  });
}
