/**
 * Finds a commune named inside a sentence ("je cherche un lieu à Mende",
 * "pres de 26400"): a postal code, else the longest run of words that is
 * a commune name. Restricted to the served départements, so that common
 * words that happen to be commune names elsewhere in France do not match.
 */
import { type Commune, type CommuneIndex, normalizeName } from '../domain/communes';
import type { CommuneSearch } from '../domain/communeSearch';

const MAX_NAME_WORDS = 6;

export function communesInSentence(index: CommuneIndex, text: string, departements: readonly string[]): Commune[] {
  const options = { departements };
  const whole = index.lookup(text, options);
  if (whole.length > 0) return whole;
  const code = /\b(\d{5})\b/.exec(text)?.[1];
  if (code) {
    const byCode = index.findByPostalCode(code, options);
    if (byCode.length > 0) return byCode;
  }
  const words = normalizeName(text).split(' ').filter(Boolean);
  for (let size = Math.min(MAX_NAME_WORDS, words.length); size >= 1; size -= 1) {
    for (let start = 0; start + size <= words.length; start += 1) {
      const found = index.findByName(words.slice(start, start + size).join(' '), options);
      if (found.length > 0) return found;
    }
  }
  return [];
}

/**
 * The communes meant by an answer to "dans quelle commune habitez-vous ?":
 * exact in the served départements; else exact anywhere in France ("Brest"
 * is Brest, not a look-alike village of the Drôme: the bot then says the
 * pass is not offered there); else typo-tolerant in the served
 * départements ("valance" → Valence). Fuzzy matching is kept to such
 * answers: over a whole sentence it would find communes in ordinary words.
 */
export function communesForAnswer(
  index: CommuneIndex,
  search: CommuneSearch,
  text: string,
  departements: readonly string[],
): Commune[] {
  const exact = communesInSentence(index, text, departements);
  if (exact.length > 0) return exact;
  const elsewhere = index.lookup(text);
  if (elsewhere.length > 0) return elsewhere;
  return search.search(text, { departements, limit: 5 }).map((m) => m.commune);
}
