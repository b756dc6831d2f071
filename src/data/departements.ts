/**
 * Loads data/departements.csv (every French département, code and name),
 * once, on first use.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { dataPath } from './paths';

export interface Departement {
  code: string;
  name: string;
}

let shared: readonly Departement[] | undefined;

/** Every French département, as data/departements.csv lists them. */
export function departements(): readonly Departement[] {
  if (shared) return shared;
  const rows: string[][] = parse(readFileSync(dataPath('departements.csv'), 'utf8'), { bom: true, skip_empty_lines: true });
  const [header, ...records] = rows;
  if (header?.[0] !== 'code' || header[1] !== 'nom') throw new Error('data/departements.csv: unexpected header, expected code,nom');
  shared = records.map(([code, name]) => ({ code: code ?? '', name: name ?? '' }));
  return shared;
}
