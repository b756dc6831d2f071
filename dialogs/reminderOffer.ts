/**
 * The reminder offer after a booking, as it can be kept: a reminder goes
 * two days before a session at the programme's hour (reminderPlanner.ts),
 * so it is offered only when the session just booked can still have one —
 * not for tomorrow's — and says where it will arrive (by SMS to this
 * number, or here in this conversation) and which sessions it covers: the
 * consent is the person's on this channel, for every session still ahead
 * whose reminder time has not passed.
 */
import type { TurnContext } from 'botbuilder';
import { daysBeforeAt } from '../src/domain/outbox';
import { channelKind } from '../src/channels/channelKind';
import { formatSlotStart } from '../src/wording';
import type { DialogDeps } from './deps';
import { knownProgramme } from './programmeOf';

export interface ReminderOffer {
  question: string;
  /** Said after « oui ». */
  yes: string;
}

const and = (items: string[]) => new Intl.ListFormat('fr', { type: 'conjunction' }).format(items);

/** The offer for this person after booking `bookedSlotId`; undefined when no reminder could be sent. */
export async function reminderOffer(
  context: TurnContext,
  deps: DialogDeps,
  beneficiaryId: string,
  bookedSlotId: string,
): Promise<ReminderOffer | undefined> {
  const { t, services, clock } = deps;
  const programme = await knownProgramme(context, deps);
  if (!programme) return undefined;
  const now = clock.now();
  const { daysBefore, hour } = programme.reminders;
  const upcoming = await services.account.upcomingBookings(beneficiaryId, now);
  const remindable = upcoming.filter(({ slot }) => daysBeforeAt(slot.start, daysBefore.value, hour.value).getTime() > now.getTime());
  if (remindable.length === 0) return undefined;
  // Too close for its own reminder: nothing is offered after it (asked again at a booking that can have one).
  if (!remindable.some(({ slot }) => slot.id === bookedSlotId)) return undefined;
  const list = and(remindable.map(({ slot }) => formatSlotStart(slot.start, t)));
  const only = remindable.length === 1;
  const channel = t(`reminders:consent.channel.${channelKind(context.activity.channelId)}`);
  // The question may be short (« chaque séance » on SMS); the « c'est noté » names every session covered.
  const asked = only ? t('reminders:consent.which_this') : t('reminders:consent.which_each', { list });
  const covered = only ? t('reminders:consent.which_this') : t('reminders:consent.which_each_listed', { list });
  return {
    question: t('reminders:consent.question', { channel, which: asked }),
    yes: t('reminders:consent.yes', { channel, which: covered }),
  };
}
