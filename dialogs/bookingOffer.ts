/**
 * Whether booking may be offered now. Not to a person who proved who they
 * are in this conversation and whose carnets hold no hour to book with
 * (used up, reserved, expired): « Réserver une séance » would only lead to
 * « plus d'heures ». Read where options are offered (the menu after any
 * flow, the next steps after places), so they follow the balance of that
 * moment, not how the last flow happened to end. Someone not identified
 * keeps the offer: booking asks who they are first.
 */
import type { TurnContext } from 'botbuilder';
import { senderOf, verifiedBeneficiary } from '../src/bot/state';
import type { DialogDeps } from './deps';

/** The identified person's id when they have no hour to book with; undefined when booking may be offered. */
export async function knownWithoutHours(context: TurnContext, deps: DialogDeps): Promise<string | undefined> {
  const data = await deps.state.conversationData.get(context, {});
  const now = deps.clock.now();
  const beneficiaryId = verifiedBeneficiary(data, senderOf(context.activity), now);
  if (!beneficiaryId) return undefined;
  // The same rule as the booking's own (BookDialog.chooseTheme): a carnet still valid with a free hour.
  return (await deps.services.slots.bookableUntil(beneficiaryId, now)) ? undefined : beneficiaryId;
}
