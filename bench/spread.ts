/**
 * Several runs of the benchmark summed up: every figure becomes the median
 * of the runs, keeping the lowest and highest beside it, and prints as
 * « median (min–max) ». A Spread is a Number, so the tables compute ratios
 * and sums on medians without knowing that they are.
 */
export class Spread extends Number {
  constructor(
    median: number,
    readonly min: number,
    readonly max: number,
  ) {
    super(median);
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The runs' results merged, leaf by leaf: numbers to their median (a
 * Spread), anything else from the first run. Arrays are matched by
 * position (every run measures the same sizes in the same order).
 */
export function mergeRuns<T>(runs: readonly T[]): T {
  if (runs.length === 1) return runs[0];
  const first = runs[0] as unknown;
  if (typeof first === 'number' || first instanceof Number) {
    const values = (runs as unknown[]).map(Number).filter((v) => !Number.isNaN(v));
    if (values.length === 0) return Number.NaN as T;
    return new Spread(median(values), Math.min(...values), Math.max(...values)) as T;
  }
  if (Array.isArray(first)) {
    return first.map((_, i) => mergeRuns(runs.map((run) => (run as unknown[])[i]))) as T;
  }
  if (first && typeof first === 'object') {
    const merged: Record<string, unknown> = {};
    for (const key of Object.keys(first)) merged[key] = mergeRuns(runs.map((run) => (run as Record<string, unknown>)[key]));
    return merged as T;
  }
  return runs[0];
}

/** A figure with `digits` decimals; a merged one with its range; « — » when not measured. */
export function fmt(n: number | Spread | undefined, digits = 0): string {
  const value = Number(n);
  if (n === undefined || !Number.isFinite(value)) return '—';
  const text = value.toFixed(digits);
  return n instanceof Spread && n.min !== n.max ? `${text} (${n.min.toFixed(digits)}–${n.max.toFixed(digits)})` : text;
}
