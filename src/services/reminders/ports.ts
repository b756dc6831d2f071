/**
 * What the proactive-message use cases need from the outside, as ports:
 * the channel adapter (src/bot/proactive) writes into a stored conversation,
 * the contacts say whether a recipient may be written to. The use cases
 * never see a Bot Framework type: a conversation is an opaque serialised
 * reference that only the adapter reads.
 */
import type { ContactReference } from '../../domain/outbox';

/** What a proactive message says; buttons where the channel has them (on SMS the text says what to reply). */
export interface ProactiveText {
  text: string;
  buttons?: string[];
  /** The message asks a question whose answer comes in that conversation (the 1–5 after a session). */
  asks?: 'rating';
}

/** A conversation to write back into, as the channel adapter recorded it during a turn. */
export interface ConversationAddress {
  channelId: string;
  /** The channel's id of the person (a phone number on SMS): hashed before it is stored. */
  userId: string;
  /** The adapter's own reference, serialised; opaque here. */
  reference: string;
}

export interface MessageSender {
  /** Whether the stored reference is one the channel can still be written through. */
  canReach(contact: ContactReference): boolean;
  /** Delivers one message into the contact's conversation; throws when the channel refuses. */
  send(contact: ContactReference, message: ProactiveText): Promise<void>;
}

export interface RecipientConsent {
  /** Consent given on this channel and not withdrawn since (« ne plus recevoir de messages », SMS STOP). */
  mayWrite(contact: ContactReference): Promise<boolean>;
}
