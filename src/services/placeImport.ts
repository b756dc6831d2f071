/**
 * Imports a places file of the national schema into the store, in two
 * passes so that nothing is half-written: first every record is read
 * (streamed), checked and cleaned, and only when the whole file is usable
 * are the places upserted by id. A file-level problem (empty, binary, wrong
 * encoding, missing column, malformed) stops before the store is touched;
 * a row without a name or a commune is rejected with its line and reason;
 * a bad field costs the field, not the place (domain/placeImportRules.ts).
 * Two rows with one id keep the freshest (`date_maj`, else the later row).
 * The report lists every repair, field left out, duplicate and merge
 * (records of one place, in this file or with places already stored, that
 * search shows once: domain/placeMerge.ts). Running the same file twice
 * reports every place `unchanged`.
 */
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { CommuneIndex } from '../domain/communes';
import { csvLine } from '../domain/csvCell';
import { checkImportRow, type RowNote } from '../domain/placeImportRules';
import { freshness, mergePlaces, type PlaceMerge } from '../domain/placeMerge';
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

/** One line of the import report: what was done to a place that was kept. */
export interface PlaceNote {
  /** The file line (CSV) or rank (JSON) of the row (for a merge, of its first record in this file). */
  line: number;
  id: string;
  kind: 'repaired' | 'dropped' | 'duplicate' | 'merged';
  detail: string;
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
  /** Rows whose id an other, fresher row of the file has: not imported, the place is. */
  duplicates: number;
  /** Places of the file with at least one repaired field. */
  repaired: number;
  /** Fields left out because they could not be read (the place is imported). */
  dropped: number;
  /** Places that search shows as one with another record (of this file or already stored). */
  merged: number;
  rejections: PlaceRejection[];
  notes: PlaceNote[];
  /** Where the rejections were written, when there were some (not on a dry run). */
  rejectionsFile?: string;
  /** Where the report of repairs, fields left out, duplicates and merges was written. */
  reportFile?: string;
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
  /** Repairs, fields left out and duplicates, by line. */
  notes: PlaceNote[];
  /** The line each kept place comes from. */
  lines: Map<string, number>;
}

function noteOf(line: number, id: string, note: RowNote): PlaceNote {
  return note.kind === 'repaired'
    ? { line, id, kind: 'repaired', detail: `${note.field}: "${note.published}" → "${note.value}"` }
    : { line, id, kind: 'dropped', detail: `${note.field} ${note.why ?? 'unreadable'}, left out: "${note.published}"` };
}

/** Which of two rows with one id is kept: the fresher `date_maj`, else the later row. */
function keepsLater(kept: Place, later: Place): boolean {
  return freshness(later) >= freshness(kept);
}

/** Pass 1: reads and checks everything. Throws PlaceFileError when the file is unusable. */
export async function validatePlaceFile(options: PlaceImportOptions): Promise<ValidatedPlaces> {
  const programme = options.programmeId ? options.programmes.find((p) => p.id === options.programmeId) : undefined;
  if (options.programmeId && !programme) {
    throw new PlaceFileError(`unknown programme "${options.programmeId}" (configured: ${options.programmes.map((p) => p.id).join(', ')})`);
  }
  const context = { communes: options.communes, programmes: options.programmes };
  const accepted = new Map<string, { line: number; place: Place; notes: PlaceNote[] }>();
  const rejections: PlaceRejection[] = [];
  const duplicates: PlaceNote[] = [];
  let read = 0;
  let skipped = 0;
  let size = 0;
  let fileDate: string | undefined;
  try {
    const stat = statSync(options.file);
    size = stat.size;
    fileDate = stat.mtime.toISOString().slice(0, 10);
  } catch {
    // readPlaceFile says why the file cannot be read
  }

  for await (const { line, record } of readPlaceFile(options.file, { onBytes: (b) => options.onProgress?.('read', b, size) })) {
    read += 1;
    const row = plainTextFields(placeRowFromRecord(record, fileDate));
    const check = checkImportRow(row, options.communes);
    if (!check.ok) {
      rejections.push({ line, id: row.id, reason: check.reason });
      continue;
    }
    if (programme && check.commune.departement !== programme.departement.code) {
      skipped += 1;
      continue;
    }
    const place = cleanPlaceRow(check.row, context);
    if ('reason' in place) {
      rejections.push({ line, id: check.row.id, reason: place.reason });
      continue;
    }
    const current = { line, place, notes: check.notes.map((n) => noteOf(line, place.id, n)) };
    const earlier = accepted.get(place.id);
    if (earlier) {
      const [kept, other] = keepsLater(earlier.place, place) ? [current, earlier] : [earlier, current];
      const why = freshness(kept.place) > freshness(other.place) ? `fresher date_maj ${freshness(kept.place)}` : 'the later row';
      duplicates.push({ line: other.line, id: place.id, kind: 'duplicate', detail: `duplicate id: line ${kept.line} kept (${why})` });
      accepted.set(place.id, kept);
      continue;
    }
    accepted.set(place.id, current);
  }
  rejections.sort((a, b) => a.line - b.line);
  const kept = [...accepted.values()];
  const notes = [...kept.flatMap((k) => k.notes), ...duplicates].sort((a, b) => a.line - b.line);
  const lines = new Map(kept.map((k) => [k.place.id, k.line]));
  return { read, skipped, places: kept.map((a) => a.place), rejections, notes, lines };
}

