/**
 * Privacy: what the assistant keeps, why and for how long; and "supprimer
 * mes données", which erases the person's data after they proved who they
 * are and confirmed, in plain words, what will be lost.
 */
import {
  ComponentDialog,
  type DialogTurnResult,
  type FoundChoice,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { frenchList } from '../src/i18n';
import type { DialogDeps } from './deps';
import { IDENTIFY_DIALOG, IdentifyDialog } from './IdentifyDialog';
import { knownProgramme } from './programmeOf';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { sendReply } from '../src/channels/send';

export const PRIVACY_DIALOG = 'privacy';
const FLOW = 'privacy.flow';
const CHOICE_PROMPT = 'privacy.choice';
const CONFIRM_PROMPT = 'privacy.confirm';

export interface PrivacyOptions {
  /** The person asked to erase their data straight away. */
  erase?: boolean;
}

export class PrivacyDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(PRIVACY_DIALOG);
    this.addDialog(new IdentifyDialog(deps));
    this.addDialog(new NumberedChoicePrompt(CHOICE_PROMPT, deps.t));
    this.addDialog(new NumberedChoicePrompt(CONFIRM_PROMPT, deps.t));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.explain.bind(this),
        this.identify.bind(this),
        this.confirm.bind(this),
        this.erase.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  /** Retention of the person's programme, or the longest of those served when unknown. */
  private async retentionMonths(step: WaterfallStepContext): Promise<number> {
    const programme = await knownProgramme(step.context, this.deps);
    if (programme) return programme.retentionMonths.value;
    return Math.max(...this.deps.programmes.map((p) => p.retentionMonths.value));
  }

  private async explain(step: WaterfallStepContext<PrivacyOptions>): Promise<DialogTurnResult> {
    if (step.options?.erase) return step.next({ index: 0 });
    const { t } = this.deps;
    await sendReply(step.context, t('privacy.what_we_keep', { months: await this.retentionMonths(step) }), t);
    return step.prompt(CHOICE_PROMPT, {
      prompt: t('privacy.what_next'),
      retryPrompt: `${t('common.didnt_understand')} ${t('privacy.what_next')}`,
      choices: [
        { value: t('privacy.erase'), synonyms: frenchList('privacy.erase_synonyms') },
        { value: t('privacy.back'), synonyms: frenchList('my_bookings.nothing_synonyms') },
      ],
    });
  }

  private async identify(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as FoundChoice).index !== 0) return step.endDialog();
    await sendReply(step.context, this.deps.t('privacy.identify_first'), this.deps.t);
    return step.beginDialog(IDENTIFY_DIALOG);
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const beneficiaryId = step.result as string | undefined;
    if (!beneficiaryId) return step.endDialog();
    (step.values as { beneficiaryId?: string }).beneficiaryId = beneficiaryId;
    const { t } = this.deps;
    const question = t('privacy.confirm_erase');
    return step.prompt(CONFIRM_PROMPT, {
      prompt: question,
      retryPrompt: `${t('common.didnt_understand')} ${question}`,
      choices: [
        { value: t('privacy.yes_erase'), synonyms: frenchList('common.yes_synonyms') },
        { value: t('privacy.no_keep'), synonyms: frenchList('common.no_synonyms') },
      ],
    });
  }

  private async erase(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, services, state } = this.deps;
    if ((step.result as FoundChoice).index !== 0) {
      await sendReply(step.context, t('privacy.kept'), t);
      return step.endDialog();
    }
    const beneficiaryId = (step.values as { beneficiaryId: string }).beneficiaryId;
    await services.erasure.erase(beneficiaryId, { kind: 'beneficiary', id: beneficiaryId }, this.deps.clock.now());
    // Nothing of the person stays in this conversation or this user's state either: the
    // documents go, not just their contents, as their keys hold the channel ids (a phone number
    // on SMS). Deleted, they are not written back at the end of the turn.
    await state.conversationState.delete(step.context);
    await state.userState.delete(step.context);
    await sendReply(step.context, t('privacy.erased'), t);
    return step.endDialog();
  }
}
