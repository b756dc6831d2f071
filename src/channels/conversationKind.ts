/**
 * Whether a conversation is shared: a Teams group chat or channel (its
 * `conversationType` is not `personal`), or any channel's group
 * conversation (`isGroup`). Everyone there reads the bot's answers, so no
 * personal data is asked for or given there.
 */
import type { Activity } from 'botbuilder';

export function isSharedConversation(activity: Pick<Activity, 'conversation'>): boolean {
  const conversation = activity.conversation;
  if (!conversation) return false;
  if (conversation.isGroup === true) return true;
  return conversation.conversationType !== undefined && conversation.conversationType !== 'personal';
}
