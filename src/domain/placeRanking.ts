/**
 * The order a person can use: nearest first, but among places at the same
 * distance as the person reads it (« à moins d'1 km », « à 3 km »), one
 * they can call and whose hours are known comes before one they would
 * have to find out about. Pure.
 */
import type { LatLng } from './communes';
import type { PlaceHit, PlaceIndex } from './placeIndex';
import type { Place } from './types';

/** Places looked at beyond the last one shown, to rank the ties at its distance (a dense town centre). */
const TIE_LOOKAHEAD = 30;

export interface RankedHit {
  place: Place;
  km: number;
}

/** The distance as said to the person: 0 under a kilometre, else whole kilometres. */
export function distanceStep(km: number): number {
  return km < 1 ? 0 : Math.round(km);
}

/** The farthest distance still read as the same step as `km` (ties beyond the last shown place must be seen). */
export function stepEnd(km: number): number {
  return km < 1 ? 1 : Math.round(km) + 0.5;
}

/** 2 with a phone and published hours, 1 with one of them, 0 with neither. */
export function usefulness(place: Place): number {
  const hours = place.openingHours !== undefined && !place.openingHoursIsDefault;
  return (place.phone ? 1 : 0) + (hours ? 1 : 0);
}

export function rankForPerson<T extends RankedHit>(hits: readonly T[]): T[] {
  return [...hits].sort(
    (a, b) =>
      distanceStep(a.km) - distanceStep(b.km) ||
      usefulness(b.place) - usefulness(a.place) ||
      a.km - b.km ||
      a.place.id.localeCompare(b.place.id),
  );
}

/**
 * The `limit` places a person can use first: the nearest ones, then every
 * place as far as the last of them in the person's words, ranked.
 */
export function nearestForPerson(
  index: PlaceIndex,
  origin: LatLng,
  options: { limit: number; maxKm?: number; filter?: (place: Place) => boolean },
): PlaceHit[] {
  const { limit, filter } = options;
  let hits = index.nearest(origin, { limit, maxKm: options.maxKm, filter });
  const last = hits[limit - 1];
  if (last) {
    const maxKm = Math.min(options.maxKm ?? Infinity, stepEnd(last.km));
    hits = index.nearest(origin, { limit: limit + TIE_LOOKAHEAD, maxKm, filter });
  }
  return rankForPerson(hits).slice(0, limit);
}