/** The merges that involve a place of the file, among the file's places and those already stored. */
async function mergesWith(places: PlaceRepository, filePlaces: readonly Place[]): Promise<PlaceMerge[]> {
  const fromFile = new Map(filePlaces.map((p) => [p.id, p]));
  const stored = (await places.list()).filter((p) => !fromFile.has(p.id));
  return mergePlaces([...stored, ...filePlaces]).merges.filter((m) => m.ids.some((id) => fromFile.has(id)));
}

function mergeNotes(merges: readonly PlaceMerge[], lines: ReadonlyMap<string, number>): PlaceNote[] {
  const why = { siret: 'same SIRET', address: 'same address and position, similar name' };
  return merges.map((m) => ({
    // The first line of this file among the merged records (at least one is from the file).
    line: Math.min(...m.ids.map((id) => lines.get(id) ?? Infinity)),
    id: m.keptId,
    kind: 'merged',
    detail: `shown as one place: ${m.ids.join(' + ')} (${why[m.reason]})`,
  }));
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

/** `places.csv` → `places.report.csv`, next to the input. */
export function reportPath(file: string): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.report.csv`);
}

function writeReport(file: string, notes: readonly PlaceNote[]): void {
  const lines = ['line,id,kind,detail', ...notes.map((n) => csvLine([n.line, n.id, n.kind, n.detail]))];
  writeFileSync(file, `${lines.join('\n')}\n`, 'utf8');
}

/** Writes `content` when there is some, else removes a list left by an earlier run (it would now be wrong). */
function replaceList<T>(target: string, items: readonly T[], write: (file: string, items: readonly T[]) => void): string | undefined {
  if (items.length > 0) {
    write(target, items);
    return target;
  }
  if (existsSync(target)) rmSync(target);
  return undefined;
}

async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/** Both passes: validate, then (unless dry) upsert; writes the rejections CSV next to the file. */
export async function importPlaces(places: PlaceRepository, options: PlaceImportOptions): Promise<PlaceImportSummary> {
  const validated = await validatePlaceFile(options);
  const dryRun = options.dryRun === true;
  const notes = validated.notes;
  const summary: PlaceImportSummary = {
    file: options.file,
    read: validated.read,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: validated.rejections.length,
    skipped: validated.skipped,
    duplicates: notes.filter((n) => n.kind === 'duplicate').length,
    repaired: new Set(notes.filter((n) => n.kind === 'repaired').map((n) => n.id)).size,
    dropped: notes.filter((n) => n.kind === 'dropped').length,
    merged: 0,
    rejections: validated.rejections,
    notes,
    usable: validated.places.length > 0 || (validated.read > 0 && validated.rejections.length === 0),
    dryRun,
  };
  if (!dryRun) summary.rejectionsFile = replaceList(rejectionsPath(options.file), validated.rejections, writeRejections);
  if (!summary.usable) {
    if (!dryRun) summary.reportFile = replaceList(reportPath(options.file), notes, writeReport);
    return summary;
  }

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

  const merges = await mergesWith(places, validated.places);
  summary.merged = merges.length;
  summary.notes = [...notes, ...mergeNotes(merges, validated.lines)].sort((a, b) => a.line - b.line);
  if (!dryRun) summary.reportFile = replaceList(reportPath(options.file), summary.notes, writeReport);
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
  if (summary.duplicates > 0) counts.push(`${summary.duplicates} duplicate rows (freshest kept)`);
  if (summary.repaired > 0) counts.push(`${summary.repaired} repaired`);
  if (summary.dropped > 0) counts.push(`${summary.dropped} fields left out (unreadable or impossible)`);
  if (summary.merged > 0) counts.push(`${summary.merged} merged (shown once)`);
  const where = [
    summary.rejectionsFile ? ` — rejected rows in ${summary.rejectionsFile}` : '',
    summary.reportFile ? ` — repairs and merges in ${summary.reportFile}` : '',
  ].join('');
  const dry = summary.dryRun ? ' (dry run: nothing written)' : '';
  return `${path.basename(summary.file)}: ${counts.join(', ')}${dry}${where}`;
}
