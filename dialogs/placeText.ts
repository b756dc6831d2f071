/**
 * One place in a list, as people need it: name, address, distance, phone,
 * whether it is open now, and its online booking page when it has one —
 * on SMS its name, commune and phone only (`place_line_sms`: three places
 * in full were 456 characters, over the 320 of a message), the rest on
 * request (placeDetails). A place without a phone gives its address and
 * hours instead (« Pas de téléphone indiqué » left a person with no one to
 * reach, issue 14).
 * Opening hours that are only the programme's default (not published by
 * the place) are never stated as fact: the person is told to call first.
 * A name is written as the place writes it (« 8 Fablab Drôme »): these
 * lines are bullets, never numbered options, so a leading digit reads as
 * no option (quoting it gave « "8 Fablab Drome" », a stranger's).
 */
import { shownAddress } from '../src/domain/placeAddress';
import { describeOpeningStatus, describeWeekHours, timeWords, weekPattern } from '../src/domain/openingHoursWords';
import type { Translate } from '../src/i18n';
import type { Place } from '../src/domain/types';
import type { NearbyPlace } from '../src/services/placeSearch';
import { normalize } from '../src/nlu/normalize';

/** What a place's details are written from: what a person needs to find and reach it (JSON, kept in conversation state too). */
export type PlaceCard = Pick<Place, 'name' | 'address' | 'postalCode' | 'commune' | 'phone' | 'openingHours' | 'openingHoursIsDefault'>;

/** Whether the place's name already says its commune (« France services Die », « La Poste du Collet-de-Dèze »). */
function namesCommune(place: PlaceCard): boolean {
  const commune = normalize(place.commune).replace(/^(?:le|la|les|l) /, '');
  return ` ${normalize(place.name)} `.includes(` ${commune} `);
}

/**
 * What a person needs to find and reach a place: its name, address, and its
 * phone with whether it is open now — or, where it publishes no phone, when
 * to go there (its usual week, and whether it is open now), never a line
 * saying there is no phone: the list then gives a person to call
 * (needsPhoneContact).
 */
function placeFacts(place: PlaceCard, t: Translate, now: Date) {
  const where = t('find_place.address', { address: shownAddress(place), postalCode: place.postalCode, commune: place.commune });
  const placesWords = (key: string, options?: Record<string, unknown>) => t(key, { ...options, ns: 'places' });
  const published = place.openingHours && !place.openingHoursIsDefault ? place.openingHours : undefined;
  const name = place.name;
  // On SMS a listed place gives its commune, once (« Commune de Mende », never « Commune de Mende, Mende »),
  // and its number bare (« Latelier, Die : 04 75 21 43 80 »), as the human contacts do.
  const named = namedPlace(place, t);
  if (place.phone) {
    // « appelez avant de venir » only where there is a number to call.
    const hours = published ? describeOpeningStatus(published, now, placesWords) : t('places:hours.unknown_call_first');
    return { name, where, named, phone: t('find_place.phone', { phone: place.phone }), number: place.phone, hours };
  }
  const status = published ? describeOpeningStatus(published, now, placesWords) : t('places:hours.unknown');
  const visit = published
    ? t('find_place.visit_hours', { week: describeWeekHours(published, now, placesWords), status })
    : t('find_place.visit_unknown');
  // On SMS, its street and when it opens in place of a number (« Commune de Die : Rue Félix Germain (fermé, ouvre
  // demain à 9 h) »); its whole week with « Adresses et horaires ».
  const reach = place.address.trim() ? t('find_place.visit_sms', { address: shownAddress(place), status }) : status;
  return { name, where, named, visit, reach };
}

/** A place as an option (« Latelier, Die », « France services de Mende »): its name, with its commune when the name does not say it. */
export function namedPlace(place: PlaceCard, t: Translate): string {
  return namesCommune(place) ? place.name : t('find_place.name_commune', { name: place.name, commune: place.commune });
}

/** The sentence for a place: with its phone, or with when to go there. */
function lineKey(place: PlaceCard, key: 'place_line' | 'place_details'): string {
  return `find_place.${key}${place.phone ? '' : '_visit'}`;
}

