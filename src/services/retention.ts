/**
 * Conversations are kept CONVERSATION_RETENTION_DAYS after their last
 * message, as the Web Chat notice says; then their state (dialog position,
 * answers in progress) is deleted. User states stay: they hold the SMS
 * opt-out, which must outlive any conversation. Runs at start and hourly.
 */
import { describeError, type Logger } from '../logger';
import type { Stores } from '../store/repositories';

const DAY_MS = 24 * 60 * 60 * 1000;
const EVERY_MS = 60 * 60 * 1000;

export async function purgeOldConversations(stores: Stores, retentionDays: number, now: Date): Promise<number> {
  return stores.botState.deleteConversationsWrittenBefore(new Date(now.getTime() - retentionDays * DAY_MS));
}

/** Starts the hourly purge; the returned function stops it. */
export function startRetentionPurge(options: { stores: Stores; retentionDays: number; logger: Logger; now: () => Date }): () => void {
  const run = () =>
    purgeOldConversations(options.stores, options.retentionDays, options.now())
      .then((deleted) => {
        if (deleted > 0) options.logger.info({ deleted, retentionDays: options.retentionDays }, 'old conversations purged');
      })
      // The store may be down for a while: the next hour tries again.
      .catch((error) => options.logger.warn({ err: describeError(error) }, 'conversation purge failed'));
  void run();
  const timer = setInterval(run, EVERY_MS).unref();
  return () => clearInterval(timer);
}
