/**
 * Sends through the Bot Framework's proactive path: continueConversationAsync
 * with the stored reference. On Azure channels the adapter signs with the
 * bot's app id; locally (anonymous mode, empty app id) the reference's
 * serviceUrl is this server, whose connector routes put the message into
 * the local Direct Line conversation (src/http/webchat/connectorRoutes.ts).
 */
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { flushSms } from '../../channels/sms/smsTurn';
import { channelKind } from '../../channels/channelKind';
import { sendReply } from '../../channels/send';
import type { ContactReference } from '../../domain/outbox';
import type { Translate } from '../../i18n';
import type { MessageSender, ProactiveText } from '../../services/reminders/ports';
import { usableReference } from './conversationReference';

export class AdapterSender implements MessageSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly t: Translate,
    /** A question was delivered into this conversation (its answer is read there: bot/feedbackAnswer.ts). */
    private readonly asked?: (context: TurnContext, question: NonNullable<ProactiveText['asks']>) => Promise<void>,
  ) {}

  canReach(contact: ContactReference): boolean {
    return usableReference(contact.referenceJson) !== undefined;
  }

  async send(contact: ContactReference, message: ProactiveText): Promise<void> {
    const reference = usableReference(contact.referenceJson);
    if (!reference) throw Object.assign(new Error('unusable conversation reference'), { name: 'UnusableReference', statusCode: 404 });
    // The adapter hands an error thrown in its callback to onTurnError, which answers the turn
    // and swallows it: caught here and thrown after, so that a refused message is not "sent".
    let refusal: { error: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      // Rendered for the channel like any reply (SMS: GSM-7 text, ≤ 320 characters a message). On SMS the
      // text says which word to reply (« ANNULER »): a numbered button would read as a menu choice.
      const sms = channelKind(reference.channelId) === 'sms';
      try {
        await sendReply(context, sms ? message.text : { text: message.text, choices: message.buttons }, this.t);
        // On SMS the reply is held for the end of the turn: sent here, so that a refusal is caught.
        await flushSms(context);
        if (message.asks) await this.asked?.(context, message.asks);
      } catch (error) {
        refusal = { error };
      }
    });
    if (refusal) throw refusal.error;
  }
}
