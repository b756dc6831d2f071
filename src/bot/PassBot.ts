/**
 * The ActivityHandler: welcomes people (on conversationUpdate where the
 * channel sends one, else on their first message — SMS sends none), runs
 * the main dialog on every message, and saves state at the end of the turn.
 */
import { ActivityHandler, type TurnContext } from 'botbuilder';
import type { MainDialog } from '../../dialogs/MainDialog';
import { sendReply } from '../channels/send';
import type { Translate } from '../i18n';
import type { BotStateAccessors } from './state';

/** Takes the turn when the sender is a professional (see professionalGate.ts). */
export interface ProfessionalRouter {
  handle(context: TurnContext): Promise<boolean>;
}

export class PassBot extends ActivityHandler {
  constructor(
    private readonly state: BotStateAccessors,
    private readonly mainDialog: MainDialog,
    private readonly t: Translate,
    private readonly programmeNames: { name: string; departement: string } | undefined,
    private readonly professionals?: ProfessionalRouter,
  ) {
    super();

    this.onMessage(async (context, next) => {
      if (await this.professionals?.handle(context)) return next();
      await this.welcomeOnce(context);
      await this.mainDialog.run(context, this.state.dialogState);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== botId);
      if (joined && !(await this.professionals?.handle(context))) {
        await this.welcomeOnce(context);
        await this.mainDialog.run(context, this.state.dialogState);
      }
      await next();
    });
  }

  /** Persist state changes made during the turn, after every handler ran. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.state.conversationState.saveChanges(context, false);
    await this.state.userState.saveChanges(context, false);
  }

  private async welcomeOnce(context: TurnContext): Promise<void> {
    const data = await this.state.conversationData.get(context, {});
    if (data.welcomed) return;
    const hello = this.programmeNames ? this.t('welcome.hello_programme', this.programmeNames) : this.t('welcome.hello');
    await sendReply(context, `${hello}\n${this.t('welcome.anytime')}`, this.t);
    await this.state.conversationData.set(context, { ...data, welcomed: true });
  }
}

/**
 * The SMS keyword AIDE, answered before the bot runs (smsKeywords.ts), says
 * who the assistant is and the words that work at any time: it is the
 * welcome, which the next message does not repeat (« aide » then « parler à
 * quelqu'un » read « Bonjour ! Je suis l'assistant… » after it). Saved here:
 * the turn ends in the middleware, before the bot saves its state.
 */
export async function welcomedByHelp(context: TurnContext, state: BotStateAccessors): Promise<void> {
  const data = await state.conversationData.get(context, {});
  if (data.welcomed) return;
  await state.conversationData.set(context, { ...data, welcomed: true });
  await state.conversationState.saveChanges(context, false);
}
