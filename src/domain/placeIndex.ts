/**
 * Nearest places through a static spatial index (kdbush, a packed k-d tree,
 * with geokdbush's great-circle k-nearest search), so "the 3 nearest places"
 * costs a few tree steps instead of a distance to every place of a national
 * file. Pure: built from places already in memory.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { distanceKm, type LatLng } from './communes';
import type { Place } from './types';

export interface PlaceHit {
  place: Place;
  km: number;
}

export interface NearestOptions {
  limit?: number;
  maxKm?: number;
  /** Only places passing this test (checked while walking the tree, so `limit` counts matches). */
  filter?: (place: Place) => boolean;
}

export class PlaceIndex {
  private readonly tree: KDBush;

  constructor(private readonly places: readonly Place[]) {
    this.tree = new KDBush(Math.max(1, places.length));
    for (const place of places) this.tree.add(place.longitude, place.latitude);
    if (places.length === 0) this.tree.add(0, 0); // kdbush needs one point; never returned (see below)
    this.tree.finish();
  }

  get size(): number {
    return this.places.length;
  }

  nearest(origin: LatLng, options: NearestOptions = {}): PlaceHit[] {
    if (this.places.length === 0) return [];
    const { filter } = options;
    const ids = around(
      this.tree,
      origin.lng,
      origin.lat,
      options.limit ?? Infinity,
      options.maxKm ?? Infinity,
      filter ? (i) => filter(this.places[i]) : undefined,
    );
    return ids.map((i) => {
      const place = this.places[i];
      return { place, km: distanceKm(origin, { lat: place.latitude, lng: place.longitude }) };
    });
  }
}
