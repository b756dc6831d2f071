/**
 * What a person needs of a place besides a subject, in the schema's own
 * values: a specific support (`prise_en_charge_specifique`: « Handicaps
 * moteurs » for « accessible en fauteuil »), an audience it welcomes
 * (`publics_specifiquement_adresses`: « Seniors »), or no fee
 * (`frais_a_charge`: « Gratuit »). Values are compared without case or
 * accents, and older spellings count (« Seniors (+ 65 ans) »). Pure.
 */
import { labelKey } from './placeServices';
import type { Place } from './types';

export interface PlaceCriteria {
  /** Schema values of `prise_en_charge_specifique`, every one of them needed. */
  support?: string[];
  /** Schema values of `publics_specifiquement_adresses`, every one of them needed. */
  audiences?: string[];
  /** Only places that publish « Gratuit » (not « Gratuit sous condition »: the condition is unknown). */
  free?: boolean;
}

/** Every wanted value published, as is or followed by a precision ("Seniors (+ 65 ans)"). */
function publishesEvery(published: readonly string[] | undefined, wanted: readonly string[]): boolean {
  const keys = (published ?? []).map(labelKey);
  return wanted.map(labelKey).every((w) => keys.some((key) => key === w || key.startsWith(`${w} `)));
}

export function hasCriteria(criteria: PlaceCriteria | undefined): criteria is PlaceCriteria {
  return !!criteria && ((criteria.support?.length ?? 0) > 0 || (criteria.audiences?.length ?? 0) > 0 || criteria.free === true);
}

export function meetsCriteria(place: Place, criteria: PlaceCriteria): boolean {
  if (criteria.support?.length && !publishesEvery(place.specificSupport, criteria.support)) return false;
  if (criteria.audiences?.length && !publishesEvery(place.audiences, criteria.audiences)) return false;
  if (criteria.free && !(place.fees ?? []).some((f) => labelKey(f) === 'gratuit')) return false;
  return true;
}
