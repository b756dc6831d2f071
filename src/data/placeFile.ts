/**
 * Streams the records of a places file (national schema or the France
 * services list; CSV, comma or semicolon, or JSON) one
 * at a time, so a national file (tens of MB) never sits in memory as text
 * or as a parsed tree. Refuses, with one clear sentence, a file that cannot
 * be a places file at all: empty, binary, not UTF-8 (a Latin-1 export from a
 * spreadsheet), malformed, or a CSV without a mandatory column.
 */
import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import { missingColumns } from '../domain/placeRecord';

// stream-json 3 is an ES module: Node ≥ 20.19 loads it with require(); its
// types are reached through their file path (this project resolves like node10).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { streamArray } = require('stream-json/streamers/stream-array.js') as {
  streamArray: typeof import('stream-json/src/streamers/stream-array').default;
};

/** The file as a whole cannot be used: nothing from it may be written. */
export class PlaceFileError extends Error {
  override name = 'PlaceFileError';
}

export type PlaceFileFormat = 'csv' | 'json';

export interface PlaceRecord {
  /** CSV: the file line the row starts on (header = 1). JSON: the item's rank in the array (first = 1). */
  line: number;
  record: Record<string, unknown>;
}

export interface PlaceFileOptions {
  /** Called as bytes are read, for a progress bar. */
  onBytes?: (bytesRead: number) => void;
}

/** The format from the extension, else from the first character. */
export function detectFormat(file: string, firstText: string): PlaceFileFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  return /^\s*[[{]/.test(firstText) ? 'json' : 'csv';
}

/**
 * Passes text through only while it is valid UTF-8 without NUL bytes: a
 * NUL means a binary file, an invalid sequence another encoding. Decoding
 * as it streams keeps multi-byte characters split across chunks intact.
 */
class Utf8Guard extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private offset = 0;

  constructor() {
    super({ decodeStrings: true, readableObjectMode: false });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const nul = chunk.indexOf(0);
    if (nul >= 0) return done(new PlaceFileError(`binary content at byte ${this.offset + nul}: this is not a CSV or JSON text file`));
    try {
      const text = this.decoder.decode(chunk, { stream: true });
      this.offset += chunk.length;
      done(null, text);
    } catch {
      done(new PlaceFileError(encodingMessage(chunk, this.offset)));
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      done(null, this.decoder.decode());
    } catch {
      done(new PlaceFileError('the file ends in the middle of a character: it is not UTF-8 text'));
    }
  }
}

/** Where the first byte that is not UTF-8 is, and the likely cause. */
function encodingMessage(chunk: Buffer, offset: number): string {
  let at = 0;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(chunk);
  } catch {
    // find the first bad byte by decoding growing prefixes (only on the error path)
    for (let i = 1; i <= chunk.length; i += 1) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, i), { stream: true });
      } catch {
        at = i - 1;
        break;
      }
    }
  }
  return `the file is not UTF-8 text (byte ${offset + at}); it looks like Latin-1 / Windows-1252: save it again as "CSV UTF-8" and retry`;
}

/** Reads the first bytes, to refuse an empty file and pick the format before streaming. */
async function firstText(file: string): Promise<string> {
  const stream = createReadStream(file, { start: 0, end: 255 });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('latin1');
}

/**
 * The records of a places file, in order. Throws PlaceFileError (through
 * the iteration) as soon as the file shows it is unusable.
 */
export async function* readPlaceFile(file: string, options: PlaceFileOptions = {}): AsyncGenerator<PlaceRecord> {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new PlaceFileError(`${file} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof PlaceFileError) throw error;
    throw new PlaceFileError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const head = size === 0 ? '' : await firstText(file);
  if (head.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trim() === '') throw new PlaceFileError('the file is empty');
  const format = detectFormat(file, head.replace(/^\xEF\xBB\xBF/, ''));

  const source = createReadStream(file);
  let bytes = 0;
  source.on('data', (chunk) => {
    bytes += chunk.length;
    options.onBytes?.(bytes);
  });
  const text = source.pipe(new Utf8Guard());
  source.on('error', (error) => text.destroy(error));

  if (format === 'csv') yield* csvRecords(text, delimiterOf(head));
  else yield* jsonRecords(text);
}

/** Spreadsheets save French CSV with semicolons: the header line says which separator the file uses. */
function delimiterOf(head: string): ',' | ';' {
  const header = head.split(/\r?\n/)[0] ?? '';
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

async function* csvRecords(text: Transform, delimiter: ',' | ';'): AsyncGenerator<PlaceRecord> {
  let headerChecked = false;
  const parser = parse({
    bom: true,
    delimiter,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    columns: (header: string[]) => {
      const missing = missingColumns(header);
      if (missing.length > 0) {
        throw new PlaceFileError(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in the CSV header (is the separator a comma?)`);
      }
      headerChecked = true;
      return header.map((h) => h.trim().toLowerCase());
    },
  });
  text.on('error', (error) => parser.destroy(error));
  text.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { line: info.lines, record };
    }
  } catch (error) {
    throw asFileError(error);
  }
  if (!headerChecked) throw new PlaceFileError('the file has no header row');
}

async function* jsonRecords(text: Transform): AsyncGenerator<PlaceRecord> {
  const items = streamArray.withParserAsStream();
  text.on('error', (error) => items.destroy(error));
  text.pipe(items);
  try {
    for await (const { key, value } of items as AsyncIterable<{ key: number; value: unknown }>) {
      const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
      yield { line: key + 1, record: isObject ? (value as Record<string, unknown>) : {} };
    }
  } catch (error) {
    throw asFileError(error, 'JSON');
  }
}

/** Parser errors become file errors with the parser's own words (they name the line). */
function asFileError(error: unknown, kind = 'CSV'): PlaceFileError {
  if (error instanceof PlaceFileError) return error;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  if (cause instanceof PlaceFileError) return cause;
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('Top-level object should be an array')) return new PlaceFileError('the JSON file must be an array of places ([{…}, {…}])');
  return new PlaceFileError(`malformed ${kind}: ${message.split('\n')[0]}`);
}
