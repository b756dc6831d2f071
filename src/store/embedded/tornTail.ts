/**
 * Crash repair for NeDB's append-only files. Each acknowledged write is one
 * complete line ending in "\n" (the append resolves only after the whole
 * write), so bytes after the last "\n" belong to a write the process never
 * acknowledged: it was killed mid-append. NeDB would count that torn line as
 * corruption and, in a small file, refuse to load past its 10 % threshold;
 * cutting it restores the last acknowledged state.
 */
import { promises as fs } from 'node:fs';

const CHUNK = 64 * 1024;

/** Truncates `file` after its last newline; returns the bytes removed. */
export async function cutTornTail(file: string): Promise<number> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r+');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  try {
    const { size } = await handle.stat();
    let end = size;
    const buffer = Buffer.alloc(CHUNK);
    while (end > 0) {
      const start = Math.max(0, end - CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, end - start, start);
      const newline = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (newline >= 0) {
        const keep = start + newline + 1;
        if (keep < size) await handle.truncate(keep);
        return size - keep;
      }
      end = start;
    }
    // No newline at all: the first write ever was torn.
    if (size > 0) await handle.truncate(0);
    return size;
  } finally {
    await handle.close();
  }
}
