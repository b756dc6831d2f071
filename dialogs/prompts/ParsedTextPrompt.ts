/**
 * A text question whose answer must be read into a value (a carnet number,
 * a birth date…). When it cannot be read, the person is told precisely
 * why and asked again; after `maxAttempts` the prompt ends with
 * `undefined`, so the flow can offer the human route instead of looping.
 */
import { type TurnContext } from 'botbuilder';
import {
  type DialogContext,
  type DialogReason,
  type DialogTurnResult,
  Prompt,
  type PromptOptions,
  type PromptRecognizerResult,
} from 'botbuilder-dialogs';
import { sendReply } from '../../src/channels/send';
import type { Translate } from '../../src/i18n';
import { promptText } from '../../src/channels/render';
import { isComeBack } from '../threadTypes';
import { questionText } from './askedAgain';

export type ParseResult<T> = { value: T } | { retry: string };

export class ParsedTextPrompt<T> extends Prompt<T | undefined> {
  constructor(
    dialogId: string,
    private readonly t: Translate,
    /** The context too: what can be read may depend on who asks (a prescriber's département). */
    private readonly parse: (text: string, context: TurnContext) => ParseResult<T>,
    private readonly maxAttempts = 3,
    /**
     * When another flow ran over this question and ended (InterruptionDialog),
     * the answer it may have given meanwhile (the person proved who they
     * are); undefined asks the question again.
     */
    private readonly answeredMeanwhile?: (result: unknown) => T | undefined,
  ) {
    super(dialogId, async (prompt) => {
      // Recognition already gave up or succeeded; nothing more to check.
      return prompt.recognized.succeeded;
    });
  }

  override async resumeDialog(dc: DialogContext, reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    // The digression ended on this question's own answer (« LOZ-MEND-E4L » at « Dans quel département ? »): read it now.
    if (isComeBack(result) && result.passOn) return this.continueDialog(dc);
    const answer = this.answeredMeanwhile?.(result);
    return answer === undefined ? super.resumeDialog(dc, reason, result) : dc.endDialog(answer);
  }

  protected async onPrompt(context: TurnContext, state: Record<string, unknown>, options: PromptOptions, isRetry: boolean): Promise<void> {
    const question = questionText(state, promptText(options.prompt));
    const text = isRetry && typeof state.retryText === 'string' ? state.retryText : question;
    await sendReply(context, text, this.t);
  }

  protected async onRecognize(context: TurnContext, state: Record<string, unknown>): Promise<PromptRecognizerResult<T | undefined>> {
    const result = this.parse(context.activity.text ?? '', context);
    if ('value' in result) return { succeeded: true, value: result.value };
    // botbuilder may recognize one message twice (its pre-bubble event, then the turn): count each message once.
    const message = context.activity.id ?? '';
    const counted = state.countedMessage === message && message !== '';
    const attempts = Number(state.failedAttempts ?? 0) + (counted ? 0 : 1);
    state.failedAttempts = attempts;
    state.countedMessage = message;
    if (attempts >= this.maxAttempts) return { succeeded: true, value: undefined };
    state.retryText = result.retry;
    return { succeeded: false };
  }
}
