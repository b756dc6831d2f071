/**
 * Reads the programme presets (data/programmes/<id>.json) and validates
 * them with the zod schema. A bad preset stops start-up with one line per
 * problem, each naming the file and the field, never a stack trace.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { programmeSchema, type Programme } from '../domain/programme';
import { dataPath } from './paths';

export const PROGRAMMES_DIR = dataPath('programmes');

/** Invalid or unknown programme configuration; `problems` holds one line each. */
export class ProgrammeConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ProgrammeConfigError';
  }
}

/** "content.themes[2].label" */
function fieldPath(issuePath: readonly PropertyKey[]): string {
  let out = '';
  for (const key of issuePath) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(root)';
}

/** One line per zod issue: "<file>: <field>: <message>". */
export function describeIssues(file: string, issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${file}: ${fieldPath(issue.path)}: ${issue.message}`);
}

/** Validates a parsed preset; `file` names it in the error lines. */
export function parseProgramme(value: unknown, file: string): Programme {
  const result = programmeSchema.safeParse(value);
  if (!result.success) throw new ProgrammeConfigError(describeIssues(file, result.error.issues));
  const expectedId = path.basename(file, '.json');
  if (result.data.id !== expectedId) {
    throw new ProgrammeConfigError([`${file}: id: "${result.data.id}" must match the file name ("${expectedId}")`]);
  }
  return result.data;
}

/** Reads and validates one preset file. */
export function readProgrammeFile(file: string): Programme {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `invalid JSON (${(error as Error).message})`;
    throw new ProgrammeConfigError([`${file}: ${why}`]);
  }
  return parseProgramme(json, file);
}

/** Ids of the presets in a folder (file names without .json), sorted. */
export function availableProgrammeIds(dir: string = PROGRAMMES_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

/**
 * Loads the presets named by `ids` (all of the folder when omitted), in
 * that order. Unknown ids and every invalid file are reported together.
 */
export function loadProgrammes(ids?: readonly string[], dir: string = PROGRAMMES_DIR): Programme[] {
  const available = availableProgrammeIds(dir);
  const wanted = ids ?? available;
  const problems: string[] = [];
  const programmes: Programme[] = [];
  for (const id of new Set(wanted)) {
    if (!available.includes(id)) {
      problems.push(`PROGRAMMES: unknown programme "${id}" (available: ${available.join(', ') || 'none'}, in ${dir})`);
      continue;
    }
    try {
      programmes.push(readProgrammeFile(path.join(dir, `${id}.json`)));
    } catch (error) {
      if (error instanceof ProgrammeConfigError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (wanted.length === 0) problems.push('PROGRAMMES: no programme selected');
  if (problems.length > 0) throw new ProgrammeConfigError(problems);
  return programmes;
}
