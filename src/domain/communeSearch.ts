/**
 * Typo-tolerant commune search over every French commune: "valance" →
 * Valence, "marvejol" → Marvejols, "st chely d apcher" → Saint-Chély-d'Apcher.
 * Exact matches (CommuneIndex.findByName: case, accents, hyphens, St/Ste
 * ignored) come first; otherwise fuse.js (Bitap approximate matching) runs
 * over the same normalised keys, and among equally close names the most
 * populated commune wins (someone typing "valance" in the Drôme means
 * Valence, not the hamlet-sized namesakes). CommuneIndex's exact lookups
 * are untouched. Pure: built from an index already loaded.
 *
 * Over all of France (40,000 names) fuse.js itself took up to 130 ms a
 * search: fuzzyNames.ts gives its results (same hits, scores, order) in
 * about a millisecond; test/unit/communeSearch.test.ts compares the two.
 */
import type { IFuseOptions } from 'fuse.js';
import { type Commune, type CommuneIndex, type LookupOptions, normalizeName, normalizeNameUncached } from './communes';
import { FuzzyNames } from './fuzzyNames';

export interface CommuneMatch {
  commune: Commune;
  /** 0 = exact (after normalisation) … 1 = unrelated. */
  score: number;
}

export interface CommuneSearchOptions extends LookupOptions {
  limit?: number;
}

export interface Entry {
  key: string;
  commune: Commune;
}

/** Names closer than this are offered; farther ones are not a typo of each other. */
const THRESHOLD = 0.34;
/** Scores this close are a tie, settled by population. */
const TIE = 0.05;
/** The fuse.js search the names are matched as (fuzzyNames.ts): the reference its results are compared with. */
export const FUSE_OPTIONS: IFuseOptions<Entry> = {
  keys: ['key'],
  includeScore: true,
  threshold: THRESHOLD,
  ignoreLocation: true,
  minMatchCharLength: 2,
};

/** Every name (current and former) of the communes of these départements (or all), normalised. */
export function nameEntries(index: CommuneIndex, departements?: readonly string[]): Entry[] {
  const keep = departements ? new Set(departements) : undefined;
  const entries: Entry[] = [];
  for (const commune of index.all()) {
    if (keep && !keep.has(commune.departement)) continue;
    for (const name of new Set([commune.name, ...commune.formerNames])) entries.push({ key: normalizeNameUncached(name), commune });
  }
  return entries;
}

/** The names of some départements (or all), searched as fuse.js would with FUSE_OPTIONS. */
export class CommuneNames {
  private readonly fuzzy: FuzzyNames;

  constructor(readonly entries: Entry[]) {
    this.fuzzy = new FuzzyNames(
      entries.map((e) => e.key),
      THRESHOLD,
    );
  }

  search(key: string, limit: number): { item: Entry; score: number }[] {
    return this.fuzzy.search(key, limit).map((hit) => ({ item: this.entries[hit.id], score: hit.score }));
  }
}

export class CommuneSearch {
  private readonly names = new Map<string, CommuneNames>();

  constructor(private readonly index: CommuneIndex) {}

  private namesFor(departements: readonly string[] | undefined): CommuneNames {
    const cacheKey = departements ? [...departements].sort().join(',') : '*';
    let names = this.names.get(cacheKey);
    if (!names) {
      names = new CommuneNames(nameEntries(this.index, departements));
      this.names.set(cacheKey, names);
    }
    return names;
  }

  /** The communes a person probably meant, best first. */
  search(text: string, options: CommuneSearchOptions = {}): CommuneMatch[] {
    const limit = options.limit ?? 5;
    const key = normalizeName(text.replace(/\b\d{5}\b/, ' '));
    if (key.length < 2) return [];
    const exact = this.index.findByName(key, options);
    if (exact.length > 0) return exact.slice(0, limit).map((commune) => ({ commune, score: 0 }));

    const seen = new Set<string>();
    const matches: CommuneMatch[] = [];
    for (const hit of this.namesFor(options.departements).search(key, limit * 10)) {
      if (seen.has(hit.item.commune.insee)) continue;
      seen.add(hit.item.commune.insee);
      // Fuse scores a prefix ("marvejol") as well as a whole word: prefer names about as long as the text.
      const lengthGap = Math.abs(hit.item.key.length - key.length) / Math.max(hit.item.key.length, key.length);
      matches.push({ commune: hit.item.commune, score: (hit.score ?? 1) + lengthGap * 0.1 });
    }
    matches.sort((a, b) => {
      if (Math.abs(a.score - b.score) > TIE) return a.score - b.score;
      return b.commune.population - a.commune.population;
    });
    return matches.slice(0, limit);
  }
}
