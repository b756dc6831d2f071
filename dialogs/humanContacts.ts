/**
 * The human route, offered from the menu, by "parler à quelqu'un" at any
 * point, and wherever a flow cannot go on. Whom to give is decided once,
 * in services/humanContacts.ts (the people who know the person, else a
 * place that gives carnets near them, the programme's published number,
 * the helpline); this file only words it. Each place comes with its phone
 * from the places data, or its address and hours where it publishes no
 * phone (`reach`, used by every flow that names a place to call).
 */
import { shownAddress } from '../src/domain/placeAddress';
import type { TurnContext } from 'botbuilder';
import type { Commune } from '../src/domain/communes';
import { normalizeName } from '../src/domain/communes';
import type { Programme } from '../src/domain/programme';
import type { Place } from '../src/domain/types';
import { describeWeekHours } from '../src/domain/openingHoursWords';
import { sessionTense } from '../src/domain/sessionTense';
import { senderOf, verifiedBeneficiary } from '../src/bot/state';
import type { Translate } from '../src/i18n';
import type { PersonContacts } from '../src/services/beneficiaryAccount';
import type { HumanContact } from '../src/services/humanContacts';
import type { DialogDeps } from './deps';
import { knownProgramme } from './programmeOf';
import { sendReply } from '../src/channels/send';
import { rememberNamedPlaces } from './namedPlaces';

/** How to reach a place: its phone, else its address and usual hours. */
export function reach(place: Place, t: Translate, now: Date): string | undefined {
  if (place.phone) return place.phone;
  if (!place.address) return undefined;
  return t('human.address_hours', addressAndHours(place, t, now));
}

/** A place's address and its usual hours (« horaires à demander » where it publishes none). */
function addressAndHours(place: Place, t: Translate, now: Date): { address: string; hours: string } {
  const address = t('find_place.address', { address: shownAddress(place), postalCode: place.postalCode, commune: place.commune });
  const hours =
    place.openingHours && !place.openingHoursIsDefault
      ? describeWeekHours(place.openingHours, now, (key, options) => t(key, { ...options, ns: 'places' }))
      : t('places:hours.unknown');
  return { address, hours };
}

/**
 * For someone who cannot phone (« je suis sourde »): each place of the contacts to go to, with its address and
 * hours, and its e-mail where the data has one; undefined when no contact is a place with an address.
 */
export function inPersonText(contacts: readonly HumanContact[], t: Translate, now: Date): string | undefined {
  const lines = contacts.flatMap((contact) => {
    const place = 'place' in contact ? contact.place : undefined;
    if (!place?.address.trim()) return [];
    const words = { name: placeWithCommune(place, t), ...addressAndHours(place, t, now) };
    return [place.email ? t('human.in_person_line_email', { ...words, email: place.email }) : t('human.in_person_line', words)];
  });
  return lines.length > 0 ? [t('human.in_person'), ...lines].join('\n') : undefined;
}

/** « Médiathèque (Florac Trois Rivières) »; « France services de Mende » already says where it is. */
export function placeWithCommune(place: Place, t: Translate): string {
  const named = normalizeName(place.name).includes(normalizeName(place.commune));
  return named || !place.commune ? place.name : t('human.place_in', { name: place.name, commune: place.commune });
}

/** One contact, as a line of the list. */
export function contactLine(contact: HumanContact, t: Translate, programme: Programme | undefined, now: Date): string {
  const book = programme?.voucherBook.word ?? t('common.book_word');
  switch (contact.kind) {
    case 'lastPlace': {
      // « votre dernière séance » only of one held: Martine's only booking is Friday's, still to come.
      const tense = contact.session ? sessionTense(contact.session, now) : 'past';
      const key = contact.gaveBook ? 'human.last_place_structure' : 'human.last_place';
      return t(tense === 'past' ? key : `${key}_${tense}`, {
        name: contact.place.name,
        reach: reach(contact.place, t, now),
        book,
      });
    }
    case 'issuer':
      return t('human.structure_reach', { structure: contact.structure, reach: reach(contact.place, t, now), book });
    case 'prescriber':
      return t(contact.near === 'home' ? 'human.prescriber_home' : 'human.prescriber_departement', {
        name: placeWithCommune(contact.place, t),
        reach: reach(contact.place, t, now),
        book,
      });
    case 'programme':
      return t('human.programme_contact', { name: contact.name, phone: contact.phone });
    case 'helpline':
      return t('human.helpline');
  }
}

