/**
 * A flow that needs the person's programme, then answers with text built
 * from that programme's preset (the About flow; another such answer can
 * reuse it with its own text builder).
 */
import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Programme } from '../src/domain/programme';
import type { Translate } from '../src/i18n';
import { answerBalance, BALANCE_DIALOG } from './accountAnswers';
import { CHOOSE_PROGRAMME_DIALOG, ChooseProgrammeDialog, type ChooseProgrammeOptions, hasVoucherBook } from './ChooseProgrammeDialog';
import { IdentifiedDialog } from './IdentifiedDialog';
import type { IdentifyOptions } from './IdentifyDialog';
import type { DialogDeps } from './deps';
import { channelKind } from '../src/channels/channelKind';
import { sendReply } from '../src/channels/send';
import { frenchList } from '../src/i18n';
import { normalize } from '../src/nlu/normalize';
import { PASS_EXPLAINED } from './flowEnd';
import { findDepartement } from '../src/nlu/departementEntity';
import { communesInSentence } from '../src/nlu/communeEntity';

export type ProgrammeText = (programme: Programme, t: Translate) => string;
/** What can be said before the programme is known, for every programme served. */
export type GeneralText = (programmes: readonly Programme[], t: Translate) => string;

/** A question of a few words is only the question of the price. */
const MAX_COST_QUESTION_WORDS = 6;

/** « et c gratuit ? », « ca coute combien ? », « c'est payant ? »: the price asked, and nothing else. */
function asksOnlyTheCost(text: string): boolean {
  const said = ` ${normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;
  if (said.trim().split(' ').length > MAX_COST_QUESTION_WORDS) return false;
  return frenchList('about.cost_words').some((word) => said.includes(` ${normalize(word)} `));
}

export class ProgrammeTextDialog extends ComponentDialog {
  constructor(
    id: string,
    private readonly deps: DialogDeps,
    private readonly compose: ProgrammeText,
    /** On SMS, a short version; « PLUS » then gives `compose`'s text (see MainDialog). */
    private readonly composeShort?: ProgrammeText,
    /** Said before « Dans quel département ? », when it is asked: what does not depend on the answer. */
    composeGeneral?: GeneralText,
    /** « c'est gratuit ? », « ça coûte combien ? » asked alone: this short answer. */
    private readonly answerCost?: ProgrammeText,
  ) {
    super(id);
    // « c'est payant ? », « PLUS » at its « Dans quel département ? »: answered, and the question again (sideQuestions.ts).
    this.addDialog(new ChooseProgrammeDialog(deps, composeGeneral ? 'programme' : undefined));
    this.addDialog(new IdentifiedDialog(BALANCE_DIALOG, deps, answerBalance));
    this.addDialog(
      new WaterfallDialog(`${id}.flow`, [
        // « drome » at the menu names the programme (placeOrFactAtMenu.ts).
        (step: WaterfallStepContext<ChooseProgrammeOptions>) =>
          step.beginDialog(CHOOSE_PROGRAMME_DIALOG, {
            programmeId: step.options?.programmeId ?? this.programmeNamed(step.options),
            ...(composeGeneral ? { intro: composeGeneral(deps.programmes, deps.t) } : {}),
          } satisfies ChooseProgrammeOptions),
        this.answer.bind(this),
      ]),
    );
    this.initialDialogId = `${id}.flow`;
  }

  /**
   * « le pass cest combien d heures dans la drome ? »: the département (or
   * a served commune) said in the question that opened the flow is the
   * answer to « Dans quel département ? », not asked again.
   */
  private programmeNamed(options: unknown): string | undefined {
    const utterance = (options as { utterance?: string } | undefined)?.utterance;
    if (!utterance) return undefined;
    const { programmes, services } = this.deps;
    const served = programmes.map((p) => p.departement.code);
    const communes = communesInSentence(services.placeSearch.communes, utterance, served);
    // One commune only: two would be two answers to choose from.
    const code =
      findDepartement(
        utterance,
        programmes.map((p) => p.departement),
      )?.code ?? (communes.length === 1 ? communes[0].departement : undefined);
    return programmes.find((p) => p.departement.code === code)?.id;
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, state } = this.deps;
    if (hasVoucherBook(step.result)) {
      // They have one already: who they are (the number is taken, the birth date asked), then their hours.
      await sendReply(step.context, t('programme.has_book'), t);
      return step.replaceDialog(BALANCE_DIALOG, { utterance: step.result.voucherBookNumber } satisfies IdentifyOptions);
    }
    const programme = step.result as Programme | undefined;
    if (!programme) return step.endDialog();
    // « et c gratuit ? »: the question answered in one sentence, not the whole text again.
    const utterance = (step.options as { utterance?: string } | undefined)?.utterance;
    if (this.answerCost && utterance && asksOnlyTheCost(utterance)) {
      await sendReply(step.context, this.answerCost(programme, t), t);
      return step.endDialog();
    }
    if (this.composeShort && channelKind(step.context.activity.channelId) === 'sms') {
      await sendReply(step.context, this.composeShort(programme, t), t);
      const data = await state.conversationData.get(step.context, {});
      await state.conversationData.set(step.context, { ...data, moreAbout: programme.id });
    } else {
      await sendReply(step.context, this.compose(programme, t), t);
    }
    return step.endDialog(PASS_EXPLAINED);
  }
}
