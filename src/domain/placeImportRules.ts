/**
 * What an import refuses, on top of what domain/places.ts already cleans.
 * The demo loader is lenient (it substitutes a programme's default hours or
 * a commune's centre); an import from a file is strict, because a row it
 * accepts replaces what the store had: bad coordinates, an unknown commune
 * or postal code, unparseable hours or a missing name reject the row, with
 * the reason, and the rest of the file goes on.
 */
import { Adresse, ModelError } from '@gouvfr-anct/lieux-de-mediation-numerique';
import { type Commune, type CommuneIndex } from './communes';
import { checkOpeningHours } from './openingHours';
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

export type ImportCheck = { ok: true; commune: Commune } | { ok: false; reason: string };

/**
 * The strict checks of one row, in the order a person would fix them.
 * Returns the resolved commune so the caller need not look it up again.
 */
export function checkImportRow(row: PlaceRow, communes: CommuneIndex): ImportCheck {
  const fail = (reason: string): ImportCheck => ({ ok: false, reason });
  if (!row.id) return fail('missing id');
  if (!row.nom) return fail('missing name');
  if (row.nom.length > MAX_TEXT_LENGTH) return fail(`name too long (${row.nom.length} characters)`);
  if (row.adresse.length > MAX_TEXT_LENGTH) return fail(`address too long (${row.adresse.length} characters)`);
  if (!row.commune && !row.code_postal) return fail('missing commune and postal code');
  if (row.commune.length > MAX_COMMUNE_LENGTH) return fail(`commune name too long (${row.commune.length} characters)`);
  try {
    // The schema's own format rules for the commune, postal code and INSEE code
    // (the street is checked by our cleaner: published files often leave it empty).
    Adresse({ voie: 'voie', code_postal: row.code_postal, commune: row.commune, ...(row.code_insee ? { code_insee: row.code_insee } : {}) });
  } catch (error) {
    if (error instanceof ModelError) return fail(error.message);
    throw error;
  }
  const hasLat = row.latitude !== '';
  const hasLng = row.longitude !== '';
  let position: { lat: number; lng: number } | undefined;
  if (hasLat || hasLng) {
    const lat = parseCoordinate(row.latitude);
    const lng = parseCoordinate(row.longitude);
    if (!Number.isFinite(lat) || !Number.isFinite(lng)) return fail(`invalid coordinates "${row.latitude}", "${row.longitude}"`);
    if (!isInFrenchTerritory(lat, lng)) return fail(`coordinates outside France (${lat}, ${lng})`);
    position = { lat, lng };
  }
  const commune = resolveCommune(communes, row, position);
  if (!commune) return fail(`unknown commune or postal code "${row.commune}" ${row.code_postal}`);
  if (row.horaires) {
    const hours = checkOpeningHours(row.horaires);
    if (!hours.ok) return fail(`unparseable opening hours "${row.horaires}"`);
  }
  return { ok: true, commune };
}
