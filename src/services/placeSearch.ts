/**
 * "Where can I be trained near me?": the programme's training places
 * closest to a commune (or to a position shared by the browser).
 *
 * Nearest places go through a spatial index (domain/placeIndex.ts), built
 * per programme and role from the store and kept for a minute: places only
 * change through an import (another process), and a count check rebuilds
 * at once when places were added or removed.
 */
import { type Commune, type CommuneIndex, communePosition, type LatLng, normalizeName } from '../domain/communes';
import { CommuneSearch } from '../domain/communeSearch';
import { isOpenAt } from '../domain/openingHours';
import { PlaceIndex } from '../domain/placeIndex';
import type { Programme } from '../domain/programme';
import type { Place, PlaceRole } from '../domain/types';
import type { Stores } from '../store/repositories';

/** Filters of `PlaceSearch.search`. */
export interface PlaceSearchOptions {
  /** 'training' (accepts the pass; the default) or 'prescribing'. */
  role?: PlaceRole;
  limit?: number;
  maxKm?: number;
  /** Places offering at least one of these services (words of the national list, case and accents ignored). */
  services?: readonly string[];
  /** Only places open at this instant, by their published hours (a programme default does not count). */
  openAt?: Date;
}

const INDEX_TTL_MS = 60_000;

export interface NearbyPlace {
  place: Place;
  km: number;
}

export class PlaceSearch {
  private readonly indexes = new Map<string, { index: PlaceIndex; builtAt: number }>();

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

  /** The nearest places of a programme matching every filter given, closest first. */
  async search(programmeId: string, origin: LatLng, options: PlaceSearchOptions = {}): Promise<NearbyPlace[]> {
    const index = await this.indexOf(programmeId, options.role ?? 'training');
    const wanted = (options.services ?? []).map(normalizeName).filter(Boolean);
    const openAt = options.openAt;
    const filter =
      wanted.length === 0 && !openAt
        ? undefined
        : (place: Place) =>
            (wanted.length === 0 || place.services.some((s) => wanted.some((w) => normalizeName(s).includes(w)))) &&
            (!openAt || (!!place.openingHours && !place.openingHoursIsDefault && isOpenAt(place.openingHours, openAt)));
    return index.nearest(origin, { limit: options.limit ?? 3, maxKm: options.maxKm, filter });
  }

  private async indexOf(programmeId: string, role: PlaceRole): Promise<PlaceIndex> {
    const key = `${programmeId}/${role}`;
    const cached = this.indexes.get(key);
    if (cached && Date.now() - cached.builtAt < INDEX_TTL_MS && (await this.stores.places.count({ programmeId, role })) === cached.index.size) {
      return cached.index;
    }
    const index = new PlaceIndex(await this.stores.places.list({ programmeId, role }));
    this.indexes.set(key, { index, builtAt: Date.now() });
    return index;
  }

  async nearestToCommune(programmeId: string, commune: Commune, limit = 3): Promise<NearbyPlace[]> {
    const origin = communePosition(commune);
    return origin ? this.nearestTrainingPlaces(programmeId, origin, limit) : [];
  }
}
