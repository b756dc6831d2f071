/**
 * The adapter's onTurnError: log what failed (no personal data, no message
 * text), apologise in French with a human route, and clear the
 * conversation state so the next message starts afresh.
 */
import type { ConversationState, TurnContext } from 'botbuilder';
import { DialogContextError } from 'botbuilder-dialogs';
import { sendReply } from '../channels/send';
import type { Translate } from '../i18n';
import { describeError, type Logger } from '../logger';
import { StoreUnavailableError } from '../store/errors';
import { loggedActivityType, loggedChannel } from './turnLog';

export function createTurnErrorHandler(conversationState: ConversationState, t: Translate, logger: Logger) {
  return async (context: TurnContext, thrown: Error): Promise<void> => {
    // Dialogs wrap what they throw; the wrapper's dialog stack may hold personal data, so only its id is kept.
    const error = thrown instanceof DialogContextError && thrown.error instanceof Error ? thrown.error : thrown;
    const dialog = thrown instanceof DialogContextError ? thrown.dialogContext.activeDialog : undefined;
    const unavailable = error instanceof StoreUnavailableError;
    logger.error(
      {
        err: describeError(error),
        dialog,
        channel: loggedChannel(context.activity.channelId),
        activityType: loggedActivityType(context.activity.type),
      },
      unavailable ? 'store unavailable during a turn' : 'unhandled error in a turn',
    );
    try {
      await sendReply(context, t(unavailable ? 'common.unavailable' : 'common.error'), t);
    } catch (sendError) {
      logger.warn({ err: describeError(sendError) }, 'could not send the apology');
    }
    if (unavailable) return;
    try {
      await conversationState.delete(context);
    } catch (deleteError) {
      logger.warn({ err: describeError(deleteError) }, 'could not clear the conversation state');
    }
  };
}
