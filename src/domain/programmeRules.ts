/**
 * Rules that read a programme preset: which places play which role, which
 * département a place is in, the carnet number prefix. Pure.
 */
import { normalizeName, departementOfInsee } from './communes';
import type { PlaceRule, Programme } from './programme';
import type { PlaceProgrammeRole, PlaceRole } from './types';

/** What the place rules look at. */
export interface RuleSubject {
  id: string;
  name: string;
  source: string;
}

/**
 * Whether a place matches a rule: by id, by dataset (`source` prefix) or by
 * a name fragment, unless excluded. Name fragments match whole words after
 * normalisation ("mpt" matches "MPT du Plan", not "compte").
 */
export function matchesPlaceRule(rule: PlaceRule, place: RuleSubject): boolean {
  if (rule.excludeIds.includes(place.id)) return false;
  if (rule.ids.includes(place.id)) return true;
  if (rule.sources.some((prefix) => place.source.startsWith(prefix))) return true;
  if (rule.nameContains.length === 0) return false;
  const name = ` ${normalizeName(place.name)} `;
  return rule.nameContains.some((fragment) => {
    const key = normalizeName(fragment);
    return key !== '' && name.includes(` ${key} `);
  });
}

/** Département of a French postal code (Corsica: 2A below 20200, 2B from it). */
export function departementOfPostalCode(postalCode: string): string | undefined {
  if (!/^\d{5}$/.test(postalCode)) return undefined;
  if (postalCode.startsWith('20')) return Number(postalCode) < 20200 ? '2A' : '2B';
  return postalCode.startsWith('97') ? postalCode.slice(0, 3) : postalCode.slice(0, 2);
}

/** Département of a place: from its INSEE code when known, else its postal code. */
export function departementOfPlace(place: { communeInsee?: string; postalCode: string }): string | undefined {
  return place.communeInsee ? departementOfInsee(place.communeInsee) : departementOfPostalCode(place.postalCode);
}

/** The roles a place plays for one programme: none outside its département. */
export function placeRoles(programme: Programme, place: RuleSubject & { departement?: string }): PlaceRole[] {
  if (place.departement !== programme.departement.code) return [];
  const roles: PlaceRole[] = [];
  if (matchesPlaceRule(programme.places.training, place)) roles.push('training');
  if (matchesPlaceRule(programme.places.prescribing, place)) roles.push('prescribing');
  return roles;
}

/** Roles for every programme; programmes where the place plays no role are left out. */
export function placeProgrammeRoles(programmes: readonly Programme[], place: RuleSubject & { departement?: string }): PlaceProgrammeRole[] {
  return programmes
    .map((programme) => ({ programmeId: programme.id, roles: placeRoles(programme, place) }))
    .filter((entry) => entry.roles.length > 0);
}

/** The programme of a département, if one is configured. */
export function programmeForDepartement(programmes: readonly Programme[], departement: string | undefined): Programme | undefined {
  return programmes.find((p) => p.departement.code === departement);
}

/**
 * Carnet number prefix: the first three letters of the programme id
 * ("lozere" → "LOZ", "drome" → "DRO"), so a number tells which programme
 * it belongs to.
 */
export function voucherBookPrefix(programme: Pick<Programme, 'id'>): string {
  const letters = programme.id.toUpperCase().replace(/[^A-Z]/g, '');
  if (letters.length < 2) throw new Error(`programme id "${programme.id}" has too few letters for a carnet prefix`);
  return letters.slice(0, 3);
}
