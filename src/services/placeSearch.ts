/**
 * "Where can I be trained near me?": the programme's training places
 * closest to a commune (or to a position shared by the browser).
 *
 * Nearest places go through a spatial index (domain/placeIndex.ts), built
 * per programme and role from the store and kept for a minute: places only
 * change through an import (another process), and a count check rebuilds
 * at once when places were added or removed. The index holds each place
 * once (domain/placeMerge.ts: records of one place merged before the role
 * is looked at, so the freshest hours win whichever record plays the role)
 * and answers in the order a person can use (domain/placeRanking.ts).
 */
import { type Commune, type CommuneIndex, communePosition, type LatLng } from '../domain/communes';
import { CommuneSearch } from '../domain/communeSearch';
import { isOpenAt } from '../domain/openingHours';
import { hasCriteria, meetsCriteria, type PlaceCriteria } from '../domain/placeCriteria';
import { PlaceIndex } from '../domain/placeIndex';
import { mergePlaces } from '../domain/placeMerge';
import { nearestForPerson } from '../domain/placeRanking';
import { offersAny } from '../domain/placeServices';
import type { Programme } from '../domain/programme';
import type { Place, PlaceRole } from '../domain/types';
import type { Stores } from '../store/repositories';

/** Filters of `PlaceSearch.search`. */
export interface PlaceSearchOptions {
  /** 'training' (accepts the pass; the default) or 'prescribing'. */
  role?: PlaceRole;
  limit?: number;
  maxKm?: number;
  /** Places offering at least one of these subjects (fragments of the national labels, older or newer; see domain/placeServices.ts). */
  services?: readonly string[];
  /** Support, audience or fee the place must publish. */
  criteria?: PlaceCriteria;
  /** Only places open at this instant, by their published hours (a programme default does not count). */
  openAt?: Date;
  /** Only places that publish a phone number. */
  withPhone?: boolean;
  /** Never these places (already given to the person). */
  excludeIds?: readonly string[];
}

const INDEX_TTL_MS = 60_000;

/** The test a place must pass for these options, or undefined when every place will do. */
export function searchFilter(options: PlaceSearchOptions): ((place: Place) => boolean) | undefined {
  const subjects = options.services ?? [];
  const { openAt, criteria, withPhone, excludeIds } = options;
  const tests: ((place: Place) => boolean)[] = [];
  if (withPhone) tests.push((place) => !!place.phone);
  if (excludeIds && excludeIds.length > 0) tests.push((place) => !excludeIds.includes(place.id));
  if (subjects.length > 0) tests.push((place) => offersAny(place.services, subjects));
  if (hasCriteria(criteria)) tests.push((place) => meetsCriteria(place, criteria));
  if (openAt) tests.push((place) => !!place.openingHours && !place.openingHoursIsDefault && isOpenAt(place.openingHours, openAt));
  return tests.length === 0 ? undefined : (place: Place) => tests.every((test) => test(place));
}

export interface NearbyPlace {
  place: Place;
  km: number;
}

export class PlaceSearch {
  private readonly indexes = new Map<string, { index: PlaceIndex; records: number; builtAt: number }>();

  constructor(
    private readonly stores: Stores,
    readonly communes: CommuneIndex,
    /** Typo-tolerant search over the same communes. */
    readonly communeSearch: CommuneSearch = new CommuneSearch(communes),
  ) {}

  /** The programme serving a commune, from its département. */
  programmeOf(commune: Commune, programmes: readonly Programme[]): Programme | undefined {
    return programmes.find((p) => p.departement.code === commune.departement);
  }

  async nearestTrainingPlaces(programmeId: string, origin: LatLng, limit = 3): Promise<NearbyPlace[]> {
    return this.nearestPlaces(programmeId, 'training', origin, limit);
  }

  /** The places playing `role` for the programme (training, or prescribing the pass), closest first. */
  async nearestPlaces(programmeId: string, role: PlaceRole, origin: LatLng, limit = 3): Promise<NearbyPlace[]> {
    return this.search(programmeId, origin, { role, limit });
  }

  /** The nearest places of a programme matching every filter given, in the order a person can use. */
  async search(programmeId: string, origin: LatLng, options: PlaceSearchOptions = {}): Promise<NearbyPlace[]> {
    const index = await this.indexOf(programmeId, options.role ?? 'training');
    const filter = searchFilter(options);
    return nearestForPerson(index, origin, { limit: options.limit ?? 3, maxKm: options.maxKm, filter });
  }

  private async indexOf(programmeId: string, role: PlaceRole): Promise<PlaceIndex> {
    const key = `${programmeId}/${role}`;
    const cached = this.indexes.get(key);
    if (cached && Date.now() - cached.builtAt < INDEX_TTL_MS && (await this.stores.places.count({ programmeId })) === cached.records) {
      return cached.index;
    }
    const records = await this.stores.places.list({ programmeId });
    const playing = mergePlaces(records).places.filter((p) =>
      p.programmes.some((r) => r.programmeId === programmeId && r.roles.includes(role)),
    );
    const index = new PlaceIndex(playing);
    this.indexes.set(key, { index, records: records.length, builtAt: Date.now() });
    return index;
  }

  async nearestToCommune(programmeId: string, commune: Commune, limit = 3): Promise<NearbyPlace[]> {
    const origin = communePosition(commune);
    return origin ? this.nearestTrainingPlaces(programmeId, origin, limit) : [];
  }
}
