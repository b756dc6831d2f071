/**
 * What the flows under way did (a session booked, cancelled, moved), for
 * the sentence that stops them: « laissez tomber » right after a
 * cancellation must not say « rien n'a été annulé ». Kept in the
 * conversation data as plain strings (it survives JSON), from the menu on:
 * the menu forgets it, each time it is shown or starts a flow. A digression
 * (a cancellation run over a booking's question) is part of the thread
 * it came back to.
 */
import type { TurnContext } from 'botbuilder';
import { sendReply } from '../src/channels/send';
import type { DoneInFlow } from '../src/bot/state';
import type { DialogDeps } from './deps';
import type { UpcomingBooking } from '../src/services/beneficiaryAccount';

export async function noteDone(context: TurnContext, deps: DialogDeps, done: DoneInFlow): Promise<void> {
  const data = await deps.state.conversationData.get(context, {});
  await deps.state.conversationData.set(context, { ...data, doneInFlow: [...(data.doneInFlow ?? []), done] });
}

/** The session just booked, which « finalement annule » means (MyBookingsDialog); kept past the menu, unlike what was done. */
export async function noteBooked(context: TurnContext, deps: DialogDeps, bookingId: string): Promise<void> {
  const data = await deps.state.conversationData.get(context, {});
  await deps.state.conversationData.set(context, { ...data, lastBooked: { bookingId, at: deps.clock.now().getTime() } });
}

/** The menu is shown, or starts a flow: what the flows before did was told when they ended. */
export async function forgetDone(context: TurnContext, deps: DialogDeps): Promise<void> {
  const data = await deps.state.conversationData.get(context, {});
  if (data.doneInFlow) await deps.state.conversationData.set(context, { ...data, doneInFlow: undefined });
}

/** « D'accord, j'arrête là » and what stays done, or that nothing was done. */
export async function sendStopped(context: TurnContext, deps: DialogDeps): Promise<void> {
  const { t } = deps;
  const done = (await deps.state.conversationData.get(context, {})).doneInFlow ?? [];
  const text = done.length
    ? t('common.stopped_after', { done: done.map((d) => t(`common.done_${d.kind}`, { when: d.when })).join(' ') })
    : t('common.cancelled');
  await sendReply(context, text, t);
}

/** Remembers the session just cancelled (its place and start, no personal data): « remettez-la » right after (undoCancel.ts). */
export async function noteCancelled(context: TurnContext, deps: DialogDeps, cancelled: UpcomingBooking): Promise<void> {
  const data = await deps.state.conversationData.get(context, {});
  const start = new Date(cancelled.slot.start).toISOString();
  const lastCancelled = {
    placeId: cancelled.slot.placeId,
    start,
    ...(cancelled.booking.themeId ? { themeId: cancelled.booking.themeId } : {}),
    at: deps.clock.now().getTime(),
  };
  await deps.state.conversationData.set(context, { ...data, lastCancelled });
}
