/**
 * A choice prompt that renders through channels/render (numbered SMS text,
 * Teams cards, Web Chat buttons) and recognises answers by number ("2",
 * "le deuxième"), by label or by synonym, ignoring accents and case.
 *
 * Choices: `value` is the label shown; `synonyms` are extra words. The
 * step reads `result.index` to know which option was chosen.
 */
import type { TurnContext } from 'botbuilder';
import {
  type Choice,
  type FoundChoice,
  Prompt,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
  recognizeChoices,
} from 'botbuilder-dialogs';
import { channelKind } from '../../src/channels/channelKind';
import { render } from '../../src/channels/render';
import type { Translate } from '../../src/i18n';
import { normalize } from '../../src/nlu/normalize';

export class NumberedChoicePrompt extends Prompt<FoundChoice> {
  constructor(
    dialogId: string,
    private readonly t: Translate,
    validator?: PromptValidator<FoundChoice>,
  ) {
    super(dialogId, validator);
  }

  protected async onPrompt(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const text = isRetry && options.retryPrompt ? String(options.retryPrompt) : String(options.prompt ?? '');
    const labels = (options.choices ?? []).map((c) => (typeof c === 'string' ? c : c.value));
    const activities = render({ text, choices: labels }, channelKind(context.activity.channelId), this.t);
    await context.sendActivities(activities);
  }

  protected async onRecognize(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<FoundChoice>> {
    const utterance = normalize(context.activity.text ?? '');
    if (!utterance) return { succeeded: false };
    const choices: Choice[] = (options.choices ?? []).map((c) => {
      const choice = typeof c === 'string' ? { value: c } : c;
      return { value: normalize(choice.value), synonyms: (choice.synonyms ?? []).map(normalize) };
    });
    const found = recognizeChoices(utterance, choices, { locale: 'fr-fr', recognizeOrdinals: true, recognizeNumbers: true });
    if (found.length === 0) return { succeeded: false };
    // Several options named in one message ("1 ou 2") is not an answer.
    const distinct = new Set(found.map((f) => f.resolution.index));
    if (distinct.size > 1) return { succeeded: false };
    const index = found[0].resolution.index;
    const original = options.choices![index];
    return {
      succeeded: true,
      value: { index, value: typeof original === 'string' ? original : original.value, score: found[0].resolution.score },
    };
  }
}
