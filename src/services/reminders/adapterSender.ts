/**
 * Sends through the Bot Framework's proactive path: continueConversationAsync
 * with the stored reference. On Azure channels the adapter signs with the
 * bot's app id; locally (anonymous mode, empty app id) the reference's
 * serviceUrl is this server, whose connector routes put the message into
 * the local Direct Line conversation (src/http/webchat/connectorRoutes.ts).
 */
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { sendReply } from '../../channels/send';
import type { Translate } from '../../i18n';
import { channelKind } from '../../channels/channelKind';
import type { ProactiveSender, ProactiveText } from './outboxDispatcher';

export class AdapterSender implements ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly t: Translate,
  ) {}

  async send(reference: Partial<ConversationReference>, message: ProactiveText): Promise<void> {
    // The adapter hands an error thrown in its callback to onTurnError, which answers the turn
    // and swallows it: caught here and thrown after, so that a refused message is not "sent".
    let refusal: { error: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      // Rendered for the channel like any reply (SMS: plain text, ≤ 320 characters). On SMS the
      // text says which word to reply (« ANNULER »): a numbered button would read as a menu choice.
      const sms = channelKind(reference.channelId) === 'sms';
      try {
        await sendReply(context, sms ? message.text : { text: message.text, choices: message.buttons }, this.t);
      } catch (error) {
        refusal = { error };
      }
    });
    if (refusal) throw refusal.error;
  }
}
