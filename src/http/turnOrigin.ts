/**
 * Where the channel reached this bot (« https://bot.example.fr »), kept in
 * the turn so a reply can link back to this server (the figures' CSV): the
 * Host of the request that carried the activity is the bot's public address.
 */
import type { TurnContext } from 'botbuilder';

const ORIGIN = Symbol('requestOrigin');

export function setTurnOrigin(context: TurnContext, origin: string): void {
  context.turnState.set(ORIGIN, origin);
}

export function turnOrigin(context: TurnContext): string | undefined {
  return context.turnState.get<string | undefined>(ORIGIN);
}
