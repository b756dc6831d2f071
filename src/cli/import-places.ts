/**
 * npm run import:places -- FILE [--programme ID] [--dry-run]
 *
 * Imports places of the national "lieux de médiation numérique" schema (CSV
 * or JSON) into the store chosen by MONGODB_URI (else the embedded store in
 * DATA_DIR, default .data). Prints a progress bar on a terminal for big
 * files, then one summary line; rejected rows go to FILE.rejected.csv.
 * Exit 0 when the file was usable, 1 otherwise (one line on stderr saying why).
 */
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import dotenv from 'dotenv';
import { communes } from '../data/communes';
import { PlaceFileError } from '../data/placeFile';
import { loadProgrammes } from '../data/programmes';
import { describeImport, importPlaces } from '../services/placeImport';
import { openStores } from '../store/openStores';

const USAGE = 'usage: npm run import:places -- FILE [--programme ID] [--dry-run]';
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
    if (positionals.length !== 1) throw new UsageError(USAGE);
    return { file: positionals[0]!, programmeId: values.programme?.trim().toLowerCase(), dryRun: values['dry-run'] === true };
  } catch (error) {
    throw new UsageError(error instanceof UsageError ? error.message : `${(error as Error).message}; ${USAGE}`);
  }
}

function progressBar(file: string): SingleBar | undefined {
  let size = 0;
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
  const { file, programmeId, dryRun } = options();
  const ids = (process.env.PROGRAMMES || 'lozere,drome').split(',').map((id) => id.trim().toLowerCase()).filter(Boolean);
  const programmes = loadProgrammes(ids);
  const bar = progressBar(file);
  let phase: string | undefined;
  const stores = await openStores({ mongodbUri: process.env.MONGODB_URI || undefined, dataDir: process.env.DATA_DIR || '.data' });
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
    for (const r of summary.rejections.slice(0, SHOWN_REJECTIONS)) process.stderr.write(`  line ${r.line}${r.id ? ` (${r.id})` : ''}: ${r.reason}\n`);
    if (summary.rejections.length > SHOWN_REJECTIONS) process.stderr.write(`  … and ${summary.rejections.length - SHOWN_REJECTIONS} more\n`);
    process.stdout.write(`${describeImport(summary)}\n`);
    if (!summary.usable) {
      process.stderr.write(`import-places: nothing in ${file} can be imported; the store is unchanged\n`);
      return 1;
    }
    return 0;
  } finally {
    bar?.stop();
    await stores.close();
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
