/**
 * NeDB appends every write to its datafile with fs.promises.appendFile:
 * open, write and close, three trips to libuv's thread pool and their
 * promises, for a line of a few hundred bytes. Three writes a turn (the
 * replay guard's claim and its end, the conversation state) made that
 * ~1 ms of a menu turn's 2.9 ms in a sequential benchmark, the largest
 * single cost of a turn.
 *
 * Here each datastore appends through a file descriptor kept open, with
 * one synchronous write: the line goes to the OS page cache, as before
 * (neither way fsyncs; an acknowledged write survives the process being
 * killed, not a power cut — see openEmbeddedStores.ts), without the thread
 * pool. NeDB's compaction replaces the file (temporary file, fsync,
 * rename): the descriptor is closed before and reopened at the next write.
 * Both go through NeDB's executor, one at a time, as they did.
 *
 * This replaces two methods of NeDB's Persistence object (internal API of
 * @seald-io/nedb 4); if they are not there, NeDB is left as it is.
 */
import type Datastore from '@seald-io/nedb';
import fs from 'node:fs';

interface NedbPersistence {
  persistNewStateAsync(docs: unknown[]): Promise<void>;
  persistCachedDatabaseAsync(): Promise<void>;
  modes?: { fileMode?: number };
}

// NeDB's own line format (dates as {$$date}, key checks), from the module its persistence uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nedbModel = require('@seald-io/nedb/lib/model') as { serialize(this: void, doc: unknown): string };
const { serialize } = nedbModel;

export interface OpenFileAppends {
  /** Closes the descriptor (after the last write: the store's close). */
  close(): void;
}

/** `health`: told of each append's outcome (a full disk must show in /readyz, see writeHealth.ts). */
export function appendThroughOpenFile(
  datastore: Datastore,
  filename: string,
  health?: { succeeded(): void; failed(): void },
): OpenFileAppends {
  const persistence = datastore.persistence as unknown as Partial<NedbPersistence>;
  if (typeof persistence.persistNewStateAsync !== 'function' || typeof persistence.persistCachedDatabaseAsync !== 'function') {
    return { close: () => undefined };
  }
  const mode = persistence.modes?.fileMode ?? 0o644;
  let fd: number | undefined;
  const close = () => {
    if (fd === undefined) return;
    const open = fd;
    fd = undefined;
    fs.closeSync(open);
  };

  const compact = persistence.persistCachedDatabaseAsync.bind(persistence);
  persistence.persistCachedDatabaseAsync = async () => {
    // The file is about to be replaced: later lines go to the new one.
    close();
    await compact();
  };

  persistence.persistNewStateAsync = async (docs) => {
    let text = '';
    for (const doc of docs) text += `${serialize(doc)}\n`;
    if (text.length === 0) return;
    try {
      fd ??= fs.openSync(filename, 'a', mode);
      const bytes = Buffer.from(text, 'utf8');
      for (let written = 0; written < bytes.length;) written += fs.writeSync(fd, bytes, written);
      health?.succeeded();
    } catch (error) {
      health?.failed();
      // Start again from a fresh descriptor next time (the file may have been moved or the disk freed).
      try {
        close();
      } catch {
        // already unusable
      }
      throw error;
    }
  };
  return { close };
}
