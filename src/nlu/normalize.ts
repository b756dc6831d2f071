/**
 * The one text normalisation every matcher uses: lower case, no accents,
 * apostrophes and hyphens as spaces, single spaces. "Saint-Chély-d'Apcher"
 * and "saint chely d apcher" become the same string.
 */
import { foldAccents } from '../domain/text';
export function normalize(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[’'`´\-_]/g, ' ')
    .replace(/[^\p{L}\p{N}\s?]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
