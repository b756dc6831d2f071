/**
 * botbuilder-dialogs gives each turn its own list of memory scopes and
 * path resolvers (DialogStateManager's configuration): the first dialog
 * context of a turn asks every registered component for them, and the
 * dialogs component builds them anew through its service collection and a
 * dependency graph — 280 µs of the first DialogContext of every turn
 * against 26 µs for the next ones. The scopes and resolvers hold nothing
 * of a turn (each reads the turn through the dialog context it is handed),
 * and the components never change once the process runs, so one
 * configuration, built as botbuilder builds it, serves every turn: it is
 * put where botbuilder looks for the turn's own (a turn state key).
 *
 * A turn that brings its own scopes or resolvers in turn state (none of
 * ours does) is left to botbuilder, which merges them in.
 *
 * Each DialogStateManager (eight a menu turn, one per dialog context) also
 * registers a newly built DialogsComponentRegistration — a service
 * collection with its factories, 33 µs — in place of the identical one
 * registered before it (the registry keeps one per class name). The class
 * botbuilder constructs there gives back one instance built once: the same
 * registration, the same scopes from it, without the rebuilding.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import { DialogStateManager, type DialogContext, type DialogStateManagerConfiguration } from 'botbuilder-dialogs';
// The module object itself (not an import's copy of it): DialogStateManager reads the class from it at each construction.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import registrationModule = require('botbuilder-dialogs/lib/dialogsComponentRegistration');

/** Where DialogStateManager looks for the turn's configuration (botbuilder-dialogs/lib/memory/dialogStateManager). */
export const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

let shared: DialogStateManagerConfiguration | undefined;

/** The configuration botbuilder would build for a turn without scopes of its own, built once. */
export function sharedDialogMemory(): DialogStateManagerConfiguration {
  if (!shared) {
    const turnState = new Map<unknown, unknown>();
    // The constructor reads and writes only the turn state of the dialog context's turn.
    const { memoryScopes, pathResolvers } = new DialogStateManager({ context: { turnState } } as unknown as DialogContext).configuration;
    // Shared by every turn: frozen, so that a change meant for one turn fails instead of reaching the others.
    shared = Object.freeze({
      memoryScopes: Object.freeze(memoryScopes),
      pathResolvers: Object.freeze(pathResolvers),
    }) as DialogStateManagerConfiguration;
  }
  return shared;
}

let registrationShared = false;

/** `new DialogsComponentRegistration()`, as DialogStateManager calls it, gives one instance (once per process). */
export function shareDialogsRegistration(): void {
  if (registrationShared) return;
  registrationShared = true;
  const module = registrationModule as unknown as { DialogsComponentRegistration: { new (): object; prototype: object } };
  const Built = module.DialogsComponentRegistration;
  const one = new Built();
  // A constructor that returns an object makes `new` give that object: still a DialogsComponentRegistration, by class and name.
  function DialogsComponentRegistration(): object {
    return one;
  }
  DialogsComponentRegistration.prototype = Built.prototype as unknown;
  module.DialogsComponentRegistration = DialogsComponentRegistration as unknown as typeof Built;
}

export class SharedDialogMemoryMiddleware implements Middleware {
  constructor() {
    shareDialogsRegistration();
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { turnState } = context;
    if (!turnState.has(DIALOG_STATE_MANAGER_CONFIGURATION) && !turnState.has('memoryScopes') && !turnState.has('pathResolvers')) {
      turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, sharedDialogMemory());
    }
    await next();
  }
}
