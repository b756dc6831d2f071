/**
 * Assembles the proactive messages (issue #10): planner, composer,
 * dispatcher and follow-up, over the stores, behind two ports given by the
 * composition root: the channel adapter that sends (src/bot/proactive) and
 * the consent of the recipients (the contacts).
 */
import { hostname } from 'node:os';
import type { Programme } from '../../domain/programme';
import type { Translate } from '../../i18n';
import type { Logger } from '../../logger';
import type { Stores } from '../../store/repositories';
import type { SlotFinder } from '../slotFinder';
import { MessageComposer } from './composer';
import { BookingFollowUp } from './followUp';
import { OutboxDispatcher } from './outboxDispatcher';
import type { MessageSender, RecipientConsent } from './ports';
import { PrescriberAlertPlanner } from './prescriberAlerts';
import { ReminderPlanner } from './reminderPlanner';

export interface Reminders {
  planner: ReminderPlanner;
  alerts: PrescriberAlertPlanner;
  /** Re-plans and alerts after bookings and attendance change. */
  followUp: BookingFollowUp;
  dispatcher: OutboxDispatcher;
}

export function createReminders(options: {
  stores: Stores;
  programmes: Programme[];
  t: Translate;
  logger: Logger;
  /** Free sessions for the expiry alerts. */
  slots: SlotFinder;
  sender: MessageSender;
  consent: RecipientConsent;
  owner?: string;
}): Reminders {
  const { stores, programmes, t, logger } = options;
  const planner = new ReminderPlanner(stores, programmes);
  const alerts = new PrescriberAlertPlanner(stores, programmes);
  return {
    planner,
    alerts,
    followUp: new BookingFollowUp(planner, alerts, logger),
    dispatcher: new OutboxDispatcher({
      stores,
      composer: new MessageComposer(stores, programmes, t, options.slots),
      sender: options.sender,
      consent: options.consent,
      logger,
      owner: options.owner ?? `${hostname()}:${process.pid}`,
    }),
  };
}
