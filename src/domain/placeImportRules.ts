/**
 * What an import does with each row before domain/places.ts cleans it.
 * A bad field costs the field, not the place: unreadable opening hours,
 * coordinates or an address are left out (hours then unknown, the
 * commune's centre for the position) and reported with the published
 * text; common slips are repaired and reported (« Cedex », a commune with
 * its département in brackets, "08:30-12:00-14:00"). Only a row without a
 * name, or that no commune locates, is rejected — with its reason.
 */
import { createHash } from 'node:crypto';
import { type Commune, type CommuneIndex } from './communes';
import { readOpeningHours } from './openingHoursRepair';
import { resolveCommune, type PlaceRow } from './places';

/** The longest French commune name has 45 characters; beyond this it is not a name. */
export const MAX_COMMUNE_LENGTH = 60;
/** Names and addresses longer than this are pasted text, not data. */
export const MAX_TEXT_LENGTH = 300;

interface Box {
  name: string;
  south: number;
  north: number;
  west: number;
  east: number;
}

/** France's territories, generously boxed: metropole and Corsica, then the overseas ones. */
const FRANCE: readonly Box[] = [
  { name: 'metropole', south: 41.2, north: 51.2, west: -5.3, east: 9.7 },
  { name: 'guadeloupe', south: 15.8, north: 18.2, west: -63.2, east: -60.9 },
  { name: 'martinique', south: 14.3, north: 14.95, west: -61.3, east: -60.75 },
  { name: 'guyane', south: 2.0, north: 5.9, west: -54.7, east: -51.5 },
  { name: 'reunion', south: -21.45, north: -20.8, west: 55.2, east: 55.9 },
  { name: 'mayotte', south: -13.1, north: -12.6, west: 44.9, east: 45.35 },
  { name: 'saint-pierre-et-miquelon', south: 46.7, north: 47.2, west: -56.5, east: -56.1 },
  { name: 'polynesie', south: -28, north: -7.8, west: -155, east: -134 },
  { name: 'nouvelle-caledonie', south: -23, north: -19.5, west: 163.5, east: 168.2 },
  { name: 'wallis-et-futuna', south: -14.4, north: -13.2, west: -178.3, east: -176.1 },
];

export function isInFrenchTerritory(lat: number, lng: number): boolean {
  return FRANCE.some((b) => lat >= b.south && lat <= b.north && lng >= b.west && lng <= b.east);
}

/** A decimal number as published ("44.52", "44,52" from spreadsheets), or NaN. */
export function parseCoordinate(raw: string): number {
  const value = raw.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
}

/** What the import changed in a row it kept, for the report. */
export interface RowNote {
  kind: 'repaired' | 'dropped';
  /** The published column. */
  field: keyof PlaceRow;
  /** The text as published. */
  published: string;
  /** What is used instead (repaired only). */
  value?: string;
  /** Why the field was left out (dropped only). */
  why?: 'unreadable' | 'outside France' | 'too long';
}

export type ImportCheck = { ok: true; row: PlaceRow; commune: Commune; notes: RowNote[] } | { ok: false; reason: string };

/** "26021 CEDEX 9", "26000 Cedex" → the five digits. */
function postalCodeWithoutCedex(raw: string): string {
  return /^(\d{5})\s*(cedex|cs|bp)\b/i.exec(raw.trim())?.[1] ?? raw.trim();
}

/** "SAINT-ÉTIENNE (LOIRE)", "Valence (26)", "VALENCE CEDEX 9" → the commune alone. */
function communeWithoutNoise(raw: string): string {
  return raw
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/\s+(cedex|cs|bp)\b.*$/i, '')
    .trim();
}

/** A stable id for a row published without one: the same place gets the same id on every run. */
function derivedId(row: PlaceRow): string {
  const key = [row.nom, row.adresse, row.code_postal, row.commune].map((v) => v.trim().toLowerCase()).join('|');
  return `sans-id-${createHash('sha1').update(key).digest('hex').slice(0, 16)}`;
}

/**
 * The checks and repairs of one row, in the order a person would fix them.
 * Returns the row to clean and the resolved commune (so the caller need
 * not look it up again), or why the place cannot be imported at all.
 */
export function checkImportRow(published: PlaceRow, communes: CommuneIndex): ImportCheck {
  const fail = (reason: string): ImportCheck => ({ ok: false, reason });
  const row = { ...published };
  const notes: RowNote[] = [];
  const repair = (field: keyof PlaceRow, value: string) => {
    if (value === row[field]) return;
    notes.push({ kind: 'repaired', field, published: row[field], value });
    row[field] = value;
  };
  const drop = (field: keyof PlaceRow, why: RowNote['why'] = 'unreadable') => {
    notes.push({ kind: 'dropped', field, published: row[field], why });
    row[field] = '';
  };

  if (!row.nom) return fail('missing name');
  if (row.nom.length > MAX_TEXT_LENGTH) return fail(`name too long (${row.nom.length} characters): not a name`);
  if (!row.id) repair('id', derivedId(row));
  if (row.adresse.length > MAX_TEXT_LENGTH) drop('adresse', 'too long');
  if (row.commune.length > MAX_COMMUNE_LENGTH) drop('commune', 'too long');
  repair('commune', communeWithoutNoise(row.commune));
  repair('code_postal', postalCodeWithoutCedex(row.code_postal));
  if (row.code_postal && !/^\d{5}$/.test(row.code_postal)) drop('code_postal');
  if (row.code_insee && !/^(\d{5}|2[AB]\d{3})$/i.test(row.code_insee)) drop('code_insee');
  if (!row.commune && !row.code_postal && !row.code_insee) return fail('missing commune and postal code');

  let position: { lat: number; lng: number } | undefined;
  if (row.latitude !== '' || row.longitude !== '') {
    const lat = parseCoordinate(row.latitude);
    const lng = parseCoordinate(row.longitude);
    const readable = Number.isFinite(lat) && Number.isFinite(lng);
    if (readable && isInFrenchTerritory(lat, lng)) {
      position = { lat, lng };
      // As read ("44,52" → 44.52), so the cleaner keeps them.
      row.latitude = String(lat);
      row.longitude = String(lng);
    } else {
      // The commune's centre stands for the position.
      drop('latitude', readable ? 'outside France' : 'unreadable');
      drop('longitude', readable ? 'outside France' : 'unreadable');
    }
  }
  const commune = resolveCommune(communes, row, position);
  if (!commune) return fail(`unknown commune or postal code "${published.commune}" ${published.code_postal}`);
  if (!row.code_insee) row.code_insee = commune.insee;
  if (!row.code_postal) repair('code_postal', commune.postalCodes[0] ?? '');
  if (!position && (commune.lat === undefined || commune.lng === undefined))
    return fail('no coordinates and no known centre for the commune');

  if (row.horaires) {
    const hours = readOpeningHours(row.horaires);
    if (hours.kind === 'repaired') repair('horaires', hours.value);
    else if (hours.kind === 'unreadable') drop('horaires');
  }
  return { ok: true, row, commune, notes };
}
