/**
 * "Suis-je éligible ?": where do you live (→ département → programme), then
 * the programme's own questions (data in its preset, choices only), then a
 * pre-orientation — never a decision — with the three nearest places that
 * prescribe the pass and whether they are open now.
 */
import { lowerFirst } from '../src/wording';
import {
  ComponentDialog,
  type DialogTurnResult,
  type FoundChoice,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Commune } from '../src/domain/communes';
import { communePosition } from '../src/domain/communes';
import type { EligibilityOutcome, Programme } from '../src/domain/programme';
import { communesForAnswer, communesInSentence } from '../src/nlu/communeEntity';
import type { DialogDeps } from './deps';
import { placeLine } from './placeText';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { asking } from './prompts/questionKind';
import { ParsedTextPrompt } from './prompts/ParsedTextPrompt';
import { sendReply } from '../src/channels/send';

export const ELIGIBILITY_DIALOG = 'eligibility';

/** "Les centres sociaux" inside a sentence: "les centres sociaux". */
const FLOW = 'eligibility.flow';
const QUESTIONS = 'eligibility.questions';
const COMMUNE_PROMPT = 'eligibility.commune';
const ANSWER_PROMPT = 'eligibility.answer';

export interface EligibilityOptions {
  utterance?: string;
}

interface QuestionOptions {
  programmeId: string;
  index: number;
}

interface FlowValues {
  commune?: Commune;
  programmeId?: string;
}

export class EligibilityDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(ELIGIBILITY_DIALOG);
    const { t } = deps;
    this.addDialog(
      asking(
        'commune',
        new ParsedTextPrompt(COMMUNE_PROMPT, t, (text) => {
          const commune = this.communeIn(text, true);
          return commune ? { value: commune } : { retry: t('find_place.unknown_commune') };
        }),
      ),
    );
    this.addDialog(new NumberedChoicePrompt(ANSWER_PROMPT, t));
    this.addDialog(
      new WaterfallDialog(FLOW, [this.askCommune.bind(this), this.startQuestions.bind(this), this.answer.bind(this)]),
    );
    this.addDialog(new WaterfallDialog(QUESTIONS, [this.ask.bind(this), this.next.bind(this)]));
    this.initialDialogId = FLOW;
  }

  /**
   * The commune named: in a sentence, exactly and in the served départements;
   * as the answer to the question, typos forgiven, or anywhere in France
   * (to say "not here").
   */
  private communeIn(text: string, asAnswer: boolean): Commune | undefined {
    const { communes, communeSearch } = this.deps.services.placeSearch;
    const served = this.deps.programmes.map((p) => p.departement.code);
    return asAnswer
      ? communesForAnswer(communes, communeSearch, text, served)[0]
      : communesInSentence(communes, text, served)[0];
  }

  private programme(id: string): Programme {
    return this.deps.programmes.find((p) => p.id === id)!;
  }

  private async askCommune(step: WaterfallStepContext<EligibilityOptions>): Promise<DialogTurnResult> {
    const said = step.options?.utterance ? this.communeIn(step.options.utterance, false) : undefined;
    if (said) return step.next(said);
    return step.prompt(COMMUNE_PROMPT, { prompt: this.deps.t('eligibility:ask_commune') });
  }

  private async startQuestions(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const commune = step.result as Commune | undefined;
    const { t, services, programmes, state } = this.deps;
    if (!commune) {
      await sendReply(step.context, t('find_place.give_up'), t);
      return step.endDialog();
    }
    const programme = services.placeSearch.programmeOf(commune, programmes);
    if (!programme) {
      await sendReply(step.context, t('eligibility:not_served', { map: t('eligibility:national_map') }), t);
      return step.endDialog();
    }
    Object.assign(step.values as FlowValues, { commune, programmeId: programme.id });
    const profile = await state.userProfile.get(step.context, {});
    await state.userProfile.set(step.context, { ...profile, programmeId: programme.id });
    return step.beginDialog(QUESTIONS, { programmeId: programme.id, index: 0 } satisfies QuestionOptions);
  }

  private async ask(step: WaterfallStepContext<QuestionOptions>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const question = this.programme(step.options.programmeId).eligibility.questions[step.options.index];
    const text = t(`eligibility:${question.text}`);
    return step.prompt(ANSWER_PROMPT, {
      prompt: text,
      retryPrompt: `${t('common.didnt_understand')} ${text}`,
      choices: question.choices.map((c) => ({ value: t(`eligibility:${c.label}`), synonyms: [] as string[] })),
    });
  }

  private async next(step: WaterfallStepContext<QuestionOptions>): Promise<DialogTurnResult> {
    const { programmeId, index } = step.options;
    const questions = this.programme(programmeId).eligibility.questions;
    const outcome = questions[index].choices[(step.result as FoundChoice).index].then;
    if (outcome !== 'next') return step.endDialog(outcome);
    if (index + 1 >= questions.length) return step.endDialog('likely' satisfies EligibilityOutcome);
    return step.replaceDialog(QUESTIONS, { programmeId, index: index + 1 } satisfies QuestionOptions);
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const outcome = step.result as EligibilityOutcome;
    const { commune, programmeId } = step.values as FlowValues;
    const programme = this.programme(programmeId!);
    const { t, services } = this.deps;
    const lines = [t(`eligibility:outcomes.${outcome}`, { name: programme.name })];
    if (outcome !== 'too_young') {
      if (outcome !== 'not_needed') {
        lines.push(t('eligibility:decision', { book: programme.voucherBook.word, prescribers: programme.prescribedBy.map(lowerFirst).join(', ') }));
      }
      const origin = communePosition(commune!);
      const nearby = origin ? await services.placeSearch.nearestPlaces(programme.id, 'prescribing', origin) : [];
      if (nearby.length > 0) {
        lines.push(t('eligibility:where_to_ask', { count: nearby.length }));
        const now = this.deps.clock.now();
        nearby.forEach((found) => lines.push(placeLine(found, t, now)));
      }
    }
    await sendReply(step.context, lines.join('\n'), t);
    return step.endDialog();
  }
}
