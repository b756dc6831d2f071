/**
 * Imports a places file of the national schema into the store, in two
 * passes so that nothing is half-written: first every record is read
 * (streamed), checked and cleaned, and only when the whole file is usable
 * are the places upserted by id. A file-level problem (empty, binary, wrong
 * encoding, missing column, malformed) stops before the store is touched;
 * a row-level problem rejects that row with its line and reason. Running
 * the same file twice reports every place `unchanged`.
 */
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { CommuneIndex } from '../domain/communes';
import { csvLine } from '../domain/csvCell';
import { checkImportRow } from '../domain/placeImportRules';
import { placeRowFromRecord } from '../domain/placeRecord';
import { cleanPlaceRow } from '../domain/places';
import type { Programme } from '../domain/programme';
import type { Place } from '../domain/types';
import { plainTextFields } from '../domain/untrustedText';
import { PlaceFileError, readPlaceFile } from '../data/placeFile';
import type { PlaceRepository } from '../store/repositories';

export interface PlaceRejection {
  line: number;
  id: string;
  reason: string;
}

export interface PlaceImportOptions {
  file: string;
  /** Every configured programme: each place gets its roles for all of them. */
  programmes: readonly Programme[];
  /** Only the places of this programme's département are imported (the others are skipped). */
  programmeId?: string;
  communes: CommuneIndex;
  dryRun?: boolean;
  /** Progress: 'read' while the file streams (bytes), 'write' while places are written (count). */
  onProgress?: (phase: 'read' | 'write', done: number, total: number) => void;
  /** Upserts running at once (the store queues them; a few hide the round trips). */
  concurrency?: number;
}

export interface PlaceImportSummary {
  file: string;
  /** Records read from the file (header excluded). */
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Valid places outside the chosen programme's département. */
  skipped: number;
  rejections: PlaceRejection[];
  /** Where the rejections were written, when there were some (not on a dry run). */
  rejectionsFile?: string;
  /** False when nothing in the file could be imported: the exit code is then 1. */
  usable: boolean;
  dryRun: boolean;
}

/** The file's places, checked and cleaned; nothing written. */
export interface ValidatedPlaces {
  read: number;
  skipped: number;
  places: Place[];
  rejections: PlaceRejection[];
}

/** Pass 1: reads and checks everything. Throws PlaceFileError when the file is unusable. */
export async function validatePlaceFile(options: PlaceImportOptions): Promise<ValidatedPlaces> {
  const programme = options.programmeId ? options.programmes.find((p) => p.id === options.programmeId) : undefined;
  if (options.programmeId && !programme) {
    throw new PlaceFileError(`unknown programme "${options.programmeId}" (configured: ${options.programmes.map((p) => p.id).join(', ')})`);
  }
  const context = { communes: options.communes, programmes: options.programmes };
  const accepted = new Map<string, { line: number; place: Place }>();
  const duplicates = new Map<string, number[]>();
  const rejections: PlaceRejection[] = [];
  let read = 0;
  let skipped = 0;
  let size = 0;
  try {
    size = statSync(options.file).size;
  } catch {
    // readPlaceFile says why the file cannot be read
  }

  for await (const { line, record } of readPlaceFile(options.file, { onBytes: (b) => options.onProgress?.('read', b, size) })) {
    read += 1;
    const row = plainTextFields(placeRowFromRecord(record));
    const reject = (reason: string) => rejections.push({ line, id: row.id, reason });
    const check = checkImportRow(row, options.communes);
    if (!check.ok) {
      reject(check.reason);
      continue;
    }
    if (programme && check.commune.departement !== programme.departement.code) {
      skipped += 1;
      continue;
    }
    if (duplicates.has(row.id)) {
      duplicates.get(row.id)!.push(line);
      continue;
    }
    const first = accepted.get(row.id);
    if (first) {
      duplicates.set(row.id, [first.line, line]);
      accepted.delete(row.id);
      continue;
    }
    // Coordinates as checked ("44,52" → 44.52), so the cleaner keeps them.
    const clean = { ...row, code_insee: row.code_insee || check.commune.insee };
    if (row.latitude !== '') {
      clean.latitude = String(Number(row.latitude.replace(',', '.')));
      clean.longitude = String(Number(row.longitude.replace(',', '.')));
    }
    const place = cleanPlaceRow(clean, context);
    if ('reason' in place) reject(place.reason);
    else accepted.set(place.id, { line, place });
  }
  // Two rows with one id: we cannot tell which is right, so neither is written.
  for (const [id, lines] of duplicates) {
    for (const line of lines) rejections.push({ line, id, reason: `duplicate id ${id} (lines ${lines.join(', ')})` });
  }
  rejections.sort((a, b) => a.line - b.line);
  return { read, skipped, places: [...accepted.values()].map((a) => a.place), rejections };
}

/** `places.csv` → `places.rejected.csv`, next to the input. */
export function rejectionsPath(file: string): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.rejected.csv`);
}

function writeRejections(file: string, rejections: readonly PlaceRejection[]): void {
  const lines = ['line,id,reason', ...rejections.map((r) => csvLine([r.line, r.id, r.reason]))];
  writeFileSync(file, `${lines.join('\n')}\n`, 'utf8');
}

async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/** Both passes: validate, then (unless dry) upsert; writes the rejections CSV next to the file. */
export async function importPlaces(places: PlaceRepository, options: PlaceImportOptions): Promise<PlaceImportSummary> {
  const validated = await validatePlaceFile(options);
  const dryRun = options.dryRun === true;
  const summary: PlaceImportSummary = {
    file: options.file,
    read: validated.read,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: validated.rejections.length,
    skipped: validated.skipped,
    rejections: validated.rejections,
    usable: validated.places.length > 0 || (validated.read > 0 && validated.rejections.length === 0),
    dryRun,
  };
  if (!dryRun) {
    const target = rejectionsPath(options.file);
    if (validated.rejections.length > 0) {
      writeRejections(target, validated.rejections);
      summary.rejectionsFile = target;
    } else if (existsSync(target)) {
      rmSync(target); // a list from an earlier run would now be wrong
    }
  }
  if (!summary.usable) return summary;

  let done = 0;
  const total = validated.places.length;
  await runPool(validated.places, options.concurrency ?? 8, async (place) => {
    let outcome: 'created' | 'updated' | 'unchanged';
    if (dryRun) {
      const existing = await places.get(place.id);
      outcome = !existing ? 'created' : isDeepStrictEqual(existing, place) ? 'unchanged' : 'updated';
    } else {
      outcome = await places.upsert(place);
    }
    summary[outcome] += 1;
    done += 1;
    options.onProgress?.('write', done, total);
  });
  return summary;
}

/** The one-line summary the CLI prints. */
export function describeImport(summary: PlaceImportSummary): string {
  const counts = [
    `${summary.read} read`,
    `${summary.created} created`,
    `${summary.updated} updated`,
    `${summary.unchanged} unchanged`,
    `${summary.rejected} rejected`,
  ];
  if (summary.skipped > 0) counts.push(`${summary.skipped} skipped (other département)`);
  const where = summary.rejectionsFile ? ` — rejected rows in ${summary.rejectionsFile}` : '';
  const dry = summary.dryRun ? ' (dry run: nothing written)' : '';
  return `${path.basename(summary.file)}: ${counts.join(', ')}${dry}${where}`;
}
