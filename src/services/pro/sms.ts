/**
 * Sending an SMS to a beneficiary. The project has no SMS sending yet (the
 * Twilio channel only answers incoming messages): `NotConfiguredSms` says so
 * in the log and to the caller, it never pretends a message left.
 */
import type { Logger } from '../../logger';

export type SmsOutcome = { sent: true } | { sent: false; reason: 'not_configured' | 'no_phone' | 'failed' };

export interface SmsSender {
  readonly configured: boolean;
  /** `to` in E.164; `text` is never logged. */
  send(to: string, text: string): Promise<SmsOutcome>;
}

export class NotConfiguredSms implements SmsSender {
  readonly configured = false;
  constructor(private readonly logger?: Pick<Logger, 'info'>) {}

  async send(): Promise<SmsOutcome> {
    this.logger?.info({ sms: 'not_configured' }, 'sms not configured: nothing sent');
    return { sent: false, reason: 'not_configured' };
  }
}
