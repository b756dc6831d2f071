/**
 * Places for the scaling table: the real places of the programmes, then
 * copies of them until there are `count` — each copy a new id and name, a
 * few kilometres away, with the same roles and opening hours, so that the
 * demo timetable gives it slots like the place it copies. A national
 * deployment has ~40,000 places; the real file has 119 in two départements.
 */
import { loadPlaces } from '../src/data/places';
import type { Programme } from '../src/domain/programme';
import type { PlaceCleaning } from '../src/domain/places';
import type { Place } from '../src/domain/types';
import { seededPlaces } from '../src/services/demoSeed';

export function scaledPlaces(programmes: readonly Programme[], count: number): PlaceCleaning {
  const real = loadPlaces(programmes);
  const base = seededPlaces(real.places, programmes);
  const places: Place[] = [...base];
  for (let copy = 1; places.length < count; copy += 1) {
    for (const place of base) {
      if (places.length >= count) break;
      // Deterministic spread of up to ~0.2° (about 15 km) around the original.
      const angle = (copy * 2.399963) % (2 * Math.PI);
      const distance = 0.02 + 0.18 * ((copy * 0.618034) % 1);
      places.push({
        ...place,
        id: `${place.id}-copie-${copy}`,
        name: `${place.name} (antenne ${copy})`,
        latitude: place.latitude + distance * Math.sin(angle),
        longitude: place.longitude + distance * Math.cos(angle),
      });
    }
  }
  return { places, rejected: real.rejected };
}
