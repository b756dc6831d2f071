/**
 * « C'est annulé : mercredi … à 9 h, Mende. » then « non attendez je me suis
 * trompée, c'était vendredi que je voulais annuler, remettez mercredi »: the
 * session cancelled here a moment ago is offered again — a booking at its
 * place and hour, which finds it if it is still free (the booking says the
 * hours it takes; a late cancellation kept its hour) — and, when another day is named to cancel, that cancellation
 * next. Only right after the cancellation (noted by doneInFlow.ts noteCancelled):
 * « reprendre » later is no such wish.
 */
import type { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { sendReply } from '../src/channels/send';
import { PROGRAMME_ZONE } from '../src/nlu/understand';
import { asksToUndoCancel } from '../src/nlu/undoCancel';
import { readWhen } from '../src/nlu/whenEntity';
import { formatSlotStart } from '../src/wording';
import { BOOK_DIALOG, type BookOptions } from './BookDialog';
import type { DialogDeps } from './deps';
import { MY_BOOKINGS_DIALOG, type MyBookingsOptions } from './MyBookingsDialog';
import type { FlowStart } from './threadTypes';

/** How long after a cancellation « remettez-la » still means it. */
const UNDO_WITHIN_MS = 30 * 60_000;

/**
 * The flows that undo the cancellation just made, when the message asks it:
 * the booking of that session again, then the cancellation of another day
 * named (« c'était vendredi que je voulais annuler »). Says what it offers.
 */
export async function undoCancelFlows(
  context: TurnContext,
  deps: DialogDeps,
  text: string | undefined,
): Promise<{ first: FlowStart; then?: FlowStart } | undefined> {
  const { lastCancelled } = await deps.state.conversationData.get(context, {});
  const now = deps.clock.now();
  if (!lastCancelled || now.getTime() - lastCancelled.at > UNDO_WITHIN_MS || !asksToUndoCancel(text)) return undefined;
  const start = new Date(lastCancelled.start);
  if (start.getTime() <= now.getTime()) return undefined;
  const { t } = deps;
  const at = DateTime.fromJSDate(start, { zone: PROGRAMME_ZONE });
  const when = { start: at.toISO()!, end: at.plus({ hours: 1 }).toISO()!, grain: 'instant' as const, text: '' };
  const first = {
    dialogId: BOOK_DIALOG,
    options: { wish: { placeId: lastCancelled.placeId, when } } satisfies BookOptions,
  };
  // Another day named with « annuler » (« c'était vendredi que je voulais annuler »): that one is the session to cancel.
  const other = otherDayToCancel(text!, at, now);
  const lines = [t('my_bookings.undo_cancel', { session: formatSlotStart(start, t) })];
  if (other) lines.push(t('my_bookings.undo_then_cancel'));
  await sendReply(context, lines.join('\n'), t);
  const then = other
    ? { dialogId: MY_BOOKINGS_DIALOG, options: { cancel: true, utterance: other } satisfies MyBookingsOptions }
    : undefined;
  return { first, ...(then ? { then } : {}) };
}

/** The words naming the other session to cancel, when the message names a day other than the one cancelled and says « annuler ». */
function otherDayToCancel(text: string, cancelled: DateTime, now: Date): string | undefined {
  if (!/annul/i.test(text)) return undefined;
  // The clause that says « annuler » (« c etait vendredi que je voulais annuler »), apart from « remettez mercredi ».
  const clause = text.split(/[,.;!?]|\bet\b|\bremet|\breprend/i).find((part) => /annul/i.test(part));
  const when = clause ? readWhen(clause, { now, expecting: 'when' }) : undefined;
  if (!when) return undefined;
  const day = DateTime.fromISO(when.start, { zone: PROGRAMME_ZONE }).toISODate();
  return day && day !== cancelled.toISODate() ? clause : undefined;
}
