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
  Dialog,
  type DialogContext,
  type DialogTurnResult,
  ListStyle,
  type FoundChoice,
  Prompt,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
  type PromptValidatorContext,
} from 'botbuilder-dialogs';
import { promptText } from '../../src/channels/render';
import { type AskedState, questionText } from './askedAgain';
import type { Reply } from '../../src/channels/reply';
import { sendReply } from '../../src/channels/send';
import type { Translate } from '../../src/i18n';
import { numberPicked, recognizeChoice } from '../../src/nlu/choiceRecognizer';
import { saysOnlyThanks } from '../../src/nlu/conversationSignals';
import { frenchList } from '../../src/i18n';
import { normalize } from '../../src/nlu/normalize';
import { stuckHelp } from './stuckHelp';

/** After this many answers not understood in a row, the menu and a person (with phone numbers) are offered. */
const STUCK_AFTER = 3;

/** A prompt whose options are hidden (ListStyle.none) may still show a few unnumbered buttons (Reply.shortcuts). */
export interface ShortcutPromptOptions extends PromptOptions {
  shortcuts?: string[];
  /** Said above the hidden options when they are listed on request (the prompt may be « Écrivez MENU »). */
  listedPrompt?: string;
  /**
   * The options keep their numbers wherever they are listed (the main menu: « 4. Mes heures restantes » in
   * every list, and the SMS sent with a new carnet says « Répondez 5 pour réserver »): a number typed with no
   * list in sight is still that option, not a request to see the list first (one turn more for nothing).
   */
  stableNumbers?: boolean;
  /**
   * The bare number that ended the flow just before this question (« 1 » to « Oui, annuler »): typed again as
   * the first answer, it is that answer repeated (a key pressed twice), not this question's option of that number:
   * the options are listed under `prompt` instead of one being picked.
   */
  repeatOf?: { answer: string; prompt: string };
}

/** What the prompt keeps between its turns (the dialog's state: JSON). */
interface PromptState extends AskedState {
  failures?: number;
  /** The buttons in sight, when the options were hidden: « 1 » is the first of these, not the first option. */
  shortcuts?: string[];
  /** The number of a button that is no option (« Voir tout le menu ») was picked: list the options, as no failure. */
  showAll?: boolean;
  /** The options are hidden, no button is in sight and their numbers are not known by heart: a number typed picks nothing the person saw. */
  unlisted?: boolean;
  /** Said instead of the question when the options are listed again on request (« Laquelle vous convient ? » after « oui »). */
  lead?: string;
  /** The answer that ended the flow before, while the first answer to this question is awaited (ShortcutPromptOptions.repeatOf). */
  repeatOf?: string;
  /** A validator answered the message aside: the question comes after that answer, even once the turn has a reply. */
  aside?: boolean;
}

/**
 * The options as the person sees them, the same whenever they are shown: a
 * choice may carry a short button title (its action's, « mer. 2 déc. 14 h »),
 * and its full value is then said in the text (`details`). The full list
 * once showed the values on the buttons instead, unlike the question's.
 */
export function shownChoices(choices: readonly (string | Choice)[]): Pick<Reply, 'choices' | 'details'> {
  const labels = choices.map((c) => (typeof c === 'string' ? c : (c.action?.title ?? c.value)));
  const details = choices.some((c) => typeof c !== 'string' && c.action?.title)
    ? choices.map((c) => (typeof c === 'string' ? c : c.value))
    : undefined;
  return { choices: labels, ...(details ? { details } : {}) };
}

/**
 * A validator answered the message aside (« ça coûte combien ? » at a
 * yes/no question): the question is asked again as it was, as no failure.
 */
export function answeredAside(prompt: PromptValidatorContext<FoundChoice>): void {
  (prompt.state as PromptState).showAll = true;
  (prompt.state as PromptState).aside = true;
}

/**
 * The answer picks no option but asks for one (« oui » at a list of sessions): the options again, in one message
 * under these words instead of the question — never a sentence of its own beside the list, which on Web Chat
 * came without the buttons and on SMS said a second, different « Répondez de 1 à … ».
 */
export function askAgainAs(prompt: PromptValidatorContext<FoundChoice>, lead: string): void {
  const state = prompt.state as PromptState;
  state.showAll = true;
  state.lead = lead;
}

export class NumberedChoicePrompt extends Prompt<FoundChoice> {
  constructor(
    dialogId: string,
    private readonly t: Translate,
    validator?: PromptValidator<FoundChoice>,
    /**
     * Choices that never change (the main menu), used when the prompt is given
     * none: every prompt's options are saved in the conversation's state, and
     * the menu's labels and synonyms were three quarters of it.
     */
    private readonly fixedChoices?: () => (string | Choice)[],
  ) {
    super(dialogId, validator);
  }

  private choices(options: PromptOptions): (string | Choice)[] {
    return options.choices ?? this.fixedChoices?.() ?? [];
  }

