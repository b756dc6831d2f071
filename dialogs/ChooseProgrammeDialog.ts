/**
 * Asks which département the person lives in, when the deployment serves
 * several. Ends with the Programme, or undefined for "ailleurs" (after
 * pointing to the national helpline).
 */
import {
  ComponentDialog,
  type DialogTurnResult,
  type FoundChoice,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { DialogDeps } from './deps';
import { knownProgramme } from './programmeOf';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { sendReply } from '../src/channels/send';

export const CHOOSE_PROGRAMME_DIALOG = 'chooseProgramme';
const PROMPT = 'chooseProgramme.prompt';
const FLOW = 'chooseProgramme.flow';

export class ChooseProgrammeDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(CHOOSE_PROGRAMME_DIALOG);
    this.addDialog(new NumberedChoicePrompt(PROMPT, deps.t));
    this.addDialog(new WaterfallDialog(FLOW, [this.ask.bind(this), this.remember.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const known = await knownProgramme(step.context, this.deps);
    if (known) return step.endDialog(known);
    const { t, programmes } = this.deps;
    const choices = programmes.map((p) => ({
      value: t('programme.choice', { departement: p.departement.name, code: p.departement.code }),
      synonyms: [p.departement.name, p.departement.code, p.id],
    }));
    choices.push({ value: t('programme.elsewhere'), synonyms: [] });
    return step.prompt(PROMPT, {
      prompt: t('programme.ask'),
      retryPrompt: `${t('common.didnt_understand')} ${t('programme.ask')}`,
      choices,
    });
  }

  private async remember(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { index } = step.result as FoundChoice;
    const programme = this.deps.programmes[index];
    if (!programme) {
      await sendReply(step.context, this.deps.t('programme.not_served'), this.deps.t);
      return step.endDialog(undefined);
    }
    const profile = await this.deps.state.userProfile.get(step.context, {});
    await this.deps.state.userProfile.set(step.context, { ...profile, programmeId: programme.id });
    return step.endDialog(programme);
  }
}
