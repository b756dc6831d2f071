/**
 * Typo-tolerant commune search over every French commune: "valance" →
 * Valence, "marvejol" → Marvejols, "st chely d apcher" → Saint-Chély-d'Apcher.
 * Exact matches (CommuneIndex.findByName: case, accents, hyphens, St/Ste
 * ignored) come first; otherwise fuse.js (Bitap approximate matching) runs
 * over the same normalised keys, and among equally close names the most
 * populated commune wins (someone typing "valance" in the Drôme means
 * Valence, not the hamlet-sized namesakes). CommuneIndex's exact lookups
 * are untouched. Pure: built from an index already loaded.
 */
import Fuse from 'fuse.js';
import { type Commune, type CommuneIndex, type LookupOptions, normalizeName } from './communes';

export interface CommuneMatch {
  commune: Commune;
  /** 0 = exact (after normalisation) … 1 = unrelated. */
  score: number;
}

export interface CommuneSearchOptions extends LookupOptions {
  limit?: number;
}

interface Entry {
  key: string;
  commune: Commune;
}

/** Names closer than this are offered; farther ones are not a typo of each other. */
const THRESHOLD = 0.34;
/** Scores this close are a tie, settled by population. */
const TIE = 0.05;

export class CommuneSearch {
  private readonly fuses = new Map<string, Fuse<Entry>>();

  constructor(private readonly index: CommuneIndex) {}

  private fuseFor(departements: readonly string[] | undefined): Fuse<Entry> {
    const cacheKey = departements ? [...departements].sort().join(',') : '*';
    let fuse = this.fuses.get(cacheKey);
    if (!fuse) {
      const keep = departements ? new Set(departements) : undefined;
      const entries: Entry[] = [];
      for (const commune of this.index.all()) {
        if (keep && !keep.has(commune.departement)) continue;
        for (const name of new Set([commune.name, ...commune.formerNames])) entries.push({ key: normalizeName(name), commune });
      }
      fuse = new Fuse(entries, { keys: ['key'], includeScore: true, threshold: THRESHOLD, ignoreLocation: true, minMatchCharLength: 2 });
      this.fuses.set(cacheKey, fuse);
    }
    return fuse;
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
    for (const hit of this.fuseFor(options.departements).search(key, { limit: limit * 10 })) {
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
