/**
 * What is kept, and for how long — the one truth the bot (privacy.what_we_keep,
 * which quotes webchat:privacy.how_long), the Web Chat notice and
 * /confidentialite all state:
 * - conversations: CONVERSATION_RETENTION_DAYS after their last message, then
 *   their state (dialog position, answers in progress) is deleted here. User
 *   states stay: they hold the SMS opt-out, which must outlive any conversation;
 * - the person, their carnets and sessions: for as long as the programme
 *   runs (« le temps du dispositif »), until erased (services/erasure.ts).
 *   No automatic deletion exists, so the programme's `retentionMonths` (an
 *   assumed default) is never stated to the public.
 * Runs at start and hourly.
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
  const timer = setInterval(() => void run(), EVERY_MS).unref();
  return () => clearInterval(timer);
}
