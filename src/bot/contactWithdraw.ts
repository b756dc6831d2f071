/**
 * "ne plus recevoir de messages", on any channel and at any point of a
 * conversation: the assistant stops writing first to this channel identity
 * (consent off on its stored references). Answered before any dialog, like
 * the SMS keywords; the conversation itself goes on as before.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import { sendReply } from '../channels/send';
import { frenchList, type Translate } from '../i18n';
import { normalize } from '../nlu/normalize';
import type { Contacts } from '../services/reminders/contacts';

let phrases: Set<string> | undefined;

export function isWithdrawRequest(text: string | undefined): boolean {
  if (!text) return false;
  phrases ??= new Set(frenchList('reminders:withdraw.phrases').map((p) => normalize(p)));
  return phrases.has(normalize(text).replace(/[\s.!]+$/, ''));
}

export class ContactWithdrawMiddleware implements Middleware {
  constructor(
    private readonly contacts: Contacts,
    private readonly t: Translate,
    private readonly now: () => Date,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.type !== 'message' || !isWithdrawRequest(activity.text)) return next();
    await this.contacts.withdraw(activity.channelId, activity.from?.id ?? '', this.now());
    await sendReply(context, this.t('reminders:withdraw.done'), this.t);
  }
}
