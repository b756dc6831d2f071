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
import { saysFrustration, saysNoVoucherBook } from '../src/nlu/conversationSignals';
import { sendReply } from '../src/channels/send';

export const RENEW_DIALOG = 'renew';
/** A newcomer's first sentence tells more than having no carnet (« jsuis nouvelle, jai jamais eu de carnet, jhabite a Mende »). */
const NEWCOMER_SENTENCE_WORDS = 25;

interface RenewValues {
  /** The commune the opening sentence named: whom to ask is near it. */
  communeInsee?: string;
  /** The opening sentence says the person never had a carnet. */
  neverHadOne?: boolean;
}
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
    const { state, services, clock, t } = this.deps;
    // « c'est pas juste » after « a expiré »: heard, in one kind sentence, before the rule and whom to ask.
    if (saysFrustration(step.context.activity.text)) await sendReply(step.context, t('human.sorry'), t);
    const data = await state.conversationData.get(step.context, {});
    const { channelId, from } = step.context.activity;
    const known =
      verifiedBeneficiary(data, senderOf(step.context.activity), clock.now()) ??
      (await services.channelLinks.beneficiaryOf(channelId, from.id));
    // Proved here, or this device is theirs: the identity check ends at once, and their own carnet answers.
    if (known) return step.replaceDialog(OWN);
    // « je suis à Crest, mon carnet ne marche plus »: the commune says the programme.
    const { programme, commune } = await communeSaid(step, this.deps);
    const values = step.values as RenewValues;
    values.communeInsee = commune?.insee;
    // « jsuis nouvelle, jai jamais eu de carnet »: whom to ask near where she lives, and no « MES HEURES ».
    values.neverHadOne = saysNoVoucherBook(step.context.activity.text ?? '', NEWCOMER_SENTENCE_WORDS);
    return programme ? step.next(programme) : step.beginDialog(CHOOSE_PROGRAMME_DIALOG);
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // « DRO-VALE-NCK » at the département question: they have one; who they are (the birth date is asked), then its state.
    if (hasVoucherBook(step.result)) return step.replaceDialog(OWN, { utterance: step.result.voucherBookNumber } satisfies IdentifyOptions);
    const programme = step.result as Programme | undefined;
    const { communeInsee: insee, neverHadOne } = step.values as RenewValues;
    const commune = insee ? this.deps.services.placeSearch.communes.getByInsee(insee) : undefined;
    if (programme) await sendRenewalRule(step.context, this.deps, programme, { ...(commune ? { commune } : {}), neverHadOne });
    return step.endDialog();
  }
}
