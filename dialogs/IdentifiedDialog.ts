/**
 * A flow about the person's own account (balance, their sessions): first
 * the identity check, then the answer. One class serves both flows.
 */
import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { DialogDeps } from './deps';
import { IDENTIFY_DIALOG, IdentifyDialog, type IdentifyOptions } from './IdentifyDialog';

export type AccountAnswer = (context: TurnContext, beneficiaryId: string, deps: DialogDeps) => Promise<void>;

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
    if (beneficiaryId) await this.answer(step.context, beneficiaryId, this.deps);
    return step.endDialog();
  }
}
