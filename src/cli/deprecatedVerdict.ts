/**
 * Production packages known to be deprecated or unmaintained, found in
 * package-lock.json without asking any registry (the registry here gives no
 * deprecation notices, and CI must give the same answer offline).
 *
 * The list of what is known (docs/deprecated-packages.json) is written by
 * hand from the packages' own deprecation notices; each entry names the
 * first version that is fine again (`below`), or none when the whole
 * package is abandoned. A match fails unless docs/deprecated-exceptions.json
 * accepts it with a reason someone can check and a review date not past.
 */
import { z } from 'zod';

const version = z.string().regex(/^\d+\.\d+\.\d+$/, 'a version like 3.0.0');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const knownDeprecatedSchema = z.array(
  z
    .object({
      package: z.string().min(1),
      /** Versions below this one are deprecated; absent: every version. */
      below: version.optional(),
      /** The notice, in short. */
      why: z.string().min(10),
    })
    .strict(),
);

export const deprecatedExceptionsSchema = z.array(
  z
    .object({
      package: z.string().min(1),
      version,
      /** Which production dependency brings it. */
      via: z.string().min(1),
      reason: z.string().min(20, 'a written reason (20 characters at least)'),
      reviewBy: day,
    })
    .strict(),
);

export type KnownDeprecated = z.infer<typeof knownDeprecatedSchema>[number];
export type DeprecatedException = z.infer<typeof deprecatedExceptionsSchema>[number];

export interface Found {
  package: string;
  version: string;
  why: string;
}

interface Lockfile {
  packages?: Record<string, { version?: string; dev?: boolean; devOptional?: boolean }>;
}

const parts = (v: string) => v.split(/[.+-]/).slice(0, 3).map(Number);

/** a < b, for plain x.y.z versions (a pre-release counts as its release). */
export function versionBelow(a: string, b: string): boolean {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i += 1) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0);
  return false;
}

/** Every installed production package (not dev-only) matching the known list, once per name and version. */
export function deprecatedInProduction(lock: Lockfile, known: readonly KnownDeprecated[]): Found[] {
  const found = new Map<string, Found>();
  for (const [location, entry] of Object.entries(lock.packages ?? {})) {
    if (!location || entry.dev || entry.devOptional || !entry.version) continue;
    const name = location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
    for (const k of known) {
      if (k.package !== name || (k.below && !versionBelow(entry.version, k.below))) continue;
      found.set(`${name}@${entry.version}`, { package: name, version: entry.version, why: k.why });
    }
  }
  return [...found.values()].sort((a, b) => `${a.package}@${a.version}`.localeCompare(`${b.package}@${b.version}`));
}

/** What fails: found and not accepted (or accepted past its review date); and exceptions that match nothing any more. */
export function deprecatedVerdict(found: readonly Found[], accepted: readonly DeprecatedException[], today: string) {
  const covers = (e: DeprecatedException, f: Found) => e.package === f.package && e.version === f.version;
  const blocking = found.filter((f) => !accepted.some((e) => covers(e, f) && e.reviewBy >= today));
  const stale = accepted.filter((e) => !found.some((f) => covers(e, f)));
  return { blocking, excepted: found.filter((f) => !blocking.includes(f)), stale };
}
