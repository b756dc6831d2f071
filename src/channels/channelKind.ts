/**
 * The three ways a message is shown. Any channel we do not know is treated
 * like Web Chat (text plus buttons), the richest safe default.
 */
export type ChannelKind = 'sms' | 'teams' | 'webchat';

export function channelKind(channelId: string | undefined): ChannelKind {
  switch ((channelId ?? '').toLowerCase()) {
    case 'sms':
      return 'sms';
    case 'msteams':
      return 'teams';
    default:
      return 'webchat';
  }
}
