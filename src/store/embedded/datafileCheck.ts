/**
 * NeDB drops a line it cannot read without a word while the broken lines
 * stay under its corruptAlertThreshold (10 %), then rewrites the file
 * without it: one booking gone, its reserved hour still in the ledger, and
 * no evidence left (issue 16). Before NeDB reads a datafile, every complete
 * line must be a JSON object; if one is not, a copy of the file is put
 * aside and the store refuses to open, naming the file and the line. (A
 * torn last line with no newline was never acknowledged: tornTail cuts it
 * first.)
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export class CorruptDatafileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly quarantine: string,
  ) {
    super(
      `${path.basename(file)} line ${line} is not a readable record: the store was not opened. ` +
        `A copy of the file is in ${path.basename(quarantine)}; repair or remove that line, then start again.`,
    );
    this.name = 'CorruptDatafileError';
  }
}

function readable(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** A name beside the file that no earlier quarantine holds. */
function quarantineName(file: string): string {
  for (let n = 1; ; n += 1) {
    const candidate = `${file}.corrupt-${n}`;
    if (!existsSync(candidate)) return candidate;
  }
}

/** Throws CorruptDatafileError (after keeping a copy) when a complete line of `file` is not a record. */
export function checkDatafile(file: string): void {
  if (!existsSync(file)) return;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line.trim() === '' || readable(line)) continue;
    const quarantine = quarantineName(file);
    copyFileSync(file, quarantine);
    throw new CorruptDatafileError(file, i + 1, quarantine);
  }
}
