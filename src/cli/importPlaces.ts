/**
 * npm run import:places -- FILE... [--programme ID] [--dry-run]
 *
 * Imports places of the national "lieux de médiation numérique" schema (CSV
 * or JSON) and of the official France services list into the store chosen
 * by MONGODB_URI (else the embedded store in DATA_DIR, default .data). The
 * whole national set is several files: they are imported in the order given,
 * so the merges with the files before are reported too. Prints a progress
 * bar on a terminal for big files, then one summary line per file; rejected
 * rows go to FILE.rejected.csv, repairs, duplicates and merges to
 * FILE.report.csv. Exit 0 when every file was usable, 1 otherwise (one line
 * on stderr saying why).
 */
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import dotenv from 'dotenv';
import { communes } from '../data/communes';
import { PlaceFileError } from '../data/placeFile';
import { loadProgrammes } from '../data/programmes';
import { describeImport, importPlaces } from '../services/placeImport';
import type { Programme } from '../domain/programme';
import { openStores } from '../store/openStores';
import type { Stores } from '../store/repositories';

const USAGE = 'usage: npm run import:places -- FILE... [--programme ID] [--dry-run]';
/** Above this size (≈ a few thousand rows) a terminal gets a progress bar. */
const PROGRESS_BYTES = 1_000_000;
/** Rejections listed on the terminal; the CSV next to the file has them all. */
const SHOWN_REJECTIONS = 10;

class UsageError extends Error {}

function options() {
  try {
    const { values, positionals } = parseArgs({
      options: { programme: { type: 'string' }, 'dry-run': { type: 'boolean' } },
      allowPositionals: true,
    });
    if (positionals.length === 0) throw new UsageError(USAGE);
    return { files: positionals, programmeId: values.programme?.trim().toLowerCase(), dryRun: values['dry-run'] === true };
  } catch (error) {
    throw new UsageError(error instanceof UsageError ? error.message : `${(error as Error).message}; ${USAGE}`);
  }
}

function progressBar(file: string): SingleBar | undefined {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return undefined;
  }
  if (!process.stderr.isTTY || size < PROGRESS_BYTES) return undefined;
  return new SingleBar(
    { stream: process.stderr, format: '{phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
}

async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  const { files, programmeId, dryRun } = options();
  const ids = (process.env.PROGRAMMES || 'lozere,drome')
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter(Boolean);
  const programmes = loadProgrammes(ids);
  const stores = await openStores({ mongodbUri: process.env.MONGODB_URI || undefined, dataDir: process.env.DATA_DIR || '.data' });
  let code = 0;
  try {
    for (const file of files) {
      try {
        code = Math.max(code, await importOne(stores, file, { programmes, programmeId, dryRun }));
      } catch (error) {
        // One file of several: the files before it are in; say which one was refused and go on.
        if (!(error instanceof PlaceFileError) || files.length === 1) throw error;
        process.stderr.write(`import-places: ${file}: ${error.message}; nothing imported from it\n`);
        code = 1;
      }
    }
    return code;
  } finally {
    await stores.close();
  }
}

async function importOne(
  stores: Stores,
  file: string,
  { programmes, programmeId, dryRun }: { programmes: Programme[]; programmeId?: string; dryRun: boolean },
): Promise<number> {
  const bar = progressBar(file);
  let phase: string | undefined;
  try {
    const summary = await importPlaces(stores.places, {
      file,
      programmes,
      programmeId,
      communes: communes(),
      dryRun,
      onProgress: (current, done, total) => {
        if (!bar) return;
        if (phase !== current) {
          if (phase) bar.stop();
          phase = current;
          bar.start(total, 0, { phase: current === 'read' ? 'reading (bytes)' : 'writing (places)' });
        }
        bar.update(done);
      },
    });
    bar?.stop();
    for (const r of summary.rejections.slice(0, SHOWN_REJECTIONS))
      process.stderr.write(`  line ${r.line}${r.id ? ` (${r.id})` : ''}: ${r.reason}\n`);
    if (summary.rejections.length > SHOWN_REJECTIONS)
      process.stderr.write(`  … and ${summary.rejections.length - SHOWN_REJECTIONS} more\n`);
    process.stdout.write(`${describeImport(summary)}\n`);
    if (!summary.usable) {
      process.stderr.write(`import-places: nothing in ${file} can be imported; the store is unchanged\n`);
      return 1;
    }
    return 0;
  } finally {
    bar?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // One line, no stack: the file problem, the busy data folder, the bad setting.
    const message =
      error instanceof UsageError
        ? error.message
        : error instanceof PlaceFileError
          ? `${error.message}; the store is unchanged`
          : error instanceof Error
            ? error.name === 'DataDirLockedError'
              ? error.message
              : `${error.name}: ${error.message.split('\n').join('; ')}`
            : String(error);
    process.stderr.write(`import-places: ${message}\n`);
    process.exit(1);
  },
);
