/**
 * The booking's slots — subject, place, moment — filled from wherever the
 * person says them: the sentence that opened the booking (« rdv à Florac
 * jeudi aprem »), the menu choice, any later answer (« plutôt vendredi »).
 * BookDialog asks only what is still missing. Kept in the conversation's
 * data as plain JSON (ISO strings, ids), started with the booking and
 * dropped with it; a later word replaces an earlier one (a change of mind).
 */
import type { TurnContext } from 'botbuilder';
import type { BookingWish } from '../src/bot/state';
import type { Understanding } from '../src/nlu/understand';
import type { DialogDeps } from './deps';
import { turnUnderstanding } from './turnUnderstanding';
import { exclusionsAfter } from './exclusions';
import { refinedMoment } from '../src/nlu/refinedMoment';

export type { BookingWish };

/**
 * What a message says of the booking; nothing when it is an identity answer
 * alone (a carnet, a birth date), or says where the carnet is (« il est à la
 * ferme » is no wish for the farmers' theme). Beside the identity, the other
 * words count: « LOZ-MEND-E4L 12/04/1958 je voudrais un rdv à Florac ».
 */
export function wishIn(understanding: Understanding): BookingWish {
  const { entities, text, besidesIdentity } = understanding;
  if (entities.phone || entities.notAtHand) return {};
  if ((entities.voucherBookNumber || entities.birthDate) && !besidesIdentity) return {};
  const wish: BookingWish = {};
  if (entities.theme) wish.themeText = besidesIdentity ?? text;
  if (entities.commune) wish.commune = { insee: entities.commune.insee, name: entities.commune.name, near: entities.commune.near };
  else if (entities.nearMe) wish.nearMe = true;
  if (entities.when) wish.when = entities.when;
  return wish;
}

/** `later` said after `earlier`: each slot it fills replaces the earlier one; a commune and « near me » exclude each other. */
export function mergeWish(earlier: BookingWish, later: BookingWish, now: Date): BookingWish {
  const merged: BookingWish = { ...earlier, ...later };
  // « plutôt l'après-midi » after « jeudi matin »: Thursday afternoon (the day kept).
  if (later.when) merged.when = refinedMoment(earlier.when, later.when, now);
  // « pas le lundi » holds after later moments (« jeudi »), until one asks for it (« finalement lundi ça va »).
  const exclusions = exclusionsAfter(earlier.exclusions, later.when);
  if (exclusions) merged.exclusions = exclusions;
  else delete merged.exclusions;
  if (later.commune) delete merged.nearMe;
  if (later.nearMe) delete merged.commune;
  // Another commune or « près de chez moi » said later: the place picked near the first one goes.
  if ((later.commune || later.nearMe) && !later.placeId) delete merged.placeId;
  return merged;
}

export async function currentWish(context: TurnContext, deps: DialogDeps): Promise<BookingWish> {
  return (await deps.state.conversationData.get(context, {})).bookingWish ?? {};
}

export async function setWish(context: TurnContext, deps: DialogDeps, wish: BookingWish | undefined): Promise<void> {
  const data = await deps.state.conversationData.get(context, {});
  await deps.state.conversationData.set(context, { ...data, bookingWish: wish });
}

/** While a booking is under way, what this message says of it fills its wish; the slots it filled. */
export async function absorbIntoWish(context: TurnContext, deps: DialogDeps, understanding: Understanding): Promise<(keyof BookingWish)[]> {
  const data = await deps.state.conversationData.get(context, {});
  const said = wishIn(understanding);
  const filled = Object.keys(said) as (keyof BookingWish)[];
  if (!data.bookingWish || filled.length === 0) return [];
  await deps.state.conversationData.set(context, { ...data, bookingWish: mergeWish(data.bookingWish, said, deps.clock.now()) });
  return filled;
}

/** The wish a booking starts with: what the sentence that opened it says (this turn's understanding when it is that sentence). */
export async function wishFromOpening(context: TurnContext, deps: DialogDeps, utterance: string | undefined): Promise<BookingWish> {
  if (!utterance?.trim()) return {};
  const known = turnUnderstanding(context);
  const understanding =
    known && context.activity.text === utterance
      ? known
      : await deps.services.intents.understand(utterance, { now: deps.clock.now(), programmes: deps.programmes });
  return wishIn(understanding);
}
