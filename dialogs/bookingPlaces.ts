/**
 * Where a booking's sessions are looked for, from its wish (bookingWish.ts):
 * the places nearest the commune the person named, in their programme, the
 * one picked from a list of places first (« Dans quel lieu ? ») — else near home, the place of the last session first — and, for a moment
 * asked, the first of those places that has a session then (« à Florac
 * jeudi aprem »: Thursday afternoon at La Pompe; nothing there: the next
 * place that has one).
 */
import type { Programme } from '../src/domain/programme';
import type { SessionExclusion } from '../src/domain/sessionExclusions';
import { type SessionTense, sessionTense } from '../src/domain/sessionTense';
import { placeName } from '../src/frenchGrammar';
import { readingsOf, type WhenEntity } from '../src/nlu/whenEntity';
import type { NearbyPlace } from '../src/services/placeSearch';
import type { BookingWish } from './bookingWish';
import { askedTime } from './ChooseSlotDialog';
import type { DialogDeps } from './deps';

/** A place offered for the booking, as kept in the flow's options (JSON); its fields fill the place's label. */
export type PlaceOption = {
  id: string;
  name: string;
  commune: string;
  km: number;
};

export interface PlacesFound {
  places: PlaceOption[];
  lastPlaceId?: string;
  /** Whether the session there is past, to come or cancelled: « comme la dernière fois » only of one the person had. */
  lastTense?: SessionTense;
  /** The commune they are nearest to, when the person named one. */
  communeInsee?: string;
  /** The commune the person named, outside their programme's département (« un rdv à Die » on a Lozère carnet): not where the places are. */
  elsewhere?: string;
}

/** How far down the places nearest a commune a place picked from its list is looked for (its pages, « Voir d'autres lieux »). */
const CHOSEN_PLACE_REACH = 30;

function toOption({ place, km }: NearbyPlace): PlaceOption {
  // « Commune de Mende » is said « Mende »: « Séances libres à Mende ».
  return { id: place.id, name: placeName(place.name, place.commune), commune: place.commune, km: Math.max(1, Math.round(km)) };
}

/** The places to offer: nearest the commune named (in the person's programme), else near home with the last one first (saying a commune named elsewhere was not used). */
export async function placesFor(deps: DialogDeps, beneficiaryId: string, programme: Programme, wish: BookingWish): Promise<PlacesFound> {
  const { services } = deps;
  const session = await services.slots.lastSession(beneficiaryId);
  const last = session ? { lastPlaceId: session.placeId, lastTense: sessionTense(session, deps.clock.now()) } : {};
  const named = wish.commune && services.placeSearch.communes.getByInsee(wish.commune.insee);
  if (named && named.departement === programme.departement.code) {
    const near = await services.placeSearch.nearestToCommune(programme.id, named, wish.placeId ? CHOSEN_PLACE_REACH : 3);
    // The place picked from the list first, then the others nearest the commune.
    const chosen = near.filter(({ place }) => place.id === wish.placeId);
    const places = [...chosen, ...near.filter(({ place }) => place.id !== wish.placeId).slice(0, 3 - chosen.length)];
    if (places.length > 0) return { places: places.map(toOption), ...last, communeInsee: named.insee };
  }
  const offered = await services.slots.placesToOffer(beneficiaryId);
  const elsewhere = named && named.departement !== programme.departement.code ? { elsewhere: named.name } : {};
  // A place chosen with no commune (the session just cancelled, taken back: « remettez-le »): that place first, near home or not.
  const chosen = wish.placeId && !named ? await services.slots.place(wish.placeId) : undefined;
  const nearHome = offered.places.filter(({ place }) => place.id !== chosen?.id).map(toOption);
  const places = chosen ? [toOption({ place: chosen, km: 0 }), ...nearHome] : nearHome;
  return { places, ...last, ...elsewhere };
}

/** The first of the places (in their order) with a free session at the moment asked, before the carnet expires. */
export async function firstPlaceWithSession(
  deps: DialogDeps,
  places: readonly PlaceOption[],
  when: WhenEntity,
  before: string,
  exclusions?: SessionExclusion[],
): Promise<PlaceOption | undefined> {
  const now = deps.clock.now();
  // « jeudi prochain » on a Wednesday may be either Thursday: a place with a session on one of them (not one said against).
  const asked = readingsOf(when).map((reading) => askedTime(reading, now, exclusions));
  for (const place of places) {
    for (const moment of asked) {
      const answer = await deps.services.slots.forAskedTime(place.id, moment, now, new Date(before), 1);
      if (answer.kind === 'exact' || answer.kind === 'within') return place;
    }
  }
  return undefined;
}
