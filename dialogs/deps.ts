/** What every dialog may use: the translator, the served programmes, state, services (use cases, never stores) and the clock. */
import type { Clock } from '../src/domain/clock';
import type { Programme } from '../src/domain/programme';
import type { Translate } from '../src/i18n';
import type { BotStateAccessors } from '../src/bot/state';
import type { Services } from '../src/services/services';

export interface DialogDeps {
  t: Translate;
  /** The programmes this deployment serves, in the configured order. */
  programmes: Programme[];
  state: BotStateAccessors;
  services: Services;
  /**
   * The network address of the person behind the current turn, when it came
   * straight from them (local Direct Line), for the identity lock; the
   * composition root wires it to the HTTP layer, dialog tests have none.
   */
  clientAddress?: () => string | undefined;
  /** Where "now" comes from: every date a dialog decides on is read from it. */
  clock: Clock;
  /** Days a conversation is kept after its last message (services/retention.ts), as the Web Chat pages say. */
  conversationRetentionDays?: number;
}

/** The conversation's retention shown when no deployment setting says otherwise (config: CONVERSATION_RETENTION_DAYS). */
export const DEFAULT_RETENTION_DAYS = 30;
