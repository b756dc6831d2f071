/** CSV reading shared by the loaders: header row, UTF-8, every field a string. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/**
 * Rows of a CSV file keyed by header. `line` is the file line the row
 * started on (header = line 1), so rejections can point at it.
 */
export function readCsvRows(file: string): { line: number; row: Record<string, string> }[] {
  const text = readFileSync(file, 'utf8');
  const records = parse<{ record: Record<string, string>; info: { lines: number } }>(text, {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  });
  return records.map(({ record, info }) => ({ line: info.lines, row: record }));
}
