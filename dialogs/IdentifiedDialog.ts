/**
 * A flow about the person's own account (balance, their sessions): first
 * the identity check, then the answer. One class serves both flows.
 */
import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { DialogDeps } from './deps';
import { IDENTIFY_DIALOG, IdentifyDialog, type IdentifyOptions } from './IdentifyDialog';

/** Answers the person's question; may return how the flow ended for the menu (flowEnd.NO_HOURS). */
export type AccountAnswer = (
  context: TurnContext,
  beneficiaryId: string,
  deps: DialogDeps,
  /** What the person first said (IdentifyOptions.utterance), the identity check's turns in between: « pourquoi on m'a enlevé une heure ? ». */
  utterance?: string,
) => Promise<object | void>;

export class IdentifiedDialog extends ComponentDialog {
  constructor(
    id: string,
    private readonly deps: DialogDeps,
    private readonly answer: AccountAnswer,
  ) {
    super(id);
    this.addDialog(new IdentifyDialog(deps));
    this.addDialog(
      new WaterfallDialog(`${id}.flow`, [
        (step: WaterfallStepContext<IdentifyOptions>) => step.beginDialog(IDENTIFY_DIALOG, step.options),
        this.respond.bind(this),
      ]),
    );
    this.initialDialogId = `${id}.flow`;
  }

  private async respond(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const beneficiaryId = step.result as string | undefined;
    const utterance = (step.options as IdentifyOptions | undefined)?.utterance;
    const ended = beneficiaryId ? await this.answer(step.context, beneficiaryId, this.deps, utterance) : undefined;
    return step.endDialog(ended ?? undefined);
  }
}
