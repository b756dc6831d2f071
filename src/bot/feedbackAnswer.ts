/**
 * The 1–5 answer to "Comment s'est passée votre séance ?", stored on the
 * outbox message that asked it (the programme's figures read it there).
 * Only a bare digit from 1 to 5, from a person recognised on this channel,
 * within a few hours of an unanswered question: any other message goes on
 * to the dialogs as usual.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import { sendReply } from '../channels/send';
import type { Translate } from '../i18n';
import type { ReminderAnswers } from '../services/reminders/answers';

export class FeedbackAnswerMiddleware implements Middleware {
  constructor(
    private readonly answers: ReminderAnswers,
    private readonly t: Translate,
    private readonly now: () => Date,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const rating = activity.type === 'message' ? /^\s*([1-5])\s*$/.exec(activity.text ?? '')?.[1] : undefined;
    if (!rating || !activity.from?.id) return next();
    if (!(await this.answers.recordRating(activity.channelId, activity.from.id, Number(rating), this.now()))) return next();
    await sendReply(context, this.t('reminders:feedback.thanks'), this.t);
  }
}
