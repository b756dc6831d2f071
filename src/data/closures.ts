/** Reads data/closures.json (exceptional closures per place id), validated at load. */
import { existsSync, readFileSync } from 'node:fs';
import { type ClosureCalendar, closuresFileSchema } from '../domain/closures';
import { dataPath } from './paths';

export const CLOSURES_FILE = dataPath('closures.json');

/** The closures of the file; none when it does not exist. Throws one line per bad entry. */
export function loadClosures(file: string = CLOSURES_FILE): ClosureCalendar {
  if (!existsSync(file)) return {};
  const parsed = closuresFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${file}: ${i.path.join('.')}: ${i.message}`);
    throw new Error(lines.join('\n'));
  }
  return parsed.data;
}
