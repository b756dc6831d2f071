/**
 * Sends through the Bot Framework's proactive path: continueConversationAsync
 * with the stored reference. On Azure channels the adapter signs with the
 * bot's app id; locally (anonymous mode, empty app id) the reference's
 * serviceUrl is this server, whose connector routes put the message into
 * the local Direct Line conversation (src/http/webchat/connectorRoutes.ts).
 */
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { sendReply } from '../../../dialogs/send';
import type { Translate } from '../../i18n';
import type { ProactiveSender } from './outboxDispatcher';

export class AdapterSender implements ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly t: Translate,
  ) {}

  async send(reference: Partial<ConversationReference>, text: string): Promise<void> {
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      // Rendered for the channel like any reply (SMS: plain text, ≤ 320 characters).
      await sendReply(context, text, this.t);
    });
  }
}
