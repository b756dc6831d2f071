/**
 * Sends the due messages of the outbox, once each, whatever the number of
 * dispatchers on the store and however often they restart: a message is
 * sent only by the dispatcher whose conditional `claim` took its lease; a
 * dispatcher that dies before reporting leaves it to be claimed again when
 * the lease expires. Failures are retried with backoff (1, 5, 30 min, 2 h)
 * and marked failed after `maxAttempts`, with a reason code; a message that
 * can never go (erased person, no channel with consent, a conversation the
 * channel no longer knows) fails at once.
 * Nothing goes during quiet hours: the message simply waits.
 *
 * Logs carry ids and reason codes only, never names, numbers or texts.
 */
import { type ContactReference, isQuietTime, type OutboxMessage, retryDelayMs } from '../../domain/outbox';
import { newId } from '../../domain/ids';
import type { Logger } from '../../logger';
import type { Stores } from '../../store/repositories';
import type { MessageComposer } from './composer';
import type { MessageSender, RecipientConsent } from './ports';

export interface DispatchReport {
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
  /** Claimed by another dispatcher first. */
  skipped: number;
}

export interface DispatcherOptions {
  stores: Stores;
  composer: MessageComposer;
  /** The channel adapter (src/bot/proactive in the app). */
  sender: MessageSender;
  /** Consent and SMS opt-out, from the contacts. */
  consent: RecipientConsent;
  logger: Logger;
  /** Names this dispatcher in leases (host and process id in production). */
  owner: string;
  maxAttempts?: number;
  leaseMs?: number;
  batchSize?: number;
}

/** A reason code for the outbox: the error's kind and HTTP status, never its message (it may quote the text). */
export function failureReason(error: unknown): string {
  const status = httpStatus(error);
  const name = error instanceof Error ? error.name : 'unknown';
  return typeof status === 'number' ? `${name}:${status}` : name;
}

/**
 * The channel's answer will not change on a retry: the conversation no
 * longer exists (404), the bot may not write there (403), or the message
 * itself is refused (400). Other failures (5xx, network) may pass later.
 */
export function isPermanent(error: unknown): boolean {
  const status = httpStatus(error);
  return status === 400 || status === 403 || status === 404;
}

/** The HTTP status a connector error carries (botframework's RestError: statusCode). */
function httpStatus(error: unknown): unknown {
  return (error as { statusCode?: unknown } | undefined)?.statusCode ?? (error as { status?: unknown } | undefined)?.status;
}

export class OutboxDispatcher {
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;

  constructor(private readonly options: DispatcherOptions) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.leaseMs = options.leaseMs ?? 2 * 60_000;
    this.batchSize = options.batchSize ?? 50;
  }

  async tick(now: Date): Promise<DispatchReport> {
    const report: DispatchReport = { sent: 0, retried: 0, failed: 0, cancelled: 0, skipped: 0 };
    if (isQuietTime(now)) return report;
    const { stores, owner } = this.options;
    for (const due of await stores.outbox.listDue(now, this.batchSize)) {
      const claimed = await stores.outbox.claim(due.id, owner, now, this.leaseMs);
      if (!claimed) {
        report.skipped += 1;
        continue;
      }
      report[await this.deliver(claimed, now)] += 1;
    }
    return report;
  }

  private async deliver(message: OutboxMessage, now: Date): Promise<'sent' | 'retried' | 'failed' | 'cancelled'> {
    const { stores, owner, logger } = this.options;
    const log = { messageId: message.id, kind: message.kind, attempt: message.attempts };
    let stage = 'compose';
    try {
      const composed = await this.options.composer.compose(message, now);
      if (composed.kind === 'cancel') {
        await stores.outbox.cancel(message.id, composed.reason, now, owner);
        logger.info({ ...log, reason: composed.reason }, 'outbox message no longer needed');
        return 'cancelled';
      }
      if (composed.kind === 'fail') return await this.fail(message, composed.reason, now);
      stage = 'channel';
      const contact = await this.channel(message);
      if (!contact) {
        // The person confirmed it in the conversation where they asked: nothing else to say.
        if (message.skipChannelId) {
          await stores.outbox.cancel(message.id, 'confirmed_in_conversation', now, owner);
          return 'cancelled';
        }
        return await this.fail(message, 'no_channel_with_consent', now);
      }
      stage = 'send';
      await this.options.sender.send(contact, {
        text: composed.text,
        buttons: composed.buttons,
        ...(message.kind === 'feedback' ? { asks: 'rating' as const } : {}),
      });
      await stores.outbox.markSent(message.id, owner, now);
      if (message.professionalId) await this.audit(message, now);
      logger.info({ ...log, channel: contact.channelId }, 'outbox message sent');
      return 'sent';
    } catch (error) {
      const reason = `${stage}:${failureReason(error)}`;
      if (message.attempts >= this.maxAttempts || isPermanent(error)) return this.fail(message, reason, now);
      const retryAt = new Date(now.getTime() + retryDelayMs(message.attempts));
      await stores.outbox.markRetry(message.id, owner, retryAt, reason, now);
      logger.warn({ ...log, reason }, 'outbox message will be retried');
      return 'retried';
    }
  }

  private async fail(message: OutboxMessage, reason: string, now: Date): Promise<'failed'> {
    await this.options.stores.outbox.markFailed(message.id, this.options.owner, reason, now);
    this.options.logger.warn({ messageId: message.id, kind: message.kind, attempt: message.attempts, reason }, 'outbox message failed');
    return 'failed';
  }

  /** A professional told about a person has seen part of their file: traced like any access. */
  private async audit(message: OutboxMessage, now: Date): Promise<void> {
    await this.options.stores.audit.append({
      id: newId(),
      at: now,
      actor: { kind: 'system', id: 'prescriber-alerts' },
      programmeId: message.programmeId,
      action: `alert.${message.alert ?? 'unknown'}`,
      subject: { kind: 'beneficiary', id: message.beneficiaryId },
      details: { professionalId: message.professionalId!, outcome: 'sent' },
    });
  }

  /**
   * Where the message goes: the most recently used channel where its
   * recipient (the person, or the professional of a prescriber alert) said
   * yes and, on SMS, has not sent STOP, through a reference the channel can
   * still use; a confirmation skips the channel whose reply already confirmed it.
   */
  private async channel(message: OutboxMessage): Promise<ContactReference | undefined> {
    const recipient = message.professionalId ?? message.beneficiaryId;
    for (const contact of await this.options.stores.contactReferences.listByBeneficiary(recipient)) {
      if (contact.channelId === message.skipChannelId) continue;
      if (!(await this.options.consent.mayWrite(contact)) || !this.options.sender.canReach(contact)) continue;
      return contact;
    }
    return undefined;
  }
}
