/**
 * The place record of a prescribing structure named on a carnet (« France
 * services de Mende », « Espace social et culturel du Diois »): the places
 * data holds its phone, address and hours, so the person can be given a
 * number to call rather than a bare name. Names are compared as published
 * names are (case, accents and punctuation aside); among records of one
 * structure, one with a phone wins.
 */
import { normalizeName } from './communes';
import type { Place } from './types';

export function placeOfStructure(places: readonly Place[], structure: string): Place | undefined {
  const key = normalizeName(structure);
  if (!key) return undefined;
  const named = places.filter((place) => normalizeName(place.name) === key);
  return named.find((place) => place.phone) ?? named.find((place) => place.address) ?? named[0];
}
