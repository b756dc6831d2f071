/**
 * Who can help, for a prompt that cannot understand the person three times
 * in a row: the prompt knows only its words; the main dialog knows who the
 * person is, and puts the way to a person (with phone numbers,
 * humanContacts.ts) in the turn's state for any prompt to give.
 */
import type { TurnContext } from 'botbuilder';

const STUCK_HELP = Symbol('stuckHelp');

export type StuckHelp = (context: TurnContext) => Promise<string>;

export function offerHelpWhenStuck(context: TurnContext, help: StuckHelp): void {
  context.turnState.set(STUCK_HELP, help);
}

/** The contacts to offer, when the turn has them. */
export async function stuckHelp(context: TurnContext): Promise<string | undefined> {
  const help = context.turnState.get<StuckHelp | undefined>(STUCK_HELP);
  return help ? help(context) : undefined;
}
