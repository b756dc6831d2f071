/**
 * Privacy: what the assistant keeps, why and for how long (the same facts
 * as the Web Chat pages: services/retention.ts is the truth); and
 * "supprimer mes données", which erases the person's data after they proved
 * who they are, were told in plain words what will be lost (their hours,
 * their sessions), and gave their birth date again in the confirming turn:
 * a remembered device or a conversation left open is not enough to erase.
 */
import { ComponentDialog, type DialogTurnResult, type FoundChoice, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { frenchList } from '../src/i18n';
import { parseBirthDate } from '../src/nlu/birthDate';
import { normalize } from '../src/nlu/normalize';
import { findYesNo } from '../src/nlu/smallEntities';
import { DEFAULT_RETENTION_DAYS, type DialogDeps } from './deps';
import { ERASED } from './flowEnd';
import { forgetProgramme } from './programmeOf';
import { IDENTIFY_DIALOG, IdentifyDialog, type IdentifyOptions } from './IdentifyDialog';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { answeringAsides, asking } from './prompts/questionKind';
import { ParsedTextPrompt } from './prompts/ParsedTextPrompt';
import { sendReply } from '../src/channels/send';

export const PRIVACY_DIALOG = 'privacy';
const FLOW = 'privacy.flow';
const CHOICE_PROMPT = 'privacy.choice';
const CONFIRM_PROMPT = 'privacy.confirm';

/** The confirming turn: the person's birth date again, or no. */
/** `sessions`: « attendez ça va annuler mes rdv ?? » — what the erasure would cancel is asked, not answered. */
type ConfirmAnswer = { kind: 'no' } | { kind: 'birth_date'; birthDate: string } | { kind: 'sessions' };

let noWords: string[] | undefined;
/** « non », « non non surtout pas », « Non, garder mes données »: a no that starts the message counts. */
function isNo(text: string, t: DialogDeps['t']): boolean {
  noWords ??= [...frenchList('common.no_synonyms'), t('common.no'), t('privacy.no_keep')].map((w) => normalize(w).trim());
  const [first] = findYesNo(text);
  return noWords.includes(normalize(text).trim()) || first?.value === false;
}

/** « ça va annuler mes rdv ?? », « et mes séances ? »: a question about the sessions the erasure would cancel. */
function asksAboutSessions(text: string): boolean {
  const said = ` ${normalize(text)
    .replace(/[?!.,;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
  return frenchList('privacy.sessions_words').some((word) => said.includes(` ${normalize(word)} `));
}

export interface PrivacyOptions {
  /** The person asked to erase their data straight away. */
  erase?: boolean;
}

export class PrivacyDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(PRIVACY_DIALOG);
    this.addDialog(new IdentifyDialog(deps));
    this.addDialog(new NumberedChoicePrompt(CHOICE_PROMPT, deps.t));
    // « pourquoi ? » there asks why the birth date again: answered, then the question (sideQuestions.ts).
    this.addDialog(
      answeringAsides(
        'erasure',
        asking(
          'birthDate',
          new ParsedTextPrompt<ConfirmAnswer>(CONFIRM_PROMPT, deps.t, (text) => {
            if (isNo(text, deps.t)) return { value: { kind: 'no' } };
            const birthDate = parseBirthDate(text, deps.clock.now());
            if (!birthDate && asksAboutSessions(text)) return { value: { kind: 'sessions' } };
            return birthDate ? { value: { kind: 'birth_date', birthDate } } : { retry: deps.t('privacy.confirm_retry') };
          }),
        ),
      ),
    );
    this.addDialog(
      new WaterfallDialog(FLOW, [this.explain.bind(this), this.identify.bind(this), this.confirm.bind(this), this.erase.bind(this)]),
    );
    this.initialDialogId = FLOW;
  }

  private async explain(step: WaterfallStepContext<PrivacyOptions>): Promise<DialogTurnResult> {
    if (step.options?.erase) return step.next({ index: 0 });
    const { t } = this.deps;
    await sendReply(step.context, t('privacy.what_we_keep', { count: this.deps.conversationRetentionDays ?? DEFAULT_RETENTION_DAYS }), t);
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
    return step.beginDialog(IDENTIFY_DIALOG, { forErasure: true } satisfies IdentifyOptions);
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const beneficiaryId = step.result as string | undefined;
    if (!beneficiaryId) return step.endDialog();
    (step.values as { beneficiaryId?: string }).beneficiaryId = beneficiaryId;
    return this.askConfirmation(step, beneficiaryId);
  }

  /** What the erasure costs (hours, sessions to come), and the birth date or « non » asked. */
  private async askConfirmation(step: WaterfallStepContext, beneficiaryId: string): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    const lost = await services.erasure.preview(beneficiaryId, this.deps.clock.now());
    const losses = [
      lost.hoursLeft > 0 ? t('privacy.lost_hours', { count: lost.hoursLeft }) : '',
      lost.upcomingBookings > 0 ? t('privacy.lost_sessions', { count: lost.upcomingBookings }) : '',
    ].filter(Boolean);
    return step.prompt(CONFIRM_PROMPT, {
      prompt: t('privacy.confirm_erase', { losses: losses.length ? losses.join(' ') : t('privacy.lost_nothing') }),
      retryPrompt: t('privacy.confirm_retry'),
    });
  }

  private async erase(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, services, state } = this.deps;
    const beneficiaryId = (step.values as { beneficiaryId: string }).beneficiaryId;
    const answer = step.result as ConfirmAnswer | undefined;
    if (answer?.kind === 'sessions') {
      // Answered with her own count, then the same question: this step runs again with the next answer.
      const { upcomingBookings } = await services.erasure.preview(beneficiaryId, this.deps.clock.now());
      await sendReply(step.context, t('privacy.sessions_answer', { count: upcomingBookings }), t);
      // The waterfall resumes at the step after the one that prompted: one back, so this one reads the answer again.
      const waterfall = step.activeDialog!.state as { stepIndex: number };
      waterfall.stepIndex -= 1;
      return this.askConfirmation(step, beneficiaryId);
    }
    if (!answer || answer.kind === 'no') {
      const { upcomingBookings } = await services.erasure.preview(beneficiaryId, this.deps.clock.now());
      await sendReply(step.context, t(upcomingBookings > 0 ? 'privacy.kept_sessions' : 'privacy.kept'), t);
      return step.endDialog();
    }
    if (!(await services.erasure.birthDateMatches(beneficiaryId, answer.birthDate))) {
      await sendReply(step.context, t('privacy.wrong_birth_date'), t);
      return step.endDialog();
    }
    await services.erasure.erase(beneficiaryId, { kind: 'beneficiary', id: beneficiaryId }, this.deps.clock.now());
    // Nothing of the person stays in this conversation or this user's state either: the
    // documents go, not just their contents, as their keys hold the channel ids (a phone number
    // on SMS). Deleted, they are not written back at the end of the turn.
    await state.conversationState.delete(step.context);
    await state.userState.delete(step.context);
    forgetProgramme(this.deps);
    const { channelId, conversation } = step.context.activity;
    await services.erasure.forgetConversation(channelId, conversation.id, this.deps.clock.now());
    // Only once the files on disk no longer hold the old lines is it true to say « c'est fait ».
    await services.erasure.removeFromDisk();
    await sendReply(step.context, t('privacy.erased'), t);
    return step.endDialog(ERASED);
  }
}
