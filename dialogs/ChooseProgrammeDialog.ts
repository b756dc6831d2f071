/**
 * Asks which département the person lives in, when the deployment serves
 * several. Ends with the Programme, or undefined for "ailleurs" (after
 * pointing to the national helpline).
 */
import {
  ComponentDialog,
  type DialogContext,
  type DialogReason,
  type DialogTurnResult,
  DialogTurnStatus,
  type FoundChoice,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { Programme } from '../src/domain/programme';
import type { DialogDeps } from './deps';
import { knownProgramme, rememberProgramme } from './programmeOf';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { sendReply } from '../src/channels/send';
import { recognizeChoice } from '../src/nlu/choiceRecognizer';
import { findVoucherBookNumber } from '../src/nlu/voucherBookNumberEntity';
import { pendingQuestion, understandTurn } from './turnUnderstanding';
import { answeringAsides, type AsideTopic } from './prompts/questionKind';
import { isComeBack } from './threadTypes';
import { rememberCommuneGiven } from './communeGiven';
import { notServedText } from './notServed';
import type { Commune } from '../src/domain/communes';

export const CHOOSE_PROGRAMME_DIALOG = 'chooseProgramme';

/** The dialog's result when a carnet number was typed instead of a département: the person has one. */
export interface HasVoucherBook {
  voucherBookNumber: string;
}

export interface ChooseProgrammeOptions {
  /** Named already (« drome » at the menu): that programme, whatever the profile held. */
  programmeId?: string;
  /** What the flow asking wants said when the answer is not understood (« pour vous donner un numéro près de chez vous… »). */
  retryPrompt?: string;
  /** Said before the question, when it is asked (what the pass is, whatever the département). */
  intro?: string;
}

export function hasVoucherBook(result: unknown): result is HasVoucherBook {
  return typeof (result as Partial<HasVoucherBook> | undefined)?.voucherBookNumber === 'string';
}

const PROMPT = 'chooseProgramme.prompt';
const FLOW = 'chooseProgramme.flow';

/**
 * « Dans quel département ? » after another flow ran over it: answered when
 * that flow made the programme known (« est-ce que j'y ai droit ? » at the
 * about flow's question, then « florac » at the eligibility's), not asked
 * again — the about text follows for that programme.
 */
class ProgrammePrompt extends NumberedChoicePrompt {
  constructor(private readonly deps: DialogDeps) {
    super(PROMPT, deps.t);
  }

  override async resumeDialog(dc: DialogContext, reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    const known = isComeBack(result) && !result.passOn ? await knownProgramme(dc.context, this.deps) : undefined;
    const index = known ? this.deps.programmes.indexOf(known) : -1;
    if (!known || index < 0) return super.resumeDialog(dc, reason, result);
    return dc.endDialog({ index, value: known.id, score: 1 } satisfies FoundChoice);
  }
}

export class ChooseProgrammeDialog extends ComponentDialog {
  /** `asides`: the side questions its question answers (« c'est payant ? »), if any (sideQuestions.ts). */
  constructor(
    private readonly deps: DialogDeps,
    asides?: AsideTopic,
  ) {
    super(CHOOSE_PROGRAMME_DIALOG);
    const prompt = new ProgrammePrompt(deps);
    this.addDialog(asides ? answeringAsides(asides, prompt) : prompt);
    this.addDialog(new WaterfallDialog(FLOW, [this.ask.bind(this), this.remember.bind(this)]));
    this.initialDialogId = FLOW;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    // Another flow run over the question (« est-ce que j'y ai droit ? » at it) reads its own answers: « j'habite à Mende »
    // at the eligibility's commune question is no answer to this one, which would have ended that flow.
    if (pendingQuestion(innerDc)?.instance.id !== PROMPT) return super.onContinueDialog(innerDc);
    // « DRO VALE NCK » at « Dans quel département ? »: the carnet says it, and that the person already has one.
    const text = innerDc.context.activity.text ?? '';
    const found = findVoucherBookNumber(text);
    if (found.ok) {
      await innerDc.cancelAllDialogs();
      // Not waiting: the component ends with this result.
      return { status: DialogTurnStatus.complete, result: { voucherBookNumber: found.number } satisfies HasVoucherBook };
    }
    // « mende », « j'habite à Die »: people answer where they live with their commune, which says the département.
    const lives = await this.livesIn(innerDc);
    if (!lives) return super.onContinueDialog(innerDc);
    await innerDc.cancelAllDialogs();
    if ('programme' in lives) return { status: DialogTurnStatus.complete, result: await this.chosen(innerDc.context, lives.programme) };
    // « j'habite à Privas »: not served here, said so for that commune with whom to call, not the question again.
    await sendReply(innerDc.context, notServedText(this.deps.t, this.deps.programmes, lives.notServed), this.deps.t);
    return { status: DialogTurnStatus.complete, result: undefined };
  }

  /**
   * The programme of the commune (or the département) the message names,
   * when it names no option of the question: « 1 », « Drôme », « ailleurs »
   * stay the prompt's to read. Communes are only looked for in the served
   * départements, so one found is always a served programme's.
   */
  private async livesIn(innerDc: DialogContext): Promise<{ programme: Programme } | { notServed: Commune } | undefined> {
    const text = innerDc.context.activity.text ?? '';
    const choices = pendingQuestion(innerDc)?.choices;
    if (!text.trim() || (choices && recognizeChoice(text, choices))) return undefined;
    const { entities } = await understandTurn(innerDc, this.deps);
    const code = entities.commune?.departement ?? entities.departement?.code;
    const programme = code ? this.deps.programmes.find((p) => p.departement.code === code) : undefined;
    // « j'habite à Florac »: where the person lives, for the places and the eligibility asked next (Privas too: not asked again).
    const commune = entities.commune && this.deps.services.placeSearch.communes.getByInsee(entities.commune.insee);
    if (commune) await rememberCommuneGiven(innerDc.context, this.deps, commune);
    if (programme) return { programme };
    return commune ? { notServed: commune } : undefined;
  }

  private async ask(step: WaterfallStepContext<ChooseProgrammeOptions>): Promise<DialogTurnResult> {
    const named = this.deps.programmes.find((p) => p.id === step.options?.programmeId);
    if (named) return step.endDialog(await this.chosen(step.context, named));
    const known = await knownProgramme(step.context, this.deps);
    if (known) return step.endDialog(known);
    const { t, programmes } = this.deps;
    const choices = programmes.map((p) => ({
      value: t('programme.choice', { departement: p.departement.name, code: p.departement.code }),
      synonyms: [p.departement.name, p.departement.code, p.id],
    }));
    choices.push({ value: t('programme.elsewhere'), synonyms: [] });
    // Sent apart, so that the question asked again (after « c'est payant ? ») is the question alone.
    if (step.options?.intro) await sendReply(step.context, step.options.intro, t);
    return step.prompt(PROMPT, {
      prompt: t('programme.ask'),
      retryPrompt: step.options?.retryPrompt ?? `${t('common.didnt_understand')} ${t('programme.ask')}`,
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
    return step.endDialog(await this.chosen(step.context, programme));
  }

  /** The person's programme, remembered for the next questions that need it. */
  private async chosen(context: TurnContext, programme: Programme): Promise<Programme> {
    await rememberProgramme(context, this.deps, programme);
    return programme;
  }
}
