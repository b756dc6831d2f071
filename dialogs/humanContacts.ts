/**
 * The human route, offered from the menu, by "parler à quelqu'un" at any
 * point, and wherever a flow cannot go on. When we know who the person is,
 * the people who already know them come first: the place of their last
 * session and the structure that gave their carnet, each with its phone
 * from the places data (or its address and hours where it publishes no
 * phone). A name without either is never given alone: the national
 * helpline, with its number, always closes the list.
 */
import type { TurnContext } from 'botbuilder';
import type { Programme } from '../src/domain/programme';
import type { Place } from '../src/domain/types';
import { describeWeekHours } from '../src/domain/openingHoursWords';
import { senderOf, verifiedBeneficiary } from '../src/bot/state';
import type { Translate } from '../src/i18n';
import type { PersonContacts } from '../src/services/beneficiaryAccount';
import type { DialogDeps } from './deps';
import { knownProgramme } from './programmeOf';
import { sendReply } from '../src/channels/send';

/** How to reach a place: its phone, else its address and usual hours. */
export function reach(place: Place, t: Translate, now: Date): string | undefined {
  if (place.phone) return place.phone;
  if (!place.address) return undefined;
  const address = t('find_place.address', { address: place.address, postalCode: place.postalCode, commune: place.commune });
  const hours =
    place.openingHours && !place.openingHoursIsDefault
      ? describeWeekHours(place.openingHours, now, (key, options) => t(key, { ...options, ns: 'places' }))
      : t('places:hours.unknown');
  return t('human.address_hours', { address, hours });
}

function knownPeopleLines(t: Translate, programme: Programme, known: PersonContacts, now: Date): string[] {
  const book = programme.voucherBook.word;
  const lines: string[] = [];
  const last = known.lastPlace && reach(known.lastPlace, t, now);
  const structureReach = known.structurePlace && reach(known.structurePlace, t, now);
  const samePlace = !!known.lastPlace && known.structurePlace?.id === known.lastPlace.id;
  if (known.lastPlace && last) {
    lines.push(t(samePlace ? 'human.last_place_structure' : 'human.last_place', { name: known.lastPlace.name, reach: last, book }));
  }
  if (known.structure && !(samePlace && last)) {
    lines.push(
      structureReach
        ? t('human.structure_reach', { structure: known.structure, reach: structureReach, book })
        : t('human.structure', { structure: known.structure, book }),
    );
  }
  return lines;
}

export function humanContactsText(t: Translate, programme: Programme | undefined, known: PersonContacts, now: Date): string {
  const lines = [t('human.intro')];
  if (programme) {
    lines.push(...knownPeopleLines(t, programme, known, now));
    // A number we assumed (not published for the pass) is never given to the public, and a name alone is no contact.
    const phone = programme.contact.phone?.assumed === false ? programme.contact.phone.value : undefined;
    if (phone) lines.push(t('human.programme_contact', { name: programme.contact.name, phone }));
    if (!known.structure) lines.push(t('human.prescriber', { book: programme.voucherBook.word }));
  }
  lines.push(t('human.helpline'));
  return lines.join('\n');
}

/** Who knows this person, when they proved who they are here; nobody otherwise. */
export async function personalContacts(context: TurnContext, deps: DialogDeps): Promise<PersonContacts> {
  const verified = verifiedBeneficiary(await deps.state.conversationData.get(context, {}), senderOf(context.activity), deps.clock.now());
  return verified ? deps.services.account.contacts(verified) : {};
}

/** The human route for this person: their last place and prescribing structure when they proved who they are. */
export async function personalContactsText(context: TurnContext, deps: DialogDeps, programme?: Programme): Promise<string> {
  const known = await personalContacts(context, deps);
  return humanContactsText(deps.t, programme ?? (await knownProgramme(context, deps)), known, deps.clock.now());
}

export async function sendPersonalContacts(context: TurnContext, deps: DialogDeps, programme?: Programme): Promise<void> {
  await sendReply(context, await personalContactsText(context, deps, programme), deps.t);
}

/** « j'ai perdu mon carnet », at the carnet question or anywhere: who gives one, and whom to call. */
export async function sendNoVoucherBookHelp(context: TurnContext, deps: DialogDeps): Promise<void> {
  await sendReply(context, deps.t('identify.no_carnet'), deps.t);
  await sendPersonalContacts(context, deps);
}
