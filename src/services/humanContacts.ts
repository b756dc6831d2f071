/**
 * Whom a person can talk to: the one decision behind every human route the
 * bot gives (« parler à quelqu'un », a flow that cannot go on, no hour
 * left, a locked or expired carnet, « suis-je éligible ? » without a
 * commune). Each contact is a place the person can reach — it publishes a
 * phone, or else an address (given with its hours) — or a number published
 * for that purpose; a name alone is never a contact.
 *
 * In order: the people who already know the person (the place of their
 * last session, the structure that gave their carnet), else a place that
 * gives carnets — the nearest to where they live, or, when only their
 * département is known, one in its largest town, as an example —, the
 * programme's own number when the département publishes one, and always
 * the national helpline. A place that gives carnets applies to everyone:
 * to someone without one, and to someone who needs another; « the person
 * who gave you your carnet » is said only when the carnet says who it was.
 */
import { type Commune, communePosition } from '../domain/communes';
import type { Programme } from '../domain/programme';
import type { BookingStatus, Place } from '../domain/types';
import type { PersonContacts } from './beneficiaryAccount';
import type { PlaceSearch } from './placeSearch';

export type HumanContact =
  /**
   * The place of their last booking; `gaveBook` when it is also the structure that gave their carnet;
   * `session`: that booking's, to word it as held, to come or cancelled (domain/sessionTense).
   */
  | { kind: 'lastPlace'; place: Place; gaveBook: boolean; session?: { start: Date; status: BookingStatus } }
  /** The structure that gave their carnet, as the carnet names it, and its place record. */
  | { kind: 'issuer'; structure: string; place: Place }
  /** A place that gives carnets: near where they live (`home`), or an example in the département. */
  | { kind: 'prescriber'; place: Place; near: 'home' | 'departement' }
  /** A number the département published for the pass. */
  | { kind: 'programme'; name: string; phone: string }
  | { kind: 'helpline' };

export interface ContactQuery {
  programme?: Programme;
  /** Who knows the person, once they proved who they are. */
  known?: PersonContacts;
  /** Where they said they live (it wins over the commune on file). */
  commune?: Commune;
}

/** A place can be given as a contact: it has a phone, or an address to give with its hours. */
export function reachable(place: Place | undefined): place is Place {
  return !!place && (!!place.phone || !!place.address.trim());
}

/** The number the département published for the pass; an assumed one is never given to the public. */
export function publishedPhone(programme: Programme): string | undefined {
  const phone = programme.contact.phone;
  return phone && !phone.assumed ? phone.value : undefined;
}

/** A contact that answers the phone: a place that publishes one, the programme's number, the national helpline. */
export function callable(contact: HumanContact): boolean {
  return contact.kind === 'programme' || contact.kind === 'helpline' || !!contact.place.phone;
}

export class HumanContacts {
  constructor(private readonly placeSearch: PlaceSearch) {}

  /**
   * The first of the person's contacts (forPerson, in its order) that
   * answers the phone: for a place, or places, that publish none. There is
   * always one, the helpline last.
   */
  async toCall(query: ContactQuery): Promise<HumanContact> {
    return (await this.forPerson(query)).find(callable) ?? { kind: 'helpline' };
  }

  async forPerson(query: ContactQuery): Promise<HumanContact[]> {
    const { programme, known = {} } = query;
    const contacts: HumanContact[] = [];
    const last = reachable(known.lastPlace) ? known.lastPlace : undefined;
    const issuerPlace = known.structure && reachable(known.structurePlace) ? known.structurePlace : undefined;
    const sameStructure = !!last && issuerPlace?.id === last.id;
    if (last)
      contacts.push({
        kind: 'lastPlace',
        place: last,
        gaveBook: sameStructure,
        ...(known.lastSession ? { session: known.lastSession } : {}),
      });
    if (known.structure && issuerPlace && !sameStructure) contacts.push({ kind: 'issuer', structure: known.structure, place: issuerPlace });
    if (programme) {
      if (!issuerPlace) {
        const commune = query.commune ?? (known.communeInsee ? this.placeSearch.communes.getByInsee(known.communeInsee) : undefined);
        const prescriber = await this.prescriberFor(programme, commune, last ? [last.id] : []);
        if (prescriber) contacts.push({ kind: 'prescriber', ...prescriber });
      }
      const phone = publishedPhone(programme);
      if (phone) contacts.push({ kind: 'programme', name: programme.contact.name, phone });
    }
    contacts.push({ kind: 'helpline' });
    return contacts;
  }

  /**
   * A place of the programme that gives carnets, for a person living in
   * `commune` (of the programme's département), or anywhere in it: the
   * nearest that publishes a phone, else the nearest with an address.
   */
  async prescriberFor(
    programme: Programme,
    commune?: Commune,
    excludeIds: readonly string[] = [],
  ): Promise<{ place: Place; near: 'home' | 'departement' } | undefined> {
    const home = commune?.departement === programme.departement.code ? commune : undefined;
    const from = home ?? this.placeSearch.communes.largestOf(programme.departement.code);
    const origin = from && communePosition(from);
    if (!origin) return undefined;
    const near = home ? 'home' : 'departement';
    const search = (withPhone: boolean) =>
      this.placeSearch.search(programme.id, origin, { role: 'prescribing', limit: 1, withPhone, excludeIds });
    const [withPhone] = await search(true);
    if (withPhone) return { place: withPhone.place, near };
    const [any] = await search(false);
    return reachable(any?.place) ? { place: any.place, near } : undefined;
  }
}
