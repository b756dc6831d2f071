/**
 * STOP holds for the messages we send too (issue 17): a number that wrote
 * STOP to the bot is never sent an SMS, whatever the sender behind.
 */
import type { SendOptions, SmsOutcome, SmsSender } from '../../services/pro/sms';

export class OptOutAwareSms implements SmsSender {
  constructor(
    private readonly inner: SmsSender,
    /** Whether this E.164 number wrote STOP (and not START since). */
    private readonly optedOut: (phone: string) => Promise<boolean>,
  ) {}

  get configured(): boolean {
    return this.inner.configured;
  }

  async send(to: string, text: string, options?: SendOptions): Promise<SmsOutcome> {
    if (await this.optedOut(to)) return { sent: false, reason: 'opted_out' };
    return this.inner.send(to, text, options);
  }
}
