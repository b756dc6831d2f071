/**
 * Copy helpers shared by both stores. Repositories promise copies (mutating a
 * returned object never changes the store), and NeDB's own deep copy shares
 * Date instances, so every value crossing the store boundary goes through
 * `cloneData`.
 */

/** Deep copy of plain data (objects, arrays, Dates); drops undefined fields. */
export function cloneData<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map(copy);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      // Absent and undefined mean the same to us; stores differ on keeping
      // undefined, so it never reaches them.
      if (inner !== undefined) out[key] = copy(inner);
    }
    return out;
  }
  return value;
}

/**
 * Stable text form of plain data (keys sorted, Dates as ISO strings), to tell
 * an `unchanged` upsert from an `updated` one whatever the key order.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const inner = (value as Record<string, unknown>)[key];
      if (inner !== undefined) out[key] = sortKeys(inner);
    }
    return out;
  }
  return value;
}

export function sameData(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
