/**
 * The places an answer just named (« Adressez-vous à France services de
 * Mende : 04 66 49 67 13 », the places that give carnets near Die): « ou ca ? »,
 * « quelle adresse », « et le numero ? » next, at the menu, ask about them —
 * not a new search that asks the commune again. They are kept in
 * conversation data as named (plain JSON), replaced by the next answer that
 * names places, dropped when a flow starts from the menu. The answer is
 * aboutNamedPlaces.ts (humanContacts, which remembers, is one of its words).
 */
import type { TurnContext } from 'botbuilder';
import type { Place } from '../src/domain/types';
import type { NamedPlace } from '../src/bot/state';
import type { DialogDeps } from './deps';

/** An answer names a few places; past these, a question is about a list, which the places search answers itself. */
const MAX_NAMED = 3;

function named(place: Place): NamedPlace {
  const { name, address, postalCode, commune, phone, openingHours, openingHoursIsDefault } = place;
  return {
    name,
    address,
    postalCode,
    commune,
    ...(phone ? { phone } : {}),
    ...(openingHours ? { openingHours } : {}),
    ...(openingHoursIsDefault ? { openingHoursIsDefault } : {}),
  };
}

/** These places were just named to the person (no place: nothing changes, the last ones named stay). */
export async function rememberNamedPlaces(context: TurnContext, deps: DialogDeps, places: readonly Place[]): Promise<void> {
  if (places.length === 0) return;
  const data = await deps.state.conversationData.get(context, {});
  await deps.state.conversationData.set(context, { ...data, namedPlaces: places.slice(0, MAX_NAMED).map(named) });
}

/** A flow starts: what it names next is what « c'est où ? » will mean. */
export async function forgetNamedPlaces(context: TurnContext, deps: DialogDeps): Promise<void> {
  const data = await deps.state.conversationData.get(context, {});
  if (data.namedPlaces) await deps.state.conversationData.set(context, { ...data, namedPlaces: undefined });
}
