/**
 * SMS keywords, per French SMS practice: STOP (no more reminders by SMS),
 * START (reminders again) and AIDE (who we are, the commands, a human
 * contact — in one SMS). Answered before any dialog, whatever question is
 * pending, and only on the SMS channel: elsewhere "aide" stays the global
 * help command of MainDialog. After AIDE, the question pending is asked
 * again (`backToQuestion`): the person had to write « continuer » for it.
 *
 * The opt-out is data of the contacts (services/reminders/contacts), which
 * the outbox dispatcher reads before writing to anyone.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import { channelKind } from '../channels/channelKind';
import { sendReply } from '../channels/send';
import { frenchList, type Translate } from '../i18n';
import { normalize } from '../nlu/normalize';

export type SmsKeyword = 'stop' | 'start' | 'help';

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

/** Where STOP and START are recorded. */
export interface SmsOptOuts {
  setSmsOptOut(channelId: string, userId: string, optedOut: boolean, at: Date): Promise<void>;
}

/** Asks again the question the person was answering, if any (MainDialog.backToQuestion). */
export type BackToQuestion = (context: TurnContext) => Promise<void>;

export class SmsKeywordsMiddleware implements Middleware {
  constructor(
    private readonly optOuts: SmsOptOuts,
    private readonly t: Translate,
    private readonly now: () => Date,
    private readonly backToQuestion?: BackToQuestion,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const keyword = activity.type === 'message' && channelKind(activity.channelId) === 'sms' ? matchSmsKeyword(activity.text) : undefined;
    if (!keyword) return next();
    if (keyword === 'help') {
      await sendReply(context, this.t('sms:help'), this.t);
      await this.backToQuestion?.(context);
      return;
    }
    await this.optOuts.setSmsOptOut(activity.channelId, activity.from.id, keyword === 'stop', this.now());
    await sendReply(context, this.t(`sms:${keyword}`), this.t);
  }
}
