/**
 * « c qui France services de Mende ? », « c'est quoi la Mairie annexe de
 * Chirac ? » at the menu: a place the person knows of (the structure that
 * gave their carnet, the place of their last session) or that an answer just
 * named — what it is to them and how to reach it, not a search for places
 * near the commune in its name.
 */
import type { TurnContext } from 'botbuilder';
import { sendReply } from '../src/channels/send';
import { findSignals } from '../src/nlu/conversationSignals';
import { normalize } from '../src/nlu/normalize';
import type { DialogDeps } from './deps';
import { personalContacts } from './humanContacts';
import { type PlaceCard, placeDetails } from './placeText';

/** What the place is to the person: the words said before its details. */
type Role = 'issuer' | 'last_place' | 'named';

interface Known {
  name: string;
  role: Role;
  place?: PlaceCard;
}

/** The name as whole words of the message: « france services de mende » in « c qui france services de mende ? ». */
function names(text: string, name: string): boolean {
  const said = ` ${normalize(text)
    .replace(/[?!.,;]/g, ' ')
    .replace(/\s+/g, ' ')} `;
  return said.includes(` ${normalize(name).trim()} `);
}

/** The places this person may ask about by name, the ones closest to them first. */
async function knownPlaces(context: TurnContext, deps: DialogDeps): Promise<Known[]> {
  const contacts = await personalContacts(context, deps);
  const named = (await deps.state.conversationData.get(context, {})).namedPlaces ?? [];
  return [
    ...(contacts.structure ? [{ name: contacts.structure, role: 'issuer' as const, place: contacts.structurePlace }] : []),
    ...(contacts.structurePlace ? [{ name: contacts.structurePlace.name, role: 'issuer' as const, place: contacts.structurePlace }] : []),
    ...(contacts.lastPlace ? [{ name: contacts.lastPlace.name, role: 'last_place' as const, place: contacts.lastPlace }] : []),
    ...named.map((place) => ({ name: place.name, role: 'named' as const, place })),
  ];
}

/** True (the answer sent) when the message asks what or who a place the person knows of is; false, nothing sent, otherwise. */
export async function answerWhoIsPlace(context: TurnContext, deps: DialogDeps, text: string): Promise<boolean> {
  if (!findSignals(text).has('whatIs')) return false;
  const asked = (await knownPlaces(context, deps)).find((known) => names(text, known.name));
  if (!asked) return false;
  const { t, clock } = deps;
  const lines = [t(`about_place.${asked.role}`, { name: asked.name })];
  if (asked.place) lines.push(placeDetails(asked.place, t, clock.now()));
  await sendReply(context, lines.join('\n'), t);
  return true;
}