export function contactLines(contacts: readonly HumanContact[], t: Translate, programme: Programme | undefined, now: Date): string[] {
  return contacts.map((contact) => contactLine(contact, t, programme, now));
}

/** « Vous pouvez parler à une personne : » and every contact, one a line. */
export function humanContactsText(contacts: readonly HumanContact[], t: Translate, programme: Programme | undefined, now: Date): string {
  return [t('human.intro'), ...contactLines(contacts, t, programme, now)].join('\n');
}

/** Who knows this person, when they proved who they are here; nobody otherwise. */
export async function personalContacts(context: TurnContext, deps: DialogDeps): Promise<PersonContacts> {
  const verified = verifiedBeneficiary(await deps.state.conversationData.get(context, {}), senderOf(context.activity), deps.clock.now());
  return verified ? deps.services.account.contacts(verified) : {};
}

export interface ContactOptions {
  /** The person's programme, when the flow knows it better than the profile does. */
  programme?: Programme;
  /** Where the person said they live. */
  commune?: Commune;
  /** Who knows them, when the flow has it already (a carnet's issuer, the person's own contacts). */
  known?: PersonContacts;
}

/** The contacts for the person of this turn: who knows them when they proved who they are, else a place near them. */
export async function contactsFor(context: TurnContext, deps: DialogDeps, options: ContactOptions = {}): Promise<HumanContact[]> {
  const programme = options.programme ?? (await knownProgramme(context, deps));
  const known = options.known ?? (await personalContacts(context, deps));
  const contacts = await deps.services.humanContacts.forPerson({
    programme,
    known,
    ...(options.commune ? { commune: options.commune } : {}),
  });
  // « c'est où ? » next is about the places given (the contacts are composed to be sent).
  await rememberNamedPlaces(
    context,
    deps,
    contacts.flatMap((contact) => ('place' in contact ? [contact.place] : [])),
  );
  return contacts;
}

/** The human route for this person, as one text. */
export async function personalContactsText(context: TurnContext, deps: DialogDeps, options: ContactOptions = {}): Promise<string> {
  const programme = options.programme ?? (await knownProgramme(context, deps));
  const contacts = await contactsFor(context, deps, { ...options, programme });
  return humanContactsText(contacts, deps.t, programme, deps.clock.now());
}

/**
 * One person to call where the places given publish no phone (placeText.needsPhoneContact):
 * « Pour parler à quelqu'un par téléphone : » and the first of the person's contacts that has a number.
 */
export async function phoneContactText(context: TurnContext, deps: DialogDeps, options: ContactOptions = {}): Promise<string> {
  const programme = options.programme ?? (await knownProgramme(context, deps));
  const known = options.known ?? (await personalContacts(context, deps));
  const contact = await deps.services.humanContacts.toCall({ programme, known, ...(options.commune ? { commune: options.commune } : {}) });
  return [deps.t('find_place.phone_contact'), contactLine(contact, deps.t, programme, deps.clock.now())].join('\n');
}

export async function sendPersonalContacts(context: TurnContext, deps: DialogDeps, options: ContactOptions = {}): Promise<void> {
  await sendReply(context, await personalContactsText(context, deps, options), deps.t);
}

/** « j'ai perdu mon carnet », at the carnet question or anywhere: who gives one, and whom to call. */
export async function sendNoVoucherBookHelp(context: TurnContext, deps: DialogDeps, options: ContactOptions = {}): Promise<void> {
  await sendReply(context, deps.t('identify.no_carnet'), deps.t);
  await sendPersonalContacts(context, deps, options);
  const data = await deps.state.conversationData.get(context, {});
  await deps.state.conversationData.set(context, { ...data, noVoucherBookTold: true });
}
