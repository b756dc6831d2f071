/** The embedded store's data files, summed: a test compares them before and after requests that must change nothing. */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export async function fingerprint(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.db')).sort();
  const sums: Record<string, string> = {};
  for (const name of files)
    sums[name] = createHash('sha256')
      .update(await readFile(path.join(dir, name)))
      .digest('hex');
  return sums;
}
