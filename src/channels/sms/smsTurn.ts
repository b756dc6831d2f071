/**
 * One SMS turn, billed as little as its texts allow. The replies of a turn
 * on SMS (« D'accord, pas de rappel. » then the menu) are held while it
 * runs and sent at its end packed into as few messages as fit (splitSms):
 * each message is billed by whole segments, so two short ones cost more
 * than one. The turn runs in the SMS channel scope, where t() reads the
 * `_sms` texts. At the end, one line counts the messages and segments
 * sent — never their text or the phone number.
 */
import { MessageFactory, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../../logger';
import { channelKind } from '../channelKind';
import { inChannel } from '../channelScope';
import { toGsm7 } from './gsm7';
import { smsCost } from './segments';
import { type SmsBlock, splitSms } from './splitSms';

const HELD = Symbol('smsHeld');

/** Holds a reply for the end of the turn; false when no SMS turn is holding (send it now). */
export function holdSms(context: TurnContext, block: SmsBlock): boolean {
  const held = context.turnState.get<SmsBlock[] | undefined>(HELD);
  if (!held) return false;
  held.push(block);
  return true;
}

export interface SmsTally {
  messages: number;
  segments: number;
}

/** Sends what the turn holds, packed; later replies of this context (the error handler's) go out at once. */
export async function flushSms(context: TurnContext, logger?: Pick<Logger, 'info'>): Promise<SmsTally> {
  const held = context.turnState.get<SmsBlock[] | undefined>(HELD);
  context.turnState.delete(HELD);
  if (!held?.length) return { messages: 0, segments: 0 };
  const texts = splitSms(held);
  await context.sendActivities(texts.map((text) => MessageFactory.text(text)));
  const tally = { messages: texts.length, segments: texts.reduce((sum, text) => sum + smsCost(text).segments, 0) };
  logger?.info({ channel: 'sms', ...tally }, 'sms sent');
  return tally;
}

export class SmsTurnMiddleware implements Middleware {
  constructor(private readonly logger?: Pick<Logger, 'info'>) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (channelKind(context.activity.channelId) !== 'sms') return next();
    context.turnState.set(HELD, []);
    // Whatever path a text takes out (a prompt's own retry, the error handler), it leaves in GSM-7:
    // one « » in a retry made the whole SMS UCS-2, billed at 70 characters a segment.
    context.onSendActivities(async (_ctx, activities, send) => {
      for (const activity of activities) if (activity.type === 'message' && activity.text) activity.text = toGsm7(activity.text);
      return send();
    });
    try {
      await inChannel('sms', next);
    } catch (error) {
      // What the turn said before it failed still goes, before the error handler's apology.
      await flushSms(context, this.logger).catch(() => undefined);
      throw error;
    }
    await flushSms(context, this.logger);
  }
}
