/** What every dialog may use: the translator, the served programmes, state and services. */
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
}
