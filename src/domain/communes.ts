/**
 * French communes: lookup by name or postal code the way people type them
 * ("st chely d apcher", "MENDE", "bourg les valence", "26000"), and
 * distances for "the nearest places". Pure: the CSV is read in src/data/.
 */
import { memoized } from './memo';
import { foldAccents } from './text';

/** One commune of residence, after merging its rows (one per postal code). */
export interface Commune {
  insee: string;
  name: string;
  departement: string;
  postalCodes: string[];
  /** WGS84; missing for a handful of communes in the source data. */
  lat?: number;
  lng?: number;
  population: number;
  /** Names of its communes déléguées (former communes people still use). */
  formerNames: string[];
}

/** A row of data/communes.csv, as strings (see data/SOURCES.md). */
export interface CommuneRow {
  insee: string;
  departement: string;
  nom: string;
  code_postal: string;
  type: string;
  insee_parente: string;
  lat: string;
  lng: string;
  population: string;
}

export interface LatLng {
  lat: number;
  lng: number;
}

const ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };
const LEADING_ARTICLES = new Set(['le', 'la', 'les', 'l']);

/**
 * The matching key of a name: lower case, no accents, hyphens, apostrophes
 * and punctuation turned into single spaces, "st"/"ste" spelled out. Exported
 * because the NLU reuses it (typo tolerance starts from the same key).
 * Remembered: a sentence's runs of words are looked up again and again.
 */
export const normalizeName: (text: string) => string = memoized(normalizeNameUncached);

/** The same key, nothing remembered: for building an index over every commune (each name once). */
export function normalizeNameUncached(text: string): string {
  const words = foldAccents(text)
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.map((w) => ABBREVIATIONS[w] ?? w).join(' ');
}

/** The key without a leading article: "Le Collet-de-Dèze" is also found as "collet de deze". */
function withoutArticle(key: string): string | undefined {
  const space = key.indexOf(' ');
  if (space < 0) return undefined;
  return LEADING_ARTICLES.has(key.slice(0, space)) ? key.slice(space + 1) : undefined;
}

/** Département of an INSEE code: 2 characters, 3 for the overseas ones (97x). */
export function departementOfInsee(insee: string): string {
  return insee.startsWith('97') ? insee.slice(0, 3) : insee.slice(0, 2);
}