/** Its online booking page after a line about a place, when it has one. */
function withBookingLink(line: string, place: Place, t: Translate): string {
  return place.bookingUrl ? `${line} ${t('find_place.booking_link', { url: place.bookingUrl })}` : line;
}

export function placeLine({ place, km }: NearbyPlace, t: Translate, now: Date): string {
  const distance = km < 1 ? t('find_place.distance_near') : t('find_place.distance_km', { km: Math.round(km) });
  return withBookingLink(t(lineKey(place, 'place_line'), { ...placeFacts(place, t, now), distance }), place, t);
}

/** A listed place in full, when the short SMS line was not enough (« Adresses et horaires »). */
export function placeDetailsLine({ place }: NearbyPlace, t: Translate, now: Date): string {
  return withBookingLink(placeDetails(place, t, now), place, t);
}

/**
 * « c ouvert le samedi ? » after the places: « La Pompe : le samedi, fermé », « … : le samedi, 9 h-12 h »;
 * where the place publishes no hours, said so.
 */
export function placeDayLine(place: PlaceCard, weekday: number, t: Translate, now: Date): string {
  const placesWords = (key: string, options?: Record<string, unknown>) => t(key, { ...options, ns: 'places' });
  const published = place.openingHours && !place.openingHoursIsDefault ? place.openingHours : undefined;
  const day = (t('places:days.long', { returnObjects: true }) as unknown as string[])[weekday - 1];
  const name = namedPlace(place, t);
  if (!published) return t('find_place.day_unknown', { name, day });
  const ranges = weekPattern(published, now).find((d) => d.weekday === weekday)?.ranges ?? [];
  if (ranges.length === 0) return t('find_place.day_closed', { name, day });
  const hours = ranges
    .map((r) => placesWords('places:hours.range', { start: timeWords(r.start, placesWords), end: timeWords(r.end, placesWords) }))
    .join(placesWords('places:hours.ranges_separator'));
  return t('find_place.day_open', { name, day, hours });
}

/** « c'est où ? » about the place of the session being chosen: where it is, its phone, whether open now. */
export function placeDetails(place: PlaceCard, t: Translate, now: Date): string {
  return t(lineKey(place, 'place_details'), placeFacts(place, t, now));
}

/**
 * Places given without any phone among them: the message adds a person to
 * call (humanContacts.phoneContactText). Where one of them has a number,
 * that place is someone to call already (« appelez un lieu qui a un numéro »).
 */
export function needsPhoneContact(places: readonly PlaceCard[]): boolean {
  return places.length > 0 && places.every((place) => !place.phone);
}

/**
 * After training places, whose sessions the assistant books (« Réserver une
 * séance ici » follows): that first, calling the place as the other way —
 * every place listed, or those with a number; no call when none has one.
 * It once said only « appelez le lieu » above the offer to book there.
 */
export function bookOrCallLine(places: readonly NearbyPlace[], t: Translate): string {
  const withPhone = places.filter(({ place }) => place.phone).length;
  return t(
    withPhone === 0
      ? 'find_place.book_or_call_none'
      : withPhone === places.length
        ? 'find_place.book_or_call'
        : 'find_place.book_or_call_some',
  );
}

/** The same places to someone who cannot book (no hour left): calling them is the way, when they have a number. */
export function callLine(places: readonly NearbyPlace[], t: Translate): string | undefined {
  const withPhone = places.filter(({ place }) => place.phone).length;
  return withPhone === 0 ? undefined : t(withPhone === places.length ? 'find_place.call' : 'find_place.call_some');
}

const WEEKDAY_WORDS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** « c ouvert le samedi ? », « et le mercredi », « samedis »: the ISO weekday named (1 = Monday), if one. */
export function weekdayNamed(text: string): number | undefined {
  const words = normalize(text).split(/[^a-z]+/);
  const index = WEEKDAY_WORDS.findIndex((day) => words.includes(day) || words.includes(`${day}s`));
  return index >= 0 ? index + 1 : undefined;
}
