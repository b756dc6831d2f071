/**
 * Every turn runs in a programme scope (src/programmeScope.ts): its
 * sentences name the person's programme as its data does, from the first
 * one — the only programme served, or the one remembered for the person
 * (their carnet, the commune they gave). A dialog that learns it mid-turn
 * says so (dialogs/programmeOf.ts `rememberProgramme`), and so does the
 * professional gate for a professional in Teams. A proactive message's
 * turn (ContinueConversation) keeps the scope its text was composed in.
 */
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Programme } from '../domain/programme';
import { inProgramme } from '../programmeScope';
import type { BotStateAccessors } from './state';

const CONTINUE_CONVERSATION = 'ContinueConversation';

export class ProgrammeTurnMiddleware implements Middleware {
  constructor(
    private readonly programmes: readonly Programme[],
    private readonly state: BotStateAccessors,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { type, name } = context.activity;
    if (type === (ActivityTypes.Event as string) && name === CONTINUE_CONVERSATION) return next();
    const programme = await this.programmeOf(context);
    return inProgramme(programme?.name, next, programme?.voucherBook.word);
  }

  private async programmeOf(context: TurnContext): Promise<Programme | undefined> {
    if (this.programmes.length === 1) return this.programmes[0];
    const profile = await this.state.userProfile.get(context, {});
    return this.programmes.find((p) => p.id === profile.programmeId);
  }
}
