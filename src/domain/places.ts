/**
 * Cleans rows of the national "lieux de médiation numérique" data into
 * Places: readable names and phone numbers, official commune names and
 * INSEE codes, checked coordinates and opening hours, and each programme's
 * roles. Pure: rows come from src/data/places.ts. The file itself is never
 * edited; everything is fixed on the way in.
 */
import { CommuneIndex, distanceKm, normalizeName, type Commune } from './communes';
import { readOpeningHours } from './openingHoursRepair';
import type { Programme } from './programme';
import { departementOfPlace, placeProgrammeRoles, programmeForDepartement } from './programmeRules';
import type { Place } from './types';

/** A row of data/places-lozere-drome.csv (national schema columns). */
export interface PlaceRow {
  id: string;
  nom: string;
  adresse: string;
  code_postal: string;
  commune: string;
  code_insee: string;
  latitude: string;
  longitude: string;
  telephone: string;
  courriels: string;
  site_web: string;
  horaires: string;
  services: string;
  source: string;
  /** SIRET or RNA of the structure; "00000000000000" when unknown. */
  pivot: string;
  date_maj: string;
  prise_rdv: string;
  publics_specifiquement_adresses: string;
  prise_en_charge_specifique: string;
  frais_a_charge: string;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface PlaceCleaning {
  places: Place[];
  rejected: RejectedRow[];
}

// ---------------------------------------------------------------- text

/** Words kept lower case inside a name. */
const SMALL_WORDS = new Set([
  'de',
  'du',
  'des',
  'la',
  'les',
  'et',
  'à',
  'au',
  'aux',
  'en',
  'sur',
  'sous',
  'pour',
  'par',
  'lès',
  'lez',
  'd',
  'l',
]);
/** Acronyms kept upper case. */
const ACRONYMS = new Set([
  'ca',
  'cc',
  'ccas',
  'cias',
  'caf',
  'cpam',
  'msa',
  'msap',
  'epn',
  'cnfs',
  'mjc',
  'mpt',
  'pij',
  'pimms',
  'afpa',
  'cjt',
  'sci',
  'evs',
  'mds',
  'cms',
  'ehpad',
  'ent',
  'pmi',
  'rsa',
  'bp',
  'cs',
  'zi',
  'za',
  'sas',
  'sarl',
]);
/** Accents dropped by upper-case sources, for words met in the data. */
const SPELLINGS: Record<string, string> = {
  a: 'à',
  acces: 'accès',
  activites: 'activités',
  agglomeration: 'agglomération',
  cevennes: 'cévennes',
  chateaux: 'châteaux',
  communaute: 'communauté',
  cooperative: 'coopérative',
  departement: 'département',
  developpement: 'développement',
  drome: 'drôme',
  ecole: 'école',
  education: 'éducation',
  eveche: 'évêché',
  francaise: 'française',
  frederic: 'frédéric',
  general: 'général',
  intergenerationnelle: 'intergénérationnelle',
  isere: 'isère',
  lozere: 'lozère',
  mediatheque: 'médiathèque',
  mediation: 'médiation',
  montelimar: 'montélimar',
  noel: 'noël',
  numerique: 'numérique',
  reseau: 'réseau',
  region: 'région',
  sante: 'santé',
  securite: 'sécurité',
  societe: 'société',
  solidarites: 'solidarités',
  theophile: 'théophile',
  riviere: 'rivière',
  rivieres: 'rivières',
  gevaudan: 'gévaudan',
  cretes: 'crêtes',
  pre: 'pré',
  felix: 'félix',
  marche: 'marché',
  pole: 'pôle',
  commere: 'commère',
};
/** Typos of the published names, fixed word by word. */
const TYPOS: Record<string, string> = { nnumérique: 'numérique', mitterand: 'Mitterrand' };
/** Street types written lower case in an address ("12 rue des Pins"). */
const STREET_TYPES: Record<string, string> = {
  rue: 'rue',
  av: 'avenue',
  ave: 'avenue',
  avenue: 'avenue',
  bd: 'boulevard',
  boulevard: 'boulevard',
  pl: 'place',
  place: 'place',
  rte: 'route',
  route: 'route',
  qua: 'quai',
  quai: 'quai',
  che: 'chemin',
  chemin: 'chemin',
  all: 'allée',
  allee: 'allée',
  imp: 'impasse',
  impasse: 'impasse',
  sq: 'square',
  square: 'square',
  crs: 'cours',
};

function isMostlyUpperCase(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length > 0.8;
}

function capitalize(word: string): string {
  return word.charAt(0).toLocaleUpperCase('fr') + word.slice(1);
}

/** Accent-free lower-case key of one word, for the spelling tables. */
function wordKey(word: string): string {
  return normalizeName(word).replace(/ /g, '');
}

export interface CasingOptions {
  /** Spellings to restore (e.g. the words of the place's official commune name). */
  spellings?: ReadonlyMap<string, string>;
  /** Street abbreviations expanded and written lower case (addresses). */
  streetTypes?: boolean;
}

/**
 * French title case of a name published in capitals: "COMMUNE DE LORIOL-SUR-
 * DROME" → "Commune de Loriol-sur-Drôme", "AFPA ACCES A L' EMPLOI" → "AFPA
 * Accès à l'Emploi". Names already in mixed case are kept (only typos fixed).
 */
export function frenchTitleCase(text: string, options: CasingOptions = {}): string {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (!isMostlyUpperCase(trimmed)) return fixTypos(capitalize(trimmed));
  // Elisions: "L' EMPLOI" → "L'EMPLOI"; then split into words and separators.
  const parts = trimmed.replace(/\b([DLdl])['’]\s+/g, "$1'").split(/([\s\-'’/(),.&]+)/);
  let first = true;
  const out = parts.map((part, index) => {
    if (index % 2 === 1 || part === '') return part.replace(/’/g, "'");
    const lower = part.toLocaleLowerCase('fr');
    const key = wordKey(part);
    const elided = (key === 'd' || key === 'l') && /^['’]/.test(parts[index + 1] ?? '');
    let word = options.spellings?.get(key) ?? SPELLINGS[key] ?? lower;
    const streetType = options.streetTypes ? STREET_TYPES[key] : undefined;
    if (streetType) word = first ? capitalize(streetType) : streetType;
    else if (ACRONYMS.has(key) && !elided) word = key.toUpperCase();
    else if (first || !(SMALL_WORDS.has(word) || elided)) word = capitalize(word);
    first = false;
    return word;
  });
  return fixTypos(out.join(''));
}

function fixTypos(text: string): string {
  return text.replace(/\p{L}+/gu, (word) => TYPOS[word.toLocaleLowerCase('fr')] ?? word);
}

/** Spellings of the words of an official name: "Loriol-sur-Drôme" gives drome → Drôme. */
export function spellingsOf(officialName: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const word of officialName.split(/[\s\-'’]+/)) {
    const key = wordKey(word);
    // Small words stay out: "Bourg-lès-Valence" must not turn every "les" into "lès".
    if (key && !SMALL_WORDS.has(key) && !SMALL_WORDS.has(word.toLocaleLowerCase('fr')) && key !== 'le') map.set(key, word);
  }
  return map;
}

/** Address cleanup: capitals recased, "nul" placeholders and doubled text removed. */
export function cleanAddress(text: string, spellings?: ReadonlyMap<string, string>): string | undefined {
  let value = text
    .replace(/\bnul\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // "1 Place des Aravis 1 Place des Aravis": the same text published twice.
  value = /^(.+) \1$/.exec(value)?.[1] ?? value;
  // "AV AVENUE DU GENERAL…": the street type written twice once expanded.
  const cased = isMostlyUpperCase(value) ? frenchTitleCase(value, { spellings, streetTypes: true }) : value;
  return cased.replace(/(?<!\p{L})(\p{L}+) \1(?!\p{L})/gu, '$1') || undefined;
}

// ---------------------------------------------------------------- phones

export interface FrenchPhone {
  /** "04 75 56 22 18" */
  display: string;
  /** "+33475562218" */
  e164: string;
}

/** A French phone number in any published form, or undefined when it is not one. */
export function parseFrenchPhone(raw: string): FrenchPhone | undefined {
  let digits = raw.replace(/[^\d+]/g, '');
  if (digits.startsWith('+33')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('0033')) digits = `0${digits.slice(4)}`;
  if (digits.startsWith('0(0)')) digits = digits.replace('(0)', '');
  if (!/^0[1-9]\d{8}$/.test(digits)) return undefined;
  return { display: digits.replace(/(\d{2})(?=\d)/g, '$1 '), e164: `+33${digits.slice(1)}` };
}

/** E.164 form of a displayed number ("04 75 56 22 18" → "+33475562218"). */
export function toE164(phone: string): string | undefined {
  return parseFrenchPhone(phone)?.e164;
}

// ---------------------------------------------------------------- rows

/** Metropolitan France and Corsica, generously. */
function isInFrance(lat: number, lng: number): boolean {
  return lat >= 41.2 && lat <= 51.2 && lng >= -5.3 && lng <= 9.7;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function cleanEmail(raw: string): string | undefined {
  const first = raw.split(/[|;,\s]+/).find((e) => e.includes('@'));
  return first && EMAIL.test(first) ? first : undefined;
}

function cleanWebsite(raw: string): string | undefined {
  const value = blankToUndefined(raw);
  if (!value) return undefined;
  const url = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  try {
    return new URL(url).toString();
  } catch {
    return undefined;
  }
}

/** A list field as published ("Seniors|Jeunes"), or undefined when empty. */
function listOrUndefined(raw: string | undefined): string[] | undefined {
  const items = (raw ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** A SIRET (14 digits, not the all-zero "unknown" of the schema), else undefined. */
function cleanSiret(raw: string | undefined): string | undefined {
  const digits = (raw ?? '').replace(/\s/g, '');
  return /^\d{14}$/.test(digits) && !/^0+$/.test(digits) ? digits : undefined;
}

/** "2024-03-12", "2024-06-01T00:00:00.000Z", "12/03/2024" → "2024-03-12". */
function cleanDate(raw: string | undefined): string | undefined {
  const value = (raw ?? '').trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const french = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(value);
  return french ? `${french[3]}-${french[2]}-${french[1]}` : undefined;
}

/** The published commune text without postal noise: "ROMANS-SUR-ISERE BP 240" → "ROMANS-SUR-ISERE". */
function communeText(raw: string): string {
  return raw.replace(/\b(bp|cs|cedex)\b.*$/i, '').trim();
}

/**
 * Finds the commune of a row: by its INSEE code when given; else among the
 * communes of its postal code, by name (exact, then one name starting with
 * the other: "Saint Auban" → "Saint-Auban-sur-l'Ouvèze"), else the nearest
 * of them; else by name in the postal code's département.
 */
export function resolveCommune(
  communes: CommuneIndex,
  row: { code_insee: string; code_postal: string; commune: string },
  position?: { lat: number; lng: number },
): Commune | undefined {
  const insee = row.code_insee.trim();
  if (insee) {
    const known = communes.getByInsee(insee);
    if (known) return known;
  }
  const name = normalizeName(communeText(row.commune));
  const candidates = communes.findByPostalCode(row.code_postal.trim());
  const exact = candidates.filter((c) => normalizeName(c.name) === name);
  if (exact.length === 1) return exact[0];
  const prefixed = candidates.filter((c) => {
    const key = normalizeName(c.name);
    return name !== '' && (key.startsWith(`${name} `) || name.startsWith(`${key} `));
  });
  if (prefixed.length === 1) return prefixed[0];
  const dep = row.code_postal.trim().slice(0, 2);
  const byName = name ? communes.findByName(name, { departements: [dep] }) : [];
  if (byName.length === 1) return byName[0];
  if (candidates.length === 1) return candidates[0];
  if (position && candidates.length > 1) {
    const located = candidates.filter((c) => c.lat !== undefined && c.lng !== undefined);
    located.sort((a, b) => distanceKm(position, { lat: a.lat!, lng: a.lng! }) - distanceKm(position, { lat: b.lat!, lng: b.lng! }));
    return located[0];
  }
  return undefined;
}

export interface CleaningContext {
  communes: CommuneIndex;
  programmes: readonly Programme[];
}

/** Cleans one row, or says why it cannot be used. */
export function cleanPlaceRow(row: PlaceRow, context: CleaningContext): Place | { reason: string } {
  const id = row.id?.trim();
  if (!id) return { reason: 'missing id' };
  if (!row.nom?.trim()) return { reason: 'missing name' };
  const postalCode = row.code_postal.trim();
  if (!/^\d{5}$/.test(postalCode)) return { reason: `invalid postal code "${postalCode}"` };

  const lat = Number(row.latitude);
  const lng = Number(row.longitude);
  const published = row.latitude.trim() !== '' && row.longitude.trim() !== '' && isInFrance(lat, lng);
  const commune = resolveCommune(context.communes, row, published ? { lat, lng } : undefined);
  // Without valid coordinates the commune's centre still allows "nearest place".
  const position = published
    ? { lat, lng }
    : commune?.lat !== undefined && commune.lng !== undefined
      ? { lat: commune.lat, lng: commune.lng }
      : undefined;
  if (!position) return { reason: 'coordinates missing or outside France, and commune unknown' };

  const spellings = commune ? spellingsOf(commune.name) : undefined;
  const name = frenchTitleCase(row.nom, { spellings });
  const address = cleanAddress(row.adresse, spellings) ?? '';
  const communeInsee = commune?.insee ?? blankToUndefined(row.code_insee);
  const departement = departementOfPlace({ communeInsee, postalCode });

  const published_hours = blankToUndefined(row.horaires);
  const reading = published_hours === undefined ? undefined : readOpeningHours(published_hours);
  const hoursValid = reading !== undefined && reading.kind !== 'unreadable';
  const programme = programmeForDepartement(context.programmes, departement);
  const openingHours = reading && reading.kind !== 'unreadable' ? reading.value : programme?.places.defaultOpeningHours.value;

  const source = row.source.trim();
  const place: Place = {
    id,
    name,
    address,
    postalCode,
    commune: commune?.name ?? frenchTitleCase(communeText(row.commune)),
    communeInsee,
    latitude: position.lat,
    longitude: position.lng,
    phone: parseFrenchPhone(row.telephone)?.display,
    email: cleanEmail(row.courriels),
    website: cleanWebsite(row.site_web),
    openingHours,
    openingHoursIsDefault: openingHours !== undefined && !hoursValid ? true : undefined,
    services: row.services
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean),
    source,
    programmes: placeProgrammeRoles(context.programmes, { id, name, source, departement }),
    siret: cleanSiret(row.pivot),
    updatedOn: cleanDate(row.date_maj),
    bookingUrl: cleanWebsite(row.prise_rdv),
    audiences: listOrUndefined(row.publics_specifiquement_adresses),
    specificSupport: listOrUndefined(row.prise_en_charge_specifique),
    fees: listOrUndefined(row.frais_a_charge),
  };
  // Leave optional fields out rather than stored as undefined.
  for (const key of Object.keys(place) as (keyof Place)[]) if (place[key] === undefined) delete place[key];
  return place;
}

/** Cleans every row; duplicates of an id keep the first and reject the others. */
export function cleanPlaceRows(rows: readonly { line: number; row: PlaceRow }[], context: CleaningContext): PlaceCleaning {
  const places: Place[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  for (const { line, row } of rows) {
    const result = cleanPlaceRow(row, context);
    if ('reason' in result) {
      rejected.push({ line, reason: result.reason });
    } else if (seen.has(result.id)) {
      rejected.push({ line, reason: `duplicate id ${result.id}` });
    } else {
      seen.add(result.id);
      places.push(result);
    }
  }
  return { places, rejected };
}
