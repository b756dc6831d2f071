/**
 * « ou ca ? », « quelle adresse », « et le numero ? » at the menu, right after
 * an answer named places (namedPlaces.ts): their details, not a new search.
 */
import type { TurnContext } from 'botbuilder';
import { sendReply } from '../src/channels/send';
import { asksAboutPlace } from '../src/nlu/conversationSignals';
import type { DialogDeps } from './deps';
import { phoneContactText } from './humanContacts';
import { needsPhoneContact, placeDetails } from './placeText';

/**
 * « c ou ? », « et leur numero ? » about the places just named: where each is, its phone and whether it is open,
 * and a person to call where none publishes a number. False (nothing sent) when the message asks something else,
 * names a commune (« et a valence ? » is a search there), or no place was named.
 */
export async function answerAboutNamedPlaces(context: TurnContext, deps: DialogDeps, text: string): Promise<boolean> {
  if (!asksAboutPlace(text)) return false;
  const { programmes, clock, services, state, t } = deps;
  const places = (await state.conversationData.get(context, {})).namedPlaces ?? [];
  if (places.length === 0) return false;
  if ((await services.intents.understand(text, { now: clock.now(), programmes })).entities.commune) return false;
  const lines = places.map((place) => placeDetails(place, t, clock.now()));
  if (needsPhoneContact(places)) lines.push(await phoneContactText(context, deps));
  await sendReply(context, lines.join('\n'), t);
  return true;
}
