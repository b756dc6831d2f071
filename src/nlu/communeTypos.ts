/**
 * A served commune typed with one slip, wherever the sentence says it:
 * « un rdv mnde jeudi » (Mende), « florak svp » (Florac), « c'est pour
 * valance » (Valence), « crets » (Crest, two letters swapped), « langone »
 * (Langogne). Over a whole sentence every word is a candidate, so a word is
 * read as a commune only on enough evidence:
 * - one edit from the commune's whole one-word name (a letter missing,
 *   extra, wrong, or two swapped), its first letter right, the name five
 *   letters or more and the word four or more: « dit » is never Die; or
 *   one edit from the first word of a longer name, six letters or more,
 *   that begins no other served name (« florak » → Florac Trois Rivières,
 *   « romams » → Romans-sur-Isère; never « saint », « chateauneuf »);
 * - the word is not an ordinary word (intentLexicon's `ordinaryWords`:
 *   « monde » is not Mende, « cest » not Crest), nor the name of a commune
 *   elsewhere in France (« Bordeaux » is not Bourdeaux, 26);
 * - few communes fit (more is no guess);
 * - it is no part of a carnet number (« LOZ-MEND-E4L » is not Mende).
 * Several words fitting: the first one said wins.
 */
import { type Commune, type CommuneIndex, normalizeName } from '../domain/communes';
import { nameEntries } from '../domain/communeSearch';
import { ordinaryWords } from './intentLexicon';
import { withoutVoucherBookNumber } from './voucherBookNumberEntity';

const MIN_WORD_LENGTH = 4;
const MIN_NAME_LENGTH = 5;
const MIN_FIRST_WORD_LENGTH = 6;
/** Communes one slip from the word beyond this many: no guess. */
const MAX_MATCHES = 3;

/** The names a word may be a slip of (typoTargets), by first letter. */
type NamesByInitial = Map<string, { key: string; commune: Commune }[]>;

/** The one-word names, and the first word of the longer names when no other name begins with it. */
function typoTargets(index: CommuneIndex, departements: readonly string[]): { key: string; commune: Commune }[] {
  const targets: { key: string; commune: Commune }[] = [];
  const firstWords = new Map<string, Set<Commune>>();
  for (const entry of nameEntries(index, departements)) {
    const [first, ...rest] = entry.key.split(' ');
    if (rest.length === 0) {
      if (first.length >= MIN_NAME_LENGTH) targets.push(entry);
      continue;
    }
    const communes = firstWords.get(first) ?? new Set<Commune>();
    firstWords.set(first, communes.add(entry.commune));
  }
  for (const [first, communes] of firstWords) {
    const [commune] = communes;
    if (communes.size === 1 && first.length >= MIN_FIRST_WORD_LENGTH) targets.push({ key: first, commune });
  }
  return targets;
}

const cache = new WeakMap<CommuneIndex, Map<string, NamesByInitial>>();

function targetsByInitial(index: CommuneIndex, departements: readonly string[]): NamesByInitial {
  let byDepartements = cache.get(index);
  if (!byDepartements) cache.set(index, (byDepartements = new Map<string, NamesByInitial>()));
  const cacheKey = [...departements].sort().join(',');
  let names = byDepartements.get(cacheKey);
  if (!names) {
    names = new Map<string, { key: string; commune: Commune }[]>();
    for (const entry of typoTargets(index, departements)) {
      const list = names.get(entry.key[0]) ?? [];
      list.push(entry);
      names.set(entry.key[0], list);
    }
    byDepartements.set(cacheKey, names);
  }
  return names;
}

/** Exactly one edit apart: one letter inserted, deleted, replaced, or two neighbours swapped. */
export function oneSlipApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const restA = a.slice(start, endA);
  const restB = b.slice(start, endB);
  if (restA.length + restB.length <= 1) return true; // inserted or deleted
  if (restA.length === 1 && restB.length === 1) return true; // replaced
  return restA.length === 2 && restB.length === 2 && restA[0] === restB[1] && restA[1] === restB[0]; // swapped
}

/** The served communes one slip from this word, most populated first; none when the evidence is short. */
function communesOneSlipFrom(index: CommuneIndex, word: string, departements: readonly string[]): Commune[] {
  if (word.length < MIN_WORD_LENGTH || /\d/.test(word) || ordinaryWords().has(word)) return [];
  const found = new Set<Commune>();
  for (const { key, commune } of targetsByInitial(index, departements).get(word[0]) ?? []) {
    if (oneSlipApart(word, key)) found.add(commune);
  }
  if (found.size === 0 || found.size > MAX_MATCHES || index.findByName(word).length > 0) return [];
  return [...found].sort((a, b) => b.population - a.population);
}

/** The communes meant by the first word of the text that is a served commune's name with one slip. */
export function servedCommunesTypedWithSlip(index: CommuneIndex, text: string, departements: readonly string[]): Commune[] {
  for (const word of normalizeName(withoutVoucherBookNumber(text)).split(' ')) {
    const found = communesOneSlipFrom(index, word, departements);
    if (found.length > 0) return found;
  }
  return [];
}
