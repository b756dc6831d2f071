/**
 * One published record of the national "lieux de médiation numérique"
 * schema, in any of the shapes it is published in, flattened into the
 * PlaceRow that domain/places.ts cleans:
 * - the CSV form and the flat JSON form (`SchemaLieuMediationNumerique` of
 *   @gouvfr-anct/lieux-de-mediation-numerique): every value a string,
 *   multi-values joined with `|`, `latitude` / `longitude` columns;
 * - the model form (`LieuMediationNumerique`, what the cartographie's API
 *   serves): nested `adresse` {voie, code_postal, commune, code_insee},
 *   `localisation` {latitude, longitude}, `contact` {telephone, courriels[],
 *   site_web[]}, arrays for services.
 * The official France services list has columns of its own
 * (domain/franceServicesRecord.ts); its header or keys tell it apart.
 * Pure: reading files is src/data/placeFile.ts.
 */
import type { SchemaLieuMediationNumerique } from '@gouvfr-anct/lieux-de-mediation-numerique';
import {
  isFranceServicesHeader,
  isFranceServicesRecord,
  missingFranceServicesColumns,
  placeRowFromFranceServices,
} from './franceServicesRecord';
import type { PlaceRow } from './places';

/** Columns a CSV must have (the schema's mandatory fields we use). */
export const REQUIRED_COLUMNS = [
  'id',
  'nom',
  'adresse',
  'code_postal',
  'commune',
] as const satisfies readonly (keyof SchemaLieuMediationNumerique)[];

/** Columns whose absence is a file problem rather than a row problem, from a CSV header. */
export function missingColumns(header: readonly string[]): string[] {
  if (isFranceServicesHeader(header)) return missingFranceServicesColumns(header);
  const present = new Set(header.map((h) => h.trim().toLowerCase()));
  return REQUIRED_COLUMNS.filter((c) => !present.has(c));
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Any published value as the CSV would show it: arrays joined with `|`. */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(text).filter(Boolean).join('|');
  return '';
}

/** The first present field among `keys` of `source`. */
function pick(source: Json | undefined, ...keys: string[]): string {
  if (!source) return '';
  for (const key of keys) {
    const value = text(source[key]);
    if (value !== '') return value;
  }
  return '';
}

/**
 * A published record (CSV row or JSON object) as the row the cleaner reads.
 * `fileDate` (YYYY-MM-DD): when the file was published, for lists whose rows carry no date.
 */
export function placeRowFromRecord(record: Json, fileDate?: string): PlaceRow {
  if (isFranceServicesRecord(record)) return placeRowFromFranceServices(record, fileDate);
  const address = isObject(record.adresse) ? record.adresse : undefined;
  const location = isObject(record.localisation) ? record.localisation : undefined;
  const contact = isObject(record.contact) ? record.contact : undefined;
  return {
    id: pick(record, 'id'),
    nom: pick(record, 'nom'),
    adresse: address ? pick(address, 'voie', 'adresse') : pick(record, 'adresse'),
    code_postal: pick(address, 'code_postal') || pick(record, 'code_postal'),
    commune: pick(address, 'commune') || pick(record, 'commune'),
    code_insee: pick(address, 'code_insee') || pick(record, 'code_insee'),
    latitude: pick(location, 'latitude') || pick(record, 'latitude'),
    longitude: pick(location, 'longitude') || pick(record, 'longitude'),
    telephone: pick(contact, 'telephone') || pick(record, 'telephone'),
    courriels: pick(contact, 'courriels') || pick(record, 'courriels'),
    site_web: pick(contact, 'site_web') || pick(record, 'site_web'),
    horaires: pick(record, 'horaires'),
    services: pick(record, 'services'),
    source: pick(record, 'source'),
    pivot: pick(record, 'pivot'),
    date_maj: pick(record, 'date_maj'),
    prise_rdv: pick(record, 'prise_rdv'),
    publics_specifiquement_adresses: pick(record, 'publics_specifiquement_adresses'),
    prise_en_charge_specifique: pick(record, 'prise_en_charge_specifique'),
    frais_a_charge: pick(record, 'frais_a_charge'),
  };
}
