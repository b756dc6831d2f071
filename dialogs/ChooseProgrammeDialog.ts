/**
 * Asks which département the person lives in, when the deployment serves
 * several. Ends with the Programme, or undefined for "ailleurs" (after
 * pointing to the national helpline).
 */
import {
  ComponentDialog,
  type DialogContext,
  type DialogTurnResult,
  DialogTurnStatus,
  type FoundChoice,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { DialogDeps } from './deps';
import { knownProgramme } from './programmeOf';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { sendReply } from '../src/channels/send';
import { findVoucherBookNumber } from '../src/nlu/voucherBookNumberEntity';

export const CHOOSE_PROGRAMME_DIALOG = 'chooseProgramme';

/** The dialog's result when a carnet number was typed instead of a département: the person has one. */
export interface HasVoucherBook {
  voucherBookNumber: string;
}

export function hasVoucherBook(result: unknown): result is HasVoucherBook {
  return typeof (result as Partial<HasVoucherBook> | undefined)?.voucherBookNumber === 'string';
}
const PROMPT = 'chooseProgramme.prompt';
const FLOW = 'chooseProgramme.flow';

export class ChooseProgrammeDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(CHOOSE_PROGRAMME_DIALOG);
    this.addDialog(new NumberedChoicePrompt(PROMPT, deps.t));
    this.addDialog(new WaterfallDialog(FLOW, [this.ask.bind(this), this.remember.bind(this)]));
    this.initialDialogId = FLOW;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    // « DRO VALE NCK » at « Dans quel département ? »: the carnet says it, and that the person already has one.
    const found = findVoucherBookNumber(innerDc.context.activity.text ?? '');
    if (!found.ok) return super.onContinueDialog(innerDc);
    await innerDc.cancelAllDialogs();
    // Not waiting: the component ends with this result.
    return { status: DialogTurnStatus.complete, result: { voucherBookNumber: found.number } satisfies HasVoucherBook };
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
