/**
 * The one text normalisation every matcher uses: lower case, no accents,
 * apostrophes and hyphens as spaces, single spaces. "Saint-Chély-d'Apcher"
 * and "saint chely d apcher" become the same string.
 */
import { memoized } from '../domain/memo';
import { foldAccents } from '../domain/text';

/** Remembered: every entity reader normalises the same message again (7 % of understand()'s time). */
export const normalize: (text: string) => string = memoized(normalizeOnce);

function normalizeOnce(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[’'`´\-_]/g, ' ')
    .replace(/[^\p{L}\p{N}\s?]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
