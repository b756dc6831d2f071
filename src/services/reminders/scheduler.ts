/**
 * Runs the outbox on a clock: every minute the dispatcher sends what is
 * due; every day at 7:00 (Paris) the expiry alerts are planned. croner
 * (maintained, no dependencies, time zones built in) fires the jobs and
 * never overlaps a run with the previous one (`protect`).
 */
import { Cron } from 'croner';
import { describeError, type Logger } from '../../logger';
import type { OutboxDispatcher } from './outboxDispatcher';
import type { ReminderPlanner } from './reminderPlanner';

export interface ReminderScheduler {
  stop(): void;
}

export function startReminderScheduler(options: {
  dispatcher: OutboxDispatcher;
  planner: ReminderPlanner;
  logger: Logger;
  now: () => Date;
}): ReminderScheduler {
  const { dispatcher, planner, logger } = options;
  const { now } = options;
  const send = new Cron('0 * * * * *', { protect: true, timezone: 'Europe/Paris', unref: true }, async () => {
    try {
      const report = await dispatcher.tick(now());
      if (report.sent + report.failed + report.retried > 0) logger.info(report, 'outbox run');
    } catch (error) {
      logger.error({ err: describeError(error) }, 'outbox run failed');
    }
  });
  const plan = new Cron('0 0 7 * * *', { protect: true, timezone: 'Europe/Paris', unref: true }, async () => {
    try {
      const added = await planner.planExpiryAlerts(now());
      logger.info({ added }, 'expiry alerts planned');
    } catch (error) {
      logger.error({ err: describeError(error) }, 'expiry alert planning failed');
    }
  });
  return {
    stop: () => {
      send.stop();
      plan.stop();
    },
  };
}
