/**
 * Sending an SMS to a beneficiary (the port; the Twilio adapter is
 * src/channels/sms/twilioSender.ts, behind the STOP check of
 * src/channels/sms/optOutSms.ts). Without Twilio settings,
 * `NotConfiguredSms` says so in the log and to the caller, it never
 * pretends a message left.
 */
import type { Logger } from '../../logger';

export type SmsOutcome = { sent: true } | { sent: false; reason: 'not_configured' | 'no_phone' | 'opted_out' | 'failed' };

export interface SendOptions {
  /** The same for every attempt of one message (e.g. the prescription id): a retried send is not sent twice. */
  idempotencyKey?: string;
}

export interface SmsSender {
  readonly configured: boolean;
  /** `to` in E.164; `text` is never logged. */
  send(to: string, text: string, options?: SendOptions): Promise<SmsOutcome>;
}

export class NotConfiguredSms implements SmsSender {
  readonly configured = false;
  constructor(private readonly logger?: Pick<Logger, 'info'>) {}

  async send(): Promise<SmsOutcome> {
    this.logger?.info({ sms: 'not_configured' }, 'sms not configured: nothing sent');
    return { sent: false, reason: 'not_configured' };
  }
}
