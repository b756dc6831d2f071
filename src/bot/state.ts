/**
 * What the bot remembers between turns. Kept small: no personal data in
 * conversation state beyond what the current step needs.
 */
import type { ConversationState, StatePropertyAccessor, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';

export interface ConversationData {
  /** The welcome was sent (SMS has no conversationUpdate: we welcome on the first message). */
  welcomed?: boolean;
  /** The beneficiary proved who they are (carnet number + birth date) at `at` (ms). */
  verified?: { beneficiaryId: string; at: number };
}

/** A proof of identity lasts for the conversation, at most this long. */
export const VERIFIED_FOR_MS = 30 * 60_000;

/** The beneficiary this conversation proved to be, if the proof is still fresh. */
export function verifiedBeneficiary(data: ConversationData, now: Date): string | undefined {
  return data.verified && now.getTime() - data.verified.at < VERIFIED_FOR_MS ? data.verified.beneficiaryId : undefined;
}

export interface UserProfile {
  /** The programme (département) the person said they live in. */
  programmeId?: string;
}

export interface BotStateAccessors {
  conversationState: ConversationState;
  userState: UserState;
  dialogState: StatePropertyAccessor<DialogState>;
  conversationData: StatePropertyAccessor<ConversationData>;
  userProfile: StatePropertyAccessor<UserProfile>;
}

export function createAccessors(conversationState: ConversationState, userState: UserState): BotStateAccessors {
  return {
    conversationState,
    userState,
    dialogState: conversationState.createProperty<DialogState>('dialogState'),
    conversationData: conversationState.createProperty<ConversationData>('conversationData'),
    userProfile: userState.createProperty<UserProfile>('userProfile'),
  };
}
