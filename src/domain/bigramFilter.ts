/**
 * A lossless prefilter for approximate substring search: which keys could
 * hold a substring within k edits (insertions, deletions, substitutions)
 * of a pattern. By the q-gram lemma, such a substring keeps at least
 * (m − 1) − 2k of the pattern's m − 1 bigrams (each edit breaks at most
 * two), so a key holding fewer of them cannot match and is skipped. Keys
 * that pass still go through the real matcher (fuse.js): the filter only
 * saves it from trying the 40,000 names of France one by one.
 */
export class BigramFilter {
  /** Bigram → ids of the keys holding it, ascending, each once. */
  private readonly postings = new Map<string, number[]>();
  private readonly counts: Uint16Array;

  constructor(keys: readonly string[]) {
    this.counts = new Uint16Array(keys.length);
    keys.forEach((key, id) => {
      for (const gram of new Set(bigrams(key))) {
        let list = this.postings.get(gram);
        if (!list) this.postings.set(gram, (list = []));
        list.push(id);
      }
    });
  }

  /**
   * Ids (ascending) of the keys that may match `pattern` within `maxErrors`
   * edits; undefined when the pattern is too short for the bound to exclude
   * anything (every key must then be tried).
   */
  candidates(pattern: string, maxErrors: number): number[] | undefined {
    const grams = bigrams(pattern);
    const needed = grams.length - 2 * maxErrors;
    if (needed <= 0) return undefined;
    const { counts } = this;
    for (const gram of grams) {
      for (const id of this.postings.get(gram) ?? []) counts[id] += 1;
    }
    // One pass over every key keeps the ids in order (cheaper than sorting the few thousand found).
    const found: number[] = [];
    for (let id = 0; id < counts.length; id += 1) if (counts[id] >= needed) found.push(id);
    counts.fill(0);
    return found;
  }
}

/** Every pair of adjacent characters, with repeats. */
function bigrams(text: string): string[] {
  const grams: string[] = [];
  for (let i = 0; i + 1 < text.length; i += 1) grams.push(text.slice(i, i + 2));
  return grams;
}
