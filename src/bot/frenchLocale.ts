/**
 * Whatever locale the client announces (Web Chat sends the browser's, SMS
 * none), the bot speaks French: prompts and recognisers read this field.
 */
import type { Middleware, TurnContext } from 'botbuilder';

export const FRENCH_LOCALE = 'fr-FR';

export class FrenchLocaleMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.activity.locale = FRENCH_LOCALE;
    await next();
  }
}
