/**
 * A question whose answer is free text, shown as a pro card with buttons:
 * the step receives the text and decides (a choice by number or label, or
 * a name to search, or a new answer). Used where a strict choice prompt
 * would refuse a useful sentence.
 */
import type { TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import type { Translate } from '../../src/i18n';
import { type ProCard, sendProCard } from './cards';
import { promptText } from '../../src/channels/render';

export interface ProPromptOptions extends PromptOptions {
  card?: ProCard;
}

export class ProPrompt extends Prompt<string> {
  constructor(
    dialogId: string,
    private readonly t: Translate,
  ) {
    super(dialogId);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: ProPromptOptions): Promise<void> {
    const choices = (options.choices ?? []).map((c) => (typeof c === 'string' ? c : c.value));
    const card = options.card ?? { lines: [promptText(options.prompt)] };
    await sendProCard(context, { ...card, choices }, this.t);
  }

  protected async onRecognize(context: TurnContext): Promise<PromptRecognizerResult<string>> {
    const text = (context.activity.text ?? '').trim();
    return text ? { succeeded: true, value: text } : { succeeded: false };
  }
}
