/**
 * One place, shown once. The national files publish the same place several
 * times (a France services in its own list and in the schema export, under
 * two names, with two sets of hours). Records are taken as one place when:
 * - they share a SIRET (`pivot`) in the same commune, at the same address
 *   or within MAX_SIRET_METRES — a SIRET alone is not enough, because one
 *   structure runs several sites (« France services multisites du Diois »,
 *   a communauté de communes' permanences in five villages);
 * - or they have the same street address, coordinates within
 *   MAX_ADDRESS_METRES and similar names (one name's distinctive words
 *   inside the other's, the commune's name and small words left aside), so
 *   a mairie and the médiathèque in its building stay two places.
 * The merged place takes the freshest record's name, position and hours
 * (`date_maj`, else the month in the source name), fills contacts from the
 * others, unites services, audiences and roles, and keeps the id of a
 * record that trains (the sessions hang on it). Pure and fast: a grid of
 * ~110 m cells, so a national set merges in a few milliseconds.
 */
import { distanceKm, normalizeName } from './communes';
import type { Place, PlaceProgrammeRole } from './types';

export const MAX_ADDRESS_METRES = 50;
export const MAX_SIRET_METRES = 150;

/** A place as search shows it: `mergedIds` lists every record it stands for, when more than one. */
export type MergedPlace = Place & { mergedIds?: string[] };

export interface PlaceMerge {
  /** The id the merged place keeps. */
  keptId: string;
  /** Every record merged into it, the kept one first. */
  ids: string[];
  /** Why these records are one place. */
  reason: 'siret' | 'address';
}

const SMALL_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', 'a', 'au', 'aux', 'en', 'sur', 'sous']);
const STREET_WORDS: Record<string, string> = {
  av: 'avenue',
  ave: 'avenue',
  bd: 'boulevard',
  bld: 'boulevard',
  pl: 'place',
  r: 'rue',
  rte: 'route',
  ch: 'chemin',
  che: 'chemin',
  all: 'allee',
  imp: 'impasse',
  sq: 'square',
  crs: 'cours',
  fg: 'faubourg',
  st: 'saint',
  ste: 'sainte',
};

function addressKey(address: string): string {
  return normalizeName(address)
    .split(' ')
    .map((w) => STREET_WORDS[w] ?? w)
    .filter((w) => !SMALL_WORDS.has(w))
    .join(' ');
}

function nameWords(place: Place): Set<string> {
  const commune = new Set(normalizeName(place.commune).split(' '));
  return new Set(
    normalizeName(place.name)
      .split(' ')
      .filter((w) => w && !SMALL_WORDS.has(w) && !commune.has(w)),
  );
}

/** One name's distinctive words inside the other's, or half of them shared. */
export function similarNames(a: Place, b: Place): boolean {
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (wa.size === 0 || wb.size === 0) return false;
  const shared = [...wa].filter((w) => wb.has(w)).length;
  return shared === Math.min(wa.size, wb.size) || shared / (wa.size + wb.size - shared) >= 0.5;
}

function metres(a: Place, b: Place): number {
  return distanceKm({ lat: a.latitude, lng: a.longitude }, { lat: b.latitude, lng: b.longitude }) * 1000;
}

/** How fresh a record is: its `date_maj`, else the month its source is named after ("data-inclusion-2023-02"). */
export function freshness(place: Place): string {
  return place.updatedOn ?? /(\d{4}-\d{2})(-\d{2})?$/.exec(place.source)?.[0] ?? '';
}

const CELL_DEGREES = 0.001;
const cellOf = (lat: number, lng: number) => [Math.floor(lat / CELL_DEGREES), Math.floor(lng / CELL_DEGREES)] as const;

class UnionFind {
  private readonly parent: number[];
  readonly reason = new Map<number, PlaceMerge['reason']>();
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number, reason: PlaceMerge['reason']): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const root = Math.min(ra, rb);
    const other = Math.max(ra, rb);
    this.parent[other] = root;
    // A SIRET match explains the group best; keep it once seen.
    if (reason === 'siret' || this.reason.get(other) === 'siret') this.reason.set(root, 'siret');
    else if (!this.reason.has(root)) this.reason.set(root, reason);
  }
}

function samePlace(a: Place, b: Place, keyA: string, keyB: string): PlaceMerge['reason'] | undefined {
  const apart = metres(a, b);
  if (
    a.siret &&
    a.siret === b.siret &&
    a.communeInsee === b.communeInsee &&
    ((keyA !== '' && keyA === keyB) || apart <= MAX_SIRET_METRES)
  ) {
    return 'siret';
  }
  if (keyA !== '' && keyA === keyB && apart <= MAX_ADDRESS_METRES && similarNames(a, b)) return 'address';
  return undefined;
}