  /**
   * botbuilder asks again only when the turn has no reply yet: after an answer given aside (sent on Web Chat at once),
   * the question did not come back there, and the person was left with an answer and no question.
   */
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const result = await super.continueDialog(dc);
    const instance = dc.activeDialog;
    const prompt = instance?.id === this.id ? (instance.state as { state?: PromptState; options?: PromptOptions }) : undefined;
    if (result === Dialog.EndOfTurn && prompt?.state?.aside && prompt.options) {
      await this.onPrompt(dc.context, prompt.state, prompt.options, true);
    }
    return result;
  }

  protected async onPrompt(context: TurnContext, state: PromptState, options: PromptOptions, isRetry: boolean): Promise<void> {
    delete state.aside;
    const showAll = isRetry && state.showAll === true;
    delete state.showAll;
    // Only the first answer may repeat the one before the question: once asked again, a number is this question's.
    const repeatOf = !state.asked ? (options as ShortcutPromptOptions).repeatOf?.answer : undefined;
    if (repeatOf) state.repeatOf = repeatOf;
    else delete state.repeatOf;
    // Asked again (a retry, after a digression): without the « Merci. » it may open with.
    const question = questionText(state, promptText(options.prompt));
    if (showAll) return this.listAll(context, state, options, question);
    // Counted here, where an answer was really refused: botbuilder also recognises each message before it
    // bubbles (onPreBubbleEvent), and a request answered over the question (« parler à quelqu'un ») is no failure.
    if (isRetry) state.failures = (state.failures ?? 0) + 1;
    // Every third answer not understood, offer the way out — a person, with phone numbers — before asking again.
    const stuck = isRetry && (state.failures ?? 0) % STUCK_AFTER === 0;
    const contacts = stuck ? await stuckHelp(context) : undefined;
    if (contacts) await sendReply(context, `${this.t('conversation:stuck')}\n${contacts}`, this.t);
    const retry = contacts
      ? question
      : stuck
        ? `${this.t('common.stuck')}\n${question}`
        : options.retryPrompt
          ? promptText(options.retryPrompt)
          : question;
    const text = isRetry ? retry : question;
    // ListStyle.none: the question says how to see the options (« Autre chose ? Écrivez MENU. » on SMS); a retry shows them.
    const hidden = options.style === ListStyle.none && !isRetry;
    const choices = hidden ? [] : this.choices(options);
    const shortcuts = hidden ? (options as ShortcutPromptOptions).shortcuts : undefined;
    if (shortcuts) state.shortcuts = shortcuts;
    else delete state.shortcuts;
    if (hidden && !shortcuts && !(options as ShortcutPromptOptions).stableNumbers) state.unlisted = true;
    else delete state.unlisted;
    await sendReply(context, { text, ...shownChoices(choices), ...(shortcuts ? { shortcuts } : {}) }, this.t);
  }

  /** The question and every option, numbered: asked for (« Voir tout le menu » by its number), so no « pas compris ». */
  private async listAll(context: TurnContext, state: PromptState, options: PromptOptions, question: string): Promise<void> {
    // A number typed with no list in sight: the list, under words that fit it (the question said « Écrivez MENU »).
    const listed = state.lead ?? (state.unlisted ? (options as ShortcutPromptOptions).listedPrompt : undefined);
    delete state.shortcuts;
    delete state.unlisted;
    delete state.lead;
    await sendReply(context, { text: listed ?? question, ...shownChoices(this.choices(options)) }, this.t);
  }

  protected async onRecognize(
    context: TurnContext,
    state: PromptState,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<FoundChoice>> {
    const choices = this.choices(options);
    const text = context.activity.text ?? '';
    // « 1 » again right after « 1 » ended the flow: the person pressed it twice; what they want now is asked, the options listed.
    if (state.repeatOf !== undefined && text.trim() === state.repeatOf) {
      state.showAll = true;
      state.lead = (options as ShortcutPromptOptions).repeatOf?.prompt;
      return { succeeded: false };
    }
    // « 1 » under three buttons is the first button (« Réserver une séance »), not the hidden list's first option.
    // « 1 » under hidden options whose numbers are not stable, no list in sight: the options are shown, numbered, rather than the first picked.
    if (state.unlisted && numberPicked(text, choices.length) !== undefined) {
      state.showAll = true;
      return { succeeded: false };
    }
    const button = state.shortcuts ? numberPicked(text, state.shortcuts.length) : undefined;
    const picked = button === undefined ? text : state.shortcuts![button];
    // The options that are the list's items (`validations.items`), before « Voir d'autres dates »: « le dernier » is the last of them.
    const items = (options.validations as { items?: number } | undefined)?.items;
    // « ok merci », « merci bcp » where an option means nothing more (« Rien, merci »): that one, not the « ok » as a yes.
    const thanked = button === undefined && saysOnlyThanks(text) ? nothingMoreIndex(choices) : undefined;
    const match = thanked !== undefined ? { index: thanked, score: 1 } : recognizeChoice(picked, choices, items);
    if (!match) {
      if (button !== undefined) state.showAll = true;
      return { succeeded: false };
    }
    const original = choices[match.index];
    const value = typeof original === 'string' ? original : original.value;
    return { succeeded: true, value: { index: match.index, value, score: match.score } };
  }
}

/**
 * The option that means nothing more (« Rien, merci », « C'est bon,
 * merci »): its own label starts with the words that say so
 * (`common.nothing_more`). Never by a synonym: « c'est bon » is also a
 * synonym of « Oui », and « non merci » at « Je réserve… C'est d'accord ? »
 * then booked.
 */
function nothingMoreIndex(choices: readonly (string | Choice)[]): number | undefined {
  const marks = frenchList('common.nothing_more').map(normalize);
  const index = choices.findIndex((c) => {
    const label = normalize(typeof c === 'string' ? c : c.value);
    return marks.some((mark) => label === mark || label.startsWith(`${mark} `));
  });
  return index >= 0 ? index : undefined;
}