function toNumber(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export interface LookupOptions {
  /** Only communes of these départements (codes such as "48", "26"). */
  departements?: readonly string[];
}

/** « Paris 1er Arrondissement », « Marseille 16e Arrondissement »: the city's name. */
const ARRONDISSEMENT = /^(.+?) \d+(?:er|e) Arrondissement$/;

export class CommuneIndex {
  private readonly byInsee = new Map<string, Commune>();
  private readonly byName = new Map<string, Commune[]>();
  private readonly byPostalCode = new Map<string, Commune[]>();
  private readonly largest = new Map<string, Commune | undefined>();
  /** An arrondissement's city (Paris 1er → 75056), from the ARM rows. */
  private readonly parentOfArrondissement = new Map<string, string>();

  /**
   * Builds the index from CSV rows. COM and ARM rows become communes (Paris,
   * Lyon and Marseille only exist as their arrondissements in the data);
   * a COMD row adds its postal code and its name to its parent commune.
   */
  constructor(rows: Iterable<CommuneRow>, options: LookupOptions = {}) {
    const keep = options.departements ? new Set(options.departements) : undefined;
    const delegated: CommuneRow[] = [];
    for (const row of rows) {
      if (row.type === 'COMD') {
        delegated.push(row);
        continue;
      }
      const departement = row.departement || departementOfInsee(row.insee_parente || row.insee);
      if (keep && !keep.has(departement)) continue;
      if (row.type === 'ARM' && row.insee_parente) this.parentOfArrondissement.set(row.insee, row.insee_parente);
      const known = this.byInsee.get(row.insee);
      if (known) {
        addUnique(known.postalCodes, row.code_postal);
        continue;
      }
      this.byInsee.set(row.insee, {
        insee: row.insee,
        name: row.nom,
        departement,
        postalCodes: row.code_postal ? [row.code_postal] : [],
        lat: toNumber(row.lat),
        lng: toNumber(row.lng),
        population: toNumber(row.population) ?? 0,
        formerNames: [],
      });
    }
    for (const row of delegated) this.attachDelegated(row, keep);
    this.addCitiesOfArrondissements();
    for (const commune of this.byInsee.values()) this.indexCommune(commune);
    const byPopulation = (a: Commune, b: Commune) => b.population - a.population || a.name.localeCompare(b.name, 'fr');
    for (const list of this.byName.values()) list.sort(byPopulation);
    for (const list of this.byPostalCode.values()) list.sort(byPopulation);
  }

  /**
   * Paris, Lyon and Marseille as communes of their own, over their
   * arrondissements (the data has no COM row for them): « paris » at the
   * commune question is Paris — whose département the bot then says it does
   * not serve — not a look-alike village of the Drôme.
   */
  private addCitiesOfArrondissements(): void {
    const cities = new Map<string, { name: string; arrondissements: Commune[] }>();
    for (const commune of this.byInsee.values()) {
      const city = ARRONDISSEMENT.exec(commune.name)?.[1];
      const parentInsee = city ? this.parentOfArrondissement.get(commune.insee) : undefined;
      if (!city || !parentInsee || this.byInsee.has(parentInsee)) continue;
      const entry = cities.get(parentInsee) ?? { name: city, arrondissements: [] };
      entry.arrondissements.push(commune);
      cities.set(parentInsee, entry);
    }
    for (const [insee, { name, arrondissements }] of cities) {
      const [first] = arrondissements;
      this.byInsee.set(insee, {
        insee,
        name,
        departement: first.departement,
        postalCodes: [...new Set(arrondissements.flatMap((a) => a.postalCodes))],
        lat: first.lat,
        lng: first.lng,
        population: arrondissements.reduce((sum, a) => sum + a.population, 0),
        formerNames: [],
      });
    }
  }

  private attachDelegated(row: CommuneRow, keep: Set<string> | undefined): void {
    const parentInsee = row.insee_parente || row.insee;
    const departement = departementOfInsee(parentInsee);
    if (keep && !keep.has(departement)) return;
    let parent = this.byInsee.get(parentInsee);
    if (!parent) {
      // No COM row for the parent: the delegated row stands for it.
      parent = {
        insee: parentInsee,
        name: row.nom,
        departement,
        postalCodes: [],
        lat: toNumber(row.lat),
        lng: toNumber(row.lng),
        population: toNumber(row.population) ?? 0,
        formerNames: [],
      };
      this.byInsee.set(parentInsee, parent);
    }
    if (row.code_postal) addUnique(parent.postalCodes, row.code_postal);
    if (row.nom !== parent.name) addUnique(parent.formerNames, row.nom);
  }

  private indexCommune(commune: Commune): void {
    for (const name of [commune.name, ...commune.formerNames]) {
      const key = normalizeNameUncached(name);
      addToList(this.byName, key, commune);
      const short = withoutArticle(key);
      if (short) addToList(this.byName, short, commune);
    }
    for (const code of commune.postalCodes) addToList(this.byPostalCode, code, commune);
  }

  get size(): number {
    return this.byInsee.size;
  }

  getByInsee(insee: string): Commune | undefined {
    return this.byInsee.get(insee);
  }

  /** Communes whose name (or former name) matches, most populated first. */
  findByName(name: string, options: LookupOptions = {}): Commune[] {
    const key = normalizeName(name);
    const found = this.byName.get(key) ?? this.byName.get(withoutArticle(key) ?? '') ?? [];
    return filterDepartements(found, options);
  }

  /** Communes served by a postal code, most populated first. */
  findByPostalCode(postalCode: string, options: LookupOptions = {}): Commune[] {
    return filterDepartements(this.byPostalCode.get(postalCode.trim()) ?? [], options);
  }

  /**
   * What a person typed: a name, a postal code, or both ("Mende 48000").
   * With both, the communes matching both win; otherwise either.
   */
  lookup(text: string, options: LookupOptions = {}): Commune[] {
    const code = /\b(\d{5})\b/.exec(text)?.[1];
    const name = text.replace(/\b\d{5}\b/, ' ').trim();
    const byCode = code ? this.findByPostalCode(code, options) : [];
    const byName = normalizeName(name) ? this.findByName(name, options) : [];
    if (byCode.length > 0 && byName.length > 0) {
      const both = byName.filter((c) => byCode.includes(c));
      if (both.length > 0) return both;
    }
    return byName.length > 0 ? byName : byCode;
  }

  all(): IterableIterator<Commune> {
    return this.byInsee.values();
  }

  /**
   * The most populated commune of a département (Mende, Valence): where a
   * person who named only their département is most likely to find the
   * services of the département, and a place to start looking from.
   */
  largestOf(departement: string): Commune | undefined {
    if (!this.largest.has(departement)) {
      let largest: Commune | undefined;
      for (const commune of this.byInsee.values()) {
        if (commune.departement === departement && (!largest || commune.population > largest.population)) largest = commune;
      }
      this.largest.set(departement, largest);
    }
    return this.largest.get(departement);
  }
}

function addUnique<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

function addToList<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function filterDepartements(communes: Commune[], options: LookupOptions): Commune[] {
  // Most lookups find nothing (every run of words of a sentence is tried as a name).
  if (communes.length === 0) return [];
  if (!options.departements) return [...communes];
  const keep = new Set(options.departements);
  return communes.filter((c) => keep.has(c.departement));
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres (haversine): plenty for "nearest place". */
export function distanceKm(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The `limit` items closest to `origin` (optionally within `maxKm`), closest first. */
export function nearest<T>(
  origin: LatLng,
  items: readonly T[],
  positionOf: (item: T) => LatLng | undefined,
  options: { limit?: number; maxKm?: number } = {},
): { item: T; km: number }[] {
  const ranked: { item: T; km: number }[] = [];
  for (const item of items) {
    const at = positionOf(item);
    if (!at) continue;
    const km = distanceKm(origin, at);
    if (options.maxKm === undefined || km <= options.maxKm) ranked.push({ item, km });
  }
  ranked.sort((a, b) => a.km - b.km);
  return options.limit === undefined ? ranked : ranked.slice(0, options.limit);
}

/** Position of a commune, when the data has one. */
export function communePosition(commune: Commune): LatLng | undefined {
  return commune.lat === undefined || commune.lng === undefined ? undefined : { lat: commune.lat, lng: commune.lng };
}