function unionRoles(group: readonly Place[]): PlaceProgrammeRole[] {
  const roles = new Map<string, Set<PlaceProgrammeRole['roles'][number]>>();
  for (const place of group) {
    for (const { programmeId, roles: r } of place.programmes) {
      const set = roles.get(programmeId) ?? new Set();
      for (const role of r) set.add(role);
      roles.set(programmeId, set);
    }
  }
  return [...roles].map(([programmeId, set]) => ({ programmeId, roles: (['training', 'prescribing'] as const).filter((r) => set.has(r)) }));
}

function union(lists: readonly (readonly string[] | undefined)[]): string[] | undefined {
  const all = [...new Set(lists.flatMap((l) => l ?? []))];
  return all.length > 0 ? all : undefined;
}

/** The records of one place as that place. */
function mergeGroup(group: readonly Place[]): MergedPlace {
  const byFreshness = [...group].sort((a, b) => freshness(b).localeCompare(freshness(a)) || a.id.localeCompare(b.id));
  const freshest = byFreshness[0];
  const withHours = byFreshness.find((p) => p.openingHours && !p.openingHoursIsDefault) ?? freshest;
  const trains = byFreshness.find((p) => p.programmes.some((r) => r.roles.includes('training')));
  const first = <K extends keyof Place>(key: K): Place[K] => byFreshness.find((p) => p[key] !== undefined)?.[key] as Place[K];
  const merged: MergedPlace = {
    ...freshest,
    id: (trains ?? freshest).id,
    openingHours: withHours.openingHours,
    openingHoursIsDefault: withHours.openingHoursIsDefault,
    phone: first('phone'),
    email: first('email'),
    website: first('website'),
    bookingUrl: first('bookingUrl'),
    siret: first('siret'),
    services: union(group.map((p) => p.services)) ?? [],
    audiences: union(group.map((p) => p.audiences)),
    specificSupport: union(group.map((p) => p.specificSupport)),
    fees: union(group.map((p) => p.fees)),
    programmes: unionRoles(group),
  };
  merged.mergedIds = [merged.id, ...group.map((p) => p.id).filter((id) => id !== merged.id)];
  for (const key of Object.keys(merged) as (keyof MergedPlace)[]) if (merged[key] === undefined) delete merged[key];
  return merged;
}

/** The places with every set of records of one place merged, in the order of their first record; and the merges. */
export function mergePlaces(places: readonly Place[]): { places: MergedPlace[]; merges: PlaceMerge[] } {
  const keys = places.map((p) => addressKey(p.address));
  const grid = new Map<string, number[]>();
  places.forEach((p, i) => {
    const [y, x] = cellOf(p.latitude, p.longitude);
    const key = `${y}:${x}`;
    const cell = grid.get(key);
    if (cell) cell.push(i);
    else grid.set(key, [i]);
  });
  const sets = new UnionFind(places.length);
  places.forEach((p, i) => {
    const [y, x] = cellOf(p.latitude, p.longitude);
    for (let dy = -1; dy <= 1; dy += 1) {
      for (let dx = -1; dx <= 1; dx += 1) {
        for (const j of grid.get(`${y + dy}:${x + dx}`) ?? []) {
          if (j <= i) continue;
          const reason = samePlace(p, places[j], keys[i], keys[j]);
          if (reason) sets.union(i, j, reason);
        }
      }
    }
  });
  // SIRET matches farther apart than a grid cell (same address, other geocoding).
  const bySiret = new Map<string, number[]>();
  places.forEach((p, i) => {
    if (!p.siret) return;
    const list = bySiret.get(p.siret);
    if (list) list.push(i);
    else bySiret.set(p.siret, [i]);
  });
  for (const list of bySiret.values()) {
    for (let a = 0; a < list.length; a += 1) {
      for (let b = a + 1; b < list.length; b += 1) {
        const [i, j] = [list[a], list[b]];
        if (samePlace(places[i], places[j], keys[i], keys[j]) === 'siret') sets.union(i, j, 'siret');
      }
    }
  }
  const groups = new Map<number, Place[]>();
  places.forEach((p, i) => {
    const root = sets.find(i);
    const group = groups.get(root);
    if (group) group.push(p);
    else groups.set(root, [p]);
  });
  const merged: MergedPlace[] = [];
  const merges: PlaceMerge[] = [];
  for (const [root, group] of groups) {
    if (group.length === 1) {
      merged.push(group[0]);
      continue;
    }
    const place = mergeGroup(group);
    merged.push(place);
    merges.push({ keptId: place.id, ids: place.mergedIds!, reason: sets.reason.get(root) ?? 'address' });
  }
  return { places: merged, merges };
}
