/**
 * One row of the official list of France services (data.gouv.fr « liste des
 * structures France services »: `id_fs, insee_dep, lib_fs, adresse,
 * complement_adresse, insee_com, code_postal, lib_com, latitude, longitude,
 * mail, telephone, h_lundi … h_samedi, prise_rdv …`), as the PlaceRow the
 * cleaner reads. Its day-by-day hours ("09:00 - 12:00 / 13:30 - 17:00",
 * "Fermé") become one OSM `opening_hours` value. Pure.
 */
import type { PlaceRow } from './places';

/** The columns that tell this list from the national schema, and that it cannot do without. */
export const FRANCE_SERVICES_COLUMNS = ['id_fs', 'lib_fs', 'code_postal', 'lib_com'] as const;

const DAYS: readonly [string, string][] = [
  ['h_lundi', 'Mo'],
  ['h_mardi', 'Tu'],
  ['h_mercredi', 'We'],
  ['h_jeudi', 'Th'],
  ['h_vendredi', 'Fr'],
  ['h_samedi', 'Sa'],
  ['h_dimanche', 'Su'],
];

/** Ids of this list are numbers of their own: prefixed so they never meet a schema id. */
export const FRANCE_SERVICES_ID_PREFIX = 'fs-';

export function isFranceServicesHeader(header: readonly string[]): boolean {
  const present = new Set(header.map((h) => h.trim().toLowerCase()));
  return present.has('id_fs') || present.has('lib_fs');
}

export function isFranceServicesRecord(record: Record<string, unknown>): boolean {
  return 'id_fs' in record || 'lib_fs' in record;
}

export function missingFranceServicesColumns(header: readonly string[]): string[] {
  const present = new Set(header.map((h) => h.trim().toLowerCase()));
  return FRANCE_SERVICES_COLUMNS.filter((c) => !present.has(c));
}

const RANGE = /(\d{1,2})\s*[h:]\s*(\d{2})?\s*(?:-|–|à)\s*(\d{1,2})\s*[h:]\s*(\d{2})?/gi;
const CLOSED = /^(ferm[ée]e?|-|néant|neant)?$/i;

const time = (h: string, m: string | undefined) => `${h.padStart(2, '0')}:${m ?? '00'}`;

/**
 * One day's text as OSM ranges ("09:00-12:00,13:30-17:00"), '' when closed,
 * or undefined when the text says something else ("sur rendez-vous").
 */
export function dayRanges(text: string): string | undefined {
  const value = text.trim();
  if (CLOSED.test(value)) return '';
  const ranges = [...value.matchAll(RANGE)].map((m) => `${time(m[1], m[2])}-${time(m[3], m[4])}`);
  const rest = value.replace(RANGE, '').replace(/[\s/,;]|\bet\b/gi, '');
  return ranges.length > 0 && rest === '' ? ranges.join(',') : undefined;
}

/**
 * The week as one OSM value ("Mo 09:00-12:00,13:30-17:00; Tu 09:00-12:00").
 * When a day is not a list of times ("Sur rendez-vous"), the week cannot be
 * stated: the days are returned as published ("lundi : Sur rendez-vous |
 * mardi : 09:00 - 12:00"), which no OSM reader takes, so the import leaves
 * the hours unknown and reports that text.
 */
export function franceServicesHours(record: Record<string, string>): string {
  const rules: string[] = [];
  let readable = true;
  for (const [column, day] of DAYS) {
    const ranges = dayRanges(record[column] ?? '');
    if (ranges === undefined) readable = false;
    else if (ranges !== '') rules.push(`${day} ${ranges}`);
  }
  if (readable) return rules.join('; ');
  return DAYS.filter(([column]) => (record[column] ?? '') !== '')
    .map(([column]) => `${column.slice(2)} : ${record[column]}`)
    .join(' | ');
}

/** YYYY-MM of a published date, for the source name ("france-services-2024-08"). */
function month(date: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})/.exec(date);
  if (iso) return `${iso[1]}-${iso[2]}`;
  const french = /^\d{2}\/(\d{2})\/(\d{4})/.exec(date);
  return french ? `${french[2]}-${french[1]}` : undefined;
}

/**
 * `listDate` (YYYY-MM-DD) stands for `date_maj` when the list has no date
 * column: the official list is republished as a whole, so a row is as fresh
 * as the list it comes from.
 */
/** A cell as text: strings and numbers as they are, anything else (an object, a list) as JSON. */
function cellText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

export function placeRowFromFranceServices(raw: Record<string, unknown>, listDate = ''): PlaceRow {
  const record: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw))
    record[key.trim().toLowerCase()] = value === null || value === undefined ? '' : cellText(value).trim();
  const field = (...keys: string[]) => keys.map((k) => record[k] ?? '').find((v) => v !== '') ?? '';
  const updated = field('date_maj', 'date_modification', 'date_mise_a_jour') || listDate;
  const id = field('id_fs');
  return {
    id: id ? `${FRANCE_SERVICES_ID_PREFIX}${id}` : '',
    nom: field('lib_fs'),
    adresse: field('adresse'),
    code_postal: field('code_postal'),
    commune: field('lib_com'),
    code_insee: field('insee_com'),
    latitude: field('latitude'),
    longitude: field('longitude'),
    telephone: field('telephone'),
    courriels: field('mail'),
    site_web: field('site_web', 'url'),
    horaires: franceServicesHours(record),
    services: '',
    source: `france-services-${month(updated) ?? 'liste'}`,
    pivot: field('siret'),
    date_maj: updated,
    prise_rdv: field('prise_rdv'),
    publics_specifiquement_adresses: '',
    prise_en_charge_specifique: '',
    // The France services charter: every service there is free of charge.
    frais_a_charge: 'Gratuit',
  };
}
