/**
 * « un autre carnet », « pourquoi il marche plus mon carnet », « comment
 * j'en ai un nouveau » (the renew intent): answered from the person's own
 * carnet when they proved who they are here, or this phone or browser is
 * theirs (IdentifyDialog then asks nothing); otherwise from the
 * programme's rule, the département asked first when unknown (a commune
 * said is an answer), with whom to ask. Never the carnet question: someone
 * who may have none is not asked for it (a number typed at the département
 * question is taken, and their own answer follows).
 */
import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Programme } from '../src/domain/programme';
import { senderOf, verifiedBeneficiary } from '../src/bot/state';
import { CHOOSE_PROGRAMME_DIALOG, ChooseProgrammeDialog, hasVoucherBook } from './ChooseProgrammeDialog';
import type { DialogDeps } from './deps';
import { IdentifiedDialog } from './IdentifiedDialog';
import type { IdentifyOptions } from './IdentifyDialog';
import { communeSaid } from './programmeOf';
import { answerRenewal, sendRenewalRule } from './renewalAnswers';

export const RENEW_DIALOG = 'renew';
const FLOW = 'renew.flow';
const OWN = 'renew.own';

export class RenewDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(RENEW_DIALOG);
    this.addDialog(new ChooseProgrammeDialog(deps));
    this.addDialog(new IdentifiedDialog(OWN, deps, answerRenewal));
    this.addDialog(new WaterfallDialog(FLOW, [this.start.bind(this), this.answer.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async start(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { state, services, clock } = this.deps;
    const data = await state.conversationData.get(step.context, {});
    const { channelId, from } = step.context.activity;
    const known =
      verifiedBeneficiary(data, senderOf(step.context.activity), clock.now()) ??
      (await services.channelLinks.beneficiaryOf(channelId, from.id));
    // Proved here, or this device is theirs: the identity check ends at once, and their own carnet answers.
    if (known) return step.replaceDialog(OWN);
    // « je suis à Crest, mon carnet ne marche plus »: the commune says the programme.
    const { programme } = await communeSaid(step, this.deps);
    return programme ? step.next(programme) : step.beginDialog(CHOOSE_PROGRAMME_DIALOG);
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // « DRO-VALE-NCK » at the département question: they have one; who they are (the birth date is asked), then its state.
    if (hasVoucherBook(step.result)) return step.replaceDialog(OWN, { utterance: step.result.voucherBookNumber } satisfies IdentifyOptions);
    const programme = step.result as Programme | undefined;
    if (programme) await sendRenewalRule(step.context, this.deps, programme);
    return step.endDialog();
  }
}
