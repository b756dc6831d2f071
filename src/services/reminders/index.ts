/** Assembles the proactive messages (issue #10): planner, composer, dispatcher, sender. */
import type { CloudAdapter, Storage } from 'botbuilder';
import { hostname } from 'node:os';
import type { Programme } from '../../domain/programme';
import type { Translate } from '../../i18n';
import type { Logger } from '../../logger';
import type { Stores } from '../../store/repositories';
import { AdapterSender } from './adapterSender';
import { MessageComposer } from './composer';
import { BookingFollowUp } from './followUp';
import { OutboxDispatcher, type ProactiveSender } from './outboxDispatcher';
import { PrescriberAlertPlanner } from './prescriberAlerts';
import { ReminderPlanner } from './reminderPlanner';
import type { SessionFinder } from '../sessionFinder';

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
  adapter: CloudAdapter;
  /** MicrosoftAppId; empty in anonymous (local) mode. */
  botAppId: string;
  t: Translate;
  logger: Logger;
  botStorage: Storage;
  /** Free sessions for the expiry alerts. */
  sessions: SessionFinder;
  sender?: ProactiveSender;
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
      composer: new MessageComposer(stores, programmes, t, options.sessions),
      sender: options.sender ?? new AdapterSender(options.adapter, options.botAppId, t),
      botStorage: options.botStorage,
      logger,
      owner: options.owner ?? `${hostname()}:${process.pid}`,
    }),
  };
}
