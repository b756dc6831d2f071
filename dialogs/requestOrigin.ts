/** Where a confirming message came from, for scopedRequestId (services/requestKey.ts). */
import type { TurnContext } from 'botbuilder';
import type { RequestOrigin } from '../src/services/requestKey';

export function requestOrigin(context: TurnContext): RequestOrigin {
  const { channelId, conversation, id } = context.activity;
  return { channelId, conversationId: conversation?.id ?? '', activityId: id };
}
