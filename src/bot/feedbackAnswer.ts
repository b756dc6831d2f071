/**
 * The 1–5 answer to "Comment s'est passée votre séance ?", stored on the
 * outbox message that asked it (the programme's figures read it there).
 * A bare digit from 1 to 5 is a rating only while that question is the
 * last thing said in the conversation (`awaitingRating`, set when it was
 * delivered here): once the person writes anything else, the question is
 * dropped and a digit answers the question asked since (« Quel parcours ?
 * 1 » is the parcours, #14 fault 16). Any other message goes on to the
 * dialogs as usual.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import { sendReply } from '../channels/send';
import type { Translate } from '../i18n';
import type { ReminderAnswers } from '../services/reminders/answers';
import type { BotStateAccessors } from './state';

export class FeedbackAnswerMiddleware implements Middleware {
  constructor(
    private readonly answers: ReminderAnswers,
    private readonly t: Translate,
    private readonly now: () => Date,
    private readonly state: Pick<BotStateAccessors, 'conversationState' | 'conversationData'>,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.type !== 'message' || !activity.from?.id) return next();
    const data = await this.state.conversationData.get(context, {});
    if (!data.awaitingRating) return next();
    // Answered or not, the question is behind us after this message.
    await this.state.conversationData.set(context, { ...data, awaitingRating: undefined });
    const rating = /^\s*([1-5])\s*$/.exec(activity.text ?? '')?.[1];
    if (!rating || !(await this.answers.recordRating(activity.channelId, activity.from.id, Number(rating), this.now()))) return next();
    // The turn ends here, before the bot would save the state: saved now.
    await this.state.conversationState.saveChanges(context, false);
    await sendReply(context, this.t('reminders:feedback.thanks'), this.t);
  }
}

/** For the proactive sender: the rating question was delivered into this conversation. */
export function awaitRating(state: Pick<BotStateAccessors, 'conversationState' | 'conversationData'>) {
  return async (context: TurnContext): Promise<void> => {
    const data = await state.conversationData.get(context, {});
    await state.conversationData.set(context, { ...data, awaitingRating: true });
    await state.conversationState.saveChanges(context, false);
  };
}
