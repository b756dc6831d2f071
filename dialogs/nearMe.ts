/**
 * "Près de moi" on the Web Chat page: the browser shares a position (only
 * if the person allows it) as an event activity { name: "nearMe", value:
 * { lat, lng } }; the bot answers with the nearest training places of the
 * programme closest to that position. The position is used for this answer
 * only and never stored.
 */
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { NearbyPlace } from '../src/services/placeSearch';
import type { DialogDeps } from './deps';
import { rememberProgramme } from './programmeOf';
import { phoneContactText } from './humanContacts';
import { bookOrCallLine, callLine, needsPhoneContact, placeLine } from './placeText';
import { knownWithoutHours } from './bookingOffer';
import { moreHoursLines } from './renewalAnswers';
import { sendReply } from '../src/channels/send';

export const NEAR_ME_EVENT = 'nearMe';
/** Beyond this, the person is not in a served département: say so rather than list far places. */
const MAX_KM = 80;

const position = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

/** An ActivityHandler.onEvent handler answering the "nearMe" event. */
export function answerNearMe(deps: DialogDeps) {
  return async (context: TurnContext, next: () => Promise<void>): Promise<void> => {
    if (context.activity.name === NEAR_ME_EVENT) await reply(context, deps);
    await next();
  };
}

async function reply(context: TurnContext, deps: DialogDeps): Promise<void> {
  const { t, services, programmes } = deps;
  const parsed = position.safeParse(context.activity.value);
  if (!parsed.success) {
    await sendReply(context, t('webchat:near_me.bad_position'), t);
    return;
  }
  let best: { programmeId: string; places: NearbyPlace[] } | undefined;
  for (const programme of programmes) {
    const places = await services.placeSearch.nearestTrainingPlaces(programme.id, parsed.data);
    if (places.length > 0 && (!best || places[0].km < best.places[0].km)) best = { programmeId: programme.id, places };
  }
  if (!best || best.places[0].km > MAX_KM) {
    const departements = programmes.map((p) => p.departement.name).join(', ');
    await sendReply(context, t('webchat:near_me.far', { departements }), t);
    return;
  }
  // Remember the département (not the position): booking and contacts then know the programme.
  const programme = programmes.find((p) => p.id === best.programmeId);
  if (programme) await rememberProgramme(context, deps, programme);
  const lines = [t('webchat:near_me.results', { count: best.places.length })];
  // The same line as the commune search, hours included: a second copy here once showed « ({{hours}}) ».
  best.places.forEach((found) => lines.push(placeLine(found, t, deps.clock.now())));
  // Booking is the button below: said first, calling the place as the other way. Known here with no hour left:
  // calling, and who gives more hours, with no booking button that would only say « plus d'heures ».
  const withoutHours = await knownWithoutHours(context, deps);
  if (withoutHours) {
    const call = callLine(best.places, t);
    lines.push(...(call ? [call] : []), ...(await moreHoursLines(context, deps, withoutHours, programme)));
  } else lines.push(bookOrCallLine(best.places, t));
  if (needsPhoneContact(best.places.map(({ place }) => place))) lines.push(await phoneContactText(context, deps, { programme }));
  // The next step: book here (the programme is now known), or stop.
  const choices = withoutHours ? [t('find_place.done')] : [t('menu.book'), t('find_place.done')];
  await sendReply(context, { text: lines.join('\n'), choices }, t);
}
