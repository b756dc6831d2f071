/**
 * Answers of pure functions remembered, for the hot ones called again and
 * again on the same few inputs (a sentence normalised by each entity
 * reader, a session's date put in words turn after turn). Bounded: when
 * full it starts over, which costs one recomputation per input; and a long
 * input (a pasted page) is computed, not kept, so the memory held stays
 * small whatever people type.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string, compute: (key: string) => V): V {
    let value = this.entries.get(key);
    if (value === undefined && !this.entries.has(key)) {
      value = compute(key);
      if (this.entries.size >= this.max) this.entries.clear();
      this.entries.set(key, value);
    }
    return value as V;
  }
}

/** Inputs longer than this are not remembered. */
export const MAX_REMEMBERED_LENGTH = 200;

/** `compute` with its answers remembered (at most `max`, inputs of at most MAX_REMEMBERED_LENGTH characters). */
export function memoized<V>(compute: (input: string) => V, max = 10_000): (input: string) => V {
  const cache = new BoundedCache<V>(max);
  return (input) => (input.length > MAX_REMEMBERED_LENGTH ? compute(input) : cache.get(input, compute));
}
