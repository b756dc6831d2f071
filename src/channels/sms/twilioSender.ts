/**
 * Outbound SMS through Twilio's Messages API, the same number as Azure's
 * SMS channel so that a reply comes back into the conversation (issue 17):
 * POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded
 * To, From or MessagingServiceSid, Body; HTTP basic auth SID:token; 201
 * with { sid, status }, or an error { code, message, more_info, status }.
 *
 * - The body is folded to GSM-7 (gsm7.ts): 160 characters a segment.
 * - Retries: a 429 (never processed: safe) waits its Retry-After; a 5xx or
 *   a network failure waits an exponential backoff. 400 and 401 are final.
 * - Twilio documents that a retried message POST may be sent twice: every
 *   attempt of one send carries the same I-Twilio-Idempotency-Token (the
 *   caller's key, e.g. the prescription id), for Twilio to drop a repeat.
 * - Nothing logged holds the number, the text or Twilio's error message
 *   (it may quote the number): the error code and the HTTP status only.
 */
import type { Logger } from '../../logger';
import type { SendOptions, SmsOutcome, SmsSender } from '../../services/pro/sms';
import { toGsm7 } from './gsm7';

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  /** The sending number (E.164), or… */
  from?: string;
  /** …a Messaging Service holding it. */
  messagingServiceSid?: string;
  /** https://api.twilio.com unless a test points elsewhere. */
  baseUrl?: string;
}

export interface RetryPolicy {
  attempts: number;
  /** First backoff after a 5xx or a network failure; doubled each time. */
  backoffMs: number;
  /** Longest wait, whatever Retry-After says. */
  maxWaitMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 4, backoffMs: 500, maxWaitMs: 30_000 };
const TIMEOUT_MS = 15_000;

/** The error body Twilio answers with. */
interface TwilioError {
  code?: number;
  status?: number;
}

export class TwilioSms implements SmsSender {
  readonly configured = true;
  private readonly baseUrl: string;

  constructor(
    private readonly settings: TwilioSettings,
    private readonly logger?: Pick<Logger, 'info' | 'warn'>,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    if (!settings.from && !settings.messagingServiceSid) throw new Error('TwilioSms: a From number or a messaging service id is needed');
    this.baseUrl = (settings.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
  }

  async send(to: string, text: string, options: SendOptions = {}): Promise<SmsOutcome> {
    const { accountSid, authToken, from, messagingServiceSid } = this.settings;
    const form = new URLSearchParams({ To: to, Body: toGsm7(text) });
    if (messagingServiceSid) form.set('MessagingServiceSid', messagingServiceSid);
    else form.set('From', from!);
    const headers: Record<string, string> = {
      authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (options.idempotencyKey) headers['i-twilio-idempotency-token'] = options.idempotencyKey;
    const url = `${this.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;

    for (let attempt = 1; ; attempt += 1) {
      let wait: number;
      try {
        const response = await fetch(url, { method: 'POST', headers, body: form, signal: AbortSignal.timeout(TIMEOUT_MS) });
        const body = (await response.json().catch(() => ({}))) as { status?: string } & TwilioError;
        if (response.ok) {
          this.logger?.info({ sms: 'sent', status: body.status, attempts: attempt }, 'sms sent through Twilio');
          return { sent: true };
        }
        const retryable = response.status === 429 || response.status >= 500;
        if (!retryable || attempt >= this.retry.attempts) {
          this.logger?.warn({ sms: 'failed', httpStatus: response.status, code: body.code, attempts: attempt }, 'sms refused by Twilio');
          return { sent: false, reason: 'failed' };
        }
        wait =
          response.status === 429 ? (retryAfterMs(response.headers.get('retry-after')) ?? this.backoff(attempt)) : this.backoff(attempt);
      } catch (error) {
        // No answer (network, timeout): the message may or may not have left; the same token goes again.
        if (attempt >= this.retry.attempts) {
          this.logger?.warn({ sms: 'failed', error: (error as Error).name, attempts: attempt }, 'sms: Twilio unreachable');
          return { sent: false, reason: 'failed' };
        }
        wait = this.backoff(attempt);
      }
      await this.sleep(Math.min(wait, this.retry.maxWaitMs));
    }
  }

  private backoff(attempt: number): number {
    return this.retry.backoffMs * 2 ** (attempt - 1);
  }
}

/** Retry-After in seconds, as Twilio sends it; anything else falls back to the backoff. */
function retryAfterMs(header: string | null): number | undefined {
  const seconds = header === null || header.trim() === '' ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
