/**
 * "Where can I be trained near me?": the programme's training places
 * closest to a commune (or to a position shared by the browser).
 */
import { type Commune, type CommuneIndex, communePosition, type LatLng, nearest } from '../domain/communes';
import type { Programme } from '../domain/programme';
import type { Place, PlaceRole } from '../domain/types';
import type { Stores } from '../store/repositories';

export interface NearbyPlace {
  place: Place;
  km: number;
}

export class PlaceSearch {
  constructor(
    private readonly stores: Stores,
    readonly communes: CommuneIndex,
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
    const places = await this.stores.places.list({ programmeId, role });
    return nearest(origin, places, (p) => ({ lat: p.latitude, lng: p.longitude }), { limit }).map(({ item, km }) => ({
      place: item,
      km,
    }));
  }

  async nearestToCommune(programmeId: string, commune: Commune, limit = 3): Promise<NearbyPlace[]> {
    const origin = communePosition(commune);
    return origin ? this.nearestTrainingPlaces(programmeId, origin, limit) : [];
  }
}
