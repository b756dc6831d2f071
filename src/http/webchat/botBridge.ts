/**
 * Hands activities from the local Direct Line to the bot, the way Azure's
 * Direct Line does: the activity carries a serviceUrl pointing back at this
 * very server, so the bot's replies (and, later, its proactive messages
 * through continueConversationAsync) come back through the connector routes
 * (connectorRoutes.ts) into the conversation's store.
 *
 * Turns of one conversation run one after the other, as on Azure: two
 * quick messages must not race on the conversation state's eTag.
 */
import type { Activity, ActivityHandler, CloudAdapter } from 'botbuilder';
import { describeError, type Logger } from '../../logger';
import type { LocalConversation, StoredActivity } from './localDirectLine';

export const LOCAL_BOT_ID = 'pass-numerique-assistant';

export class BotBridge {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly bot: ActivityHandler,
    private readonly logger: Logger,
    private readonly botName: string,
  ) {}

  /** Runs the bot's turn for a stored activity; resolves when the turn (and its replies) are done. */
  deliver(conversation: LocalConversation, activity: StoredActivity, serviceUrl: string): Promise<boolean> {
    const incoming = {
      ...activity,
      serviceUrl,
      channelId: 'directline',
      from: { id: conversation.userId, role: 'user' },
      recipient: { id: LOCAL_BOT_ID, name: this.botName, role: 'bot' },
      conversation: { id: conversation.id },
    } as unknown as Activity;
    const previous = this.queues.get(conversation.id) ?? Promise.resolve();
    const turn = previous.then(async () => {
      try {
        // Anonymous mode: an empty authorization is what CloudAdapter expects without an app id.
        await this.adapter.processActivityDirect('', incoming, (context) => this.bot.run(context));
        return true;
      } catch (error) {
        this.logger.error({ err: describeError(error) }, 'local direct line turn failed');
        return false;
      }
    });
    const settled = turn.finally(() => {
      if (this.queues.get(conversation.id) === settled) this.queues.delete(conversation.id);
    });
    this.queues.set(conversation.id, settled);
    return turn;
  }
}
