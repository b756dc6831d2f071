/**
 * The sequential ablation of a turn (bench/ablation.ts): the bench's app
 * server with steps of the turn taken out, one after the other, by
 * replacing their methods in this process only — production code carries
 * no switch for it. Levels, each removing what the one before removed and more:
 *
 *   full        the real turn
 *   dialogs     MainDialog answers a fixed text and saves a dialog state of the menu's size: no
 *               dialog stack, recognisers or wording
 *   state       + no conversation / user state (no store read or write, no botbuilder state hashing)
 *   middleware  + every middleware but the replay guard passes straight through
 *   replay      + the replay guard too: what is left is restify, our HTTP checks, the adapter and one reply
 *
 * The cost of a step is the difference between two neighbouring levels.
 */
import { ActivityHandler, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { MainDialog } from '../dialogs/MainDialog';
import { ContactWithdrawMiddleware } from '../src/bot/contactWithdraw';
import { FeedbackAnswerMiddleware } from '../src/bot/feedbackAnswer';
import { FrenchLocaleMiddleware } from '../src/bot/frenchLocale';
import { PassBot } from '../src/bot/PassBot';
import { ReminderReplyMiddleware } from '../src/bot/reminderReply';
import { ReplayGuardMiddleware } from '../src/bot/replayGuard';
import { SmsKeywordsMiddleware } from '../src/bot/smsKeywords';
import { TeamsSubmitMiddleware } from '../src/bot/teamsSubmit';
import { TurnLogMiddleware } from '../src/bot/turnLog';
import { SmsTurnMiddleware } from '../src/channels/sms/smsTurn';

export const ABLATION_LEVELS = ['full', 'dialogs', 'state', 'middleware', 'replay'] as const;
export type AblationLevel = (typeof ABLATION_LEVELS)[number];

/** About the length of the menu's text, so the reply's own cost stays. */
const FIXED_REPLY = `Que souhaitez-vous faire ? Répondez par un numéro.\n${Array.from({ length: 7 }, (_, i) => `${i + 1}. Une option du menu`).join('\n')}`;

const passThrough = async (_context: TurnContext, next: () => Promise<void>) => next();

export function ablate(level: AblationLevel): void {
  const depth = ABLATION_LEVELS.indexOf(level);
  if (depth < 0) throw new Error(`unknown ablation level ${level} (${ABLATION_LEVELS.join(', ')})`);
  if (depth >= 1) {
    // Still a state change a turn, as a prompt's turn count is, so that the state step keeps its write.
    MainDialog.prototype.run = async (context: TurnContext, accessor: StatePropertyAccessor<DialogState>) => {
      await accessor.set(context, { dialogStack: [{ id: 'main', state: { turn: Date.now(), padding: FIXED_REPLY } }] });
      await context.sendActivity(FIXED_REPLY);
    };
  }
  if (depth >= 2) {
    const bot = PassBot.prototype as unknown as { welcomeOnce(): Promise<void>; run(context: TurnContext): Promise<void> };
    bot.welcomeOnce = async () => undefined;
    // ActivityHandler's own run, without PassBot's saveChanges.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back on a prototype, where `this` is the bot
    bot.run = ActivityHandler.prototype.run;
  }
  if (depth >= 3) {
    for (const middleware of [
      TurnLogMiddleware,
      FrenchLocaleMiddleware,
      TeamsSubmitMiddleware,
      SmsTurnMiddleware,
      SmsKeywordsMiddleware,
      ContactWithdrawMiddleware,
      FeedbackAnswerMiddleware,
      ReminderReplyMiddleware,
    ]) {
      middleware.prototype.onTurn = passThrough;
    }
  }
  if (depth >= 4) ReplayGuardMiddleware.prototype.onTurn = passThrough;
}
