/**
 * Finds a commune named inside a sentence ("je cherche un lieu à Mende",
 * "pres de 26400"): a postal code, else the longest run of words that is
 * a commune name. Restricted to the served départements, so that common
 * words that happen to be commune names elsewhere in France do not match.
 */
import { type Commune, type CommuneIndex, normalizeName } from '../domain/communes';

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
