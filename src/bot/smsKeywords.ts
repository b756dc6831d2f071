/**
 * SMS keywords, per French SMS practice: STOP (no more reminders by SMS),
 * START (reminders again) and AIDE (who we are, the commands, a human
 * contact — in one SMS). Answered before any dialog, whatever question is
 * pending, and only on the SMS channel: elsewhere "aide" stays the global
 * help command of MainDialog.
 *
 * The opt-out is kept in the user's state (UserState's key for the number,
 * property `smsOptOut`), where the reminders (issue #10) read it with
 * `isSmsOptedOut` before writing to anyone.
 */
import { type Middleware, type StatePropertyAccessor, type Storage, type TurnContext, UserState } from 'botbuilder';
import { channelKind } from '../channels/channelKind';
import { sendReply } from '../channels/send';
import { frenchList, type Translate } from '../i18n';
import { normalize } from '../nlu/normalize';

export type SmsKeyword = 'stop' | 'start' | 'help';

export interface SmsOptOut {
  optedOut: boolean;
  /** When the person last sent STOP or START (ISO 8601). */
  at: string;
}

export const SMS_OPT_OUT_PROPERTY = 'smsOptOut';

let table: Map<string, SmsKeyword> | undefined;

export function matchSmsKeyword(text: string | undefined): SmsKeyword | undefined {
  if (!text) return undefined;
  if (!table) {
    table = new Map();
    for (const keyword of ['stop', 'start', 'help'] as const) {
      for (const word of frenchList(`sms:keywords.${keyword}`)) table.set(normalize(word), keyword);
    }
  }
  return table.get(normalize(text).replace(/\s*\?+$/, ''));
}

/** Reads the opt-out of an SMS number from the bot state storage (for the reminders). */
export async function isSmsOptedOut(storage: Storage, phoneNumber: string): Promise<boolean> {
  // UserState's own key for that number ("sms/users/<number>/" in botbuilder 4.23), outside any turn.
  const key = new UserState(storage).getStorageKey({ activity: { channelId: 'sms', from: { id: phoneNumber } } } as TurnContext)!;
  const items = await storage.read([key]);
  const record = items[key] as Record<string, SmsOptOut | undefined> | undefined;
  return record?.[SMS_OPT_OUT_PROPERTY]?.optedOut === true;
}

export class SmsKeywordsMiddleware implements Middleware {
  private readonly optOut: StatePropertyAccessor<SmsOptOut>;

  constructor(
    private readonly userState: UserState,
    private readonly t: Translate,
    private readonly now: () => Date,
  ) {
    this.optOut = userState.createProperty<SmsOptOut>(SMS_OPT_OUT_PROPERTY);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const keyword = activity.type === 'message' && channelKind(activity.channelId) === 'sms' ? matchSmsKeyword(activity.text) : undefined;
    if (!keyword) return next();
    if (keyword === 'help') {
      await sendReply(context, this.t('sms:help'), this.t);
      return;
    }
    await this.optOut.set(context, { optedOut: keyword === 'stop', at: this.now().toISOString() });
    await this.userState.saveChanges(context, false);
    await sendReply(context, this.t(`sms:${keyword}`), this.t);
  }
}
