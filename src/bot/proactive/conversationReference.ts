/**
 * The Bot Framework side of the contacts: a turn's conversation reference,
 * serialised for the contacts repository, and read back for sending. Only
 * this folder knows the shape of a ConversationReference.
 */
import { type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import type { ConversationAddress } from '../../services/reminders/ports';

/** Where to write back to the person behind this activity. */
export function conversationAddress(activity: Activity): ConversationAddress {
  const reference = TurnContext.getConversationReference(activity);
  return { channelId: reference.channelId ?? 'unknown', userId: reference.user?.id ?? '', reference: JSON.stringify(reference) };
}

/** The stored reference, when it still names a conversation and the service to reach it through. */
export function usableReference(json: string): Partial<ConversationReference> | undefined {
  let reference: Partial<ConversationReference>;
  try {
    reference = JSON.parse(json) as Partial<ConversationReference>;
  } catch {
    return undefined;
  }
  return reference?.conversation?.id && reference.serviceUrl ? reference : undefined;
}
