/**
 * Reads data/places-lozere-drome.csv (never edited: cleaning happens in
 * domain/places.ts) and returns cleaned places with each programme's roles.
 */
import type { Programme } from '../domain/programme';
import { cleanPlaceRows, type PlaceCleaning, type PlaceRow } from '../domain/places';
import { communes } from './communes';
import { readCsvRows } from './csv';
import { dataPath } from './paths';

export const PLACES_FILE = dataPath('places-lozere-drome.csv');

const COLUMNS: (keyof PlaceRow)[] = [
  'id', 'nom', 'adresse', 'code_postal', 'commune', 'code_insee', 'latitude', 'longitude',
  'telephone', 'courriels', 'site_web', 'horaires', 'services', 'source', 'pivot', 'date_maj', 'prise_rdv',
  'publics_specifiquement_adresses', 'prise_en_charge_specifique', 'frais_a_charge',
];

/** Raw rows with their line numbers; every documented column present (empty when blank). */
export function readPlaceRows(file: string = PLACES_FILE): { line: number; row: PlaceRow }[] {
  return readCsvRows(file).map(({ line, row }) => {
    const complete = {} as PlaceRow;
    for (const column of COLUMNS) complete[column] = row[column] ?? '';
    return { line, row: complete };
  });
}

/** Cleaned places of a CSV file for these programmes. */
export function loadPlaces(programmes: readonly Programme[], file: string = PLACES_FILE): PlaceCleaning {
  return cleanPlaceRows(readPlaceRows(file), { communes: communes(), programmes });
}
