/**
 * The root dialog: the main menu, routing to one dialog per flow, and the
 * global commands ("menu", "aide", "annuler", "parler à quelqu'un") that
 * work at any prompt because every flow runs inside this component.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  type Choice,
  ComponentDialog,
  type Dialog,
  type DialogContext,
  DialogSet,
  type DialogState,
  type DialogTurnResult,
  DialogTurnStatus,
  type FoundChoice,
  ListStyle,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { frenchList } from '../src/i18n';
import { recognizeChoice } from '../src/nlu/choiceRecognizer';
import type { Intent } from '../src/nlu/intentModel';
import { SWITCH_FLOW_MIN_WORDS } from '../src/nlu/intentRouting';
import { isAccessLogQuestion, MY_ACCESS_LOG_DIALOG, myAccessLogDialog } from './myAccessLog';
import { type GlobalCommand, matchCommand } from '../src/nlu/commands';
import { findSignals } from '../src/nlu/conversationSignals';
import { aboutShortText, aboutText } from './aboutText';
import { EligibilityDialog } from './EligibilityDialog';
import { answerBalance } from './accountAnswers';
import { BookDialog } from './BookDialog';
import { FindPlaceDialog } from './FindPlaceDialog';
import { IdentifiedDialog } from './IdentifiedDialog';
import { MyBookingsDialog, type MyBookingsOptions } from './MyBookingsDialog';
import type { DialogDeps } from './deps';
import { sendPersonalContacts } from './humanContacts';
import { ProgrammeTextDialog } from './ProgrammeTextDialog';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { PRIVACY_DIALOG, PrivacyDialog, type PrivacyOptions } from './PrivacyDialog';
import { remindedBooking } from '../src/bot/reminderReply';
import { senderOf, switchesSender } from '../src/bot/state';
import { channelKind } from '../src/channels/channelKind';
import { sendReply } from '../src/channels/send';
import { normalize } from '../src/nlu/normalize';
import type { Expectation } from '../src/nlu/understand';
import { readWhen } from '../src/nlu/whenEntity';

export const MAIN_DIALOG = 'main';
const MENU_FLOW = 'main.menu';
const MENU_PROMPT = 'main.menuPrompt';

/** Menu entries in display order; each maps to the dialog that serves it. */
export const MENU_ITEMS = ['about', 'eligibility', 'find_place', 'balance', 'book', 'my_bookings', 'human'] as const;
export type MenuItem = (typeof MENU_ITEMS)[number];

/** A flow to start, with its options. */
interface FlowStart {
  dialogId: string;
  options?: object;
}

interface MenuOptions {
  /** Shorter wording when coming back to the menu after a flow. */
  again?: boolean;
  /** The first message of the conversation: it may already say what the person wants. */
  utterance?: string;
  /** Start this flow at once (a command such as "supprimer mes données"). */
  start?: FlowStart;
}

interface MenuValues {
  /** A flow was started at once, without showing the menu. */
  started?: boolean;
}

/** What a recognised intent does in the main dialog. */
type IntentAction =
  | { kind: 'flow'; item: Exclude<MenuItem, 'human'>; options?: object }
  | { kind: 'start'; start: FlowStart }
  | { kind: 'answer'; command: 'help' | 'human' }
  | { kind: 'say'; key: string }
  | { kind: 'menu' }
  | { kind: 'bye' };

const INTENT_ACTIONS: Record<Intent, IntentAction | undefined> = {
  greeting: { kind: 'menu' },
  menu: { kind: 'menu' },
  about: { kind: 'flow', item: 'about' },
  eligibility: { kind: 'flow', item: 'eligibility' },
  find_place: { kind: 'flow', item: 'find_place' },
  balance: { kind: 'flow', item: 'balance' },
  book: { kind: 'flow', item: 'book' },
  my_bookings: { kind: 'flow', item: 'my_bookings' },
  // The list of sessions, where « Déplacer » is offered: never the cancellation.
  move_booking: { kind: 'flow', item: 'my_bookings', options: { move: true } satisfies MyBookingsOptions },
  cancel_booking: { kind: 'flow', item: 'my_bookings', options: { cancel: true } satisfies MyBookingsOptions },
  human: { kind: 'answer', command: 'human' },
  help: { kind: 'answer', command: 'help' },
  privacy: { kind: 'start', start: { dialogId: PRIVACY_DIALOG } },
  access_log: { kind: 'start', start: { dialogId: MY_ACCESS_LOG_DIALOG } },
  // Someone else's file is for professionals in Teams: on these channels, nothing about anyone.
  prescribe: { kind: 'say', key: 'menu.professionals_only' },
  pro_access: { kind: 'say', key: 'menu.professionals_only' },
  bye: { kind: 'bye' },
  // Out of scope or nonsense: the pending question is asked again, with what the bot can do.
  unknown: undefined,
};

/**
 * What a sentence the model read as `intent` does. Leaving is decided by the
 * person's words alone (« au revoir », « c'est bon merci »), never by the
 * model: it reads « ok », « lundi matin » or « je sais plus » as goodbyes,
 * and a goodbye in the middle of a question loses what the person was doing.
 */
function actionFor(intent: Intent, text: string): IntentAction | undefined {
  if (findSignals(text).has('goodbye')) return { kind: 'bye' };
  return intent === 'bye' ? undefined : INTENT_ACTIONS[intent];
}

/** Commands that start a flow of their own rather than answer in place. */
const FLOW_COMMANDS: Partial<Record<GlobalCommand, FlowStart>> = {
  privacy: { dialogId: PRIVACY_DIALOG },
  erase: { dialogId: PRIVACY_DIALOG, options: { erase: true } satisfies PrivacyOptions },
};

/** The context of the dialog actually waiting for the person (the deepest child). */
function innermost(dc: DialogContext): DialogContext {
  let inner = dc;
  while (inner.child) inner = inner.child;
  return inner;
}

/**
 * Whether the message answers the pending question's choices: a button
 * label ("C'est bon, merci", "L'annuler") is an answer, never a command or
 * a new request, even when it reads like one ("annuler", "au revoir").
 */
function answersPendingChoice(innerDc: DialogContext, text: string | undefined, now: Date): boolean {
  if (!text) return false;
  const options = (innermost(innerDc).activeDialog?.state as { options?: PendingPrompt } | undefined)?.options;
  // « le matin c mieux » at the session question is a moment, whatever the intent model makes of it.
  if (options?.validations?.expecting === 'when' && readWhen(text, { now, expecting: 'when' })) return true;
  return !!options?.choices && recognizeChoice(text, options.choices) !== undefined;
}

/** What a pending prompt saved: its choices, and what kind of answer it waits for (`validations.expecting`). */
interface PendingPrompt {
  choices?: (string | Choice)[];
  validations?: { expecting?: Expectation };
}

export class MainDialog extends ComponentDialog {
  /** Dialog id per menu item, for the items served by a dialog. */
  private readonly flows: Partial<Record<MenuItem, string>>;

  constructor(private readonly deps: DialogDeps) {
    super(MAIN_DIALOG);
    // The menu's choices come from here, not from each conversation's saved state.
    this.addDialog(new NumberedChoicePrompt(MENU_PROMPT, deps.t, undefined, () => this.menuChoices()));
    const flows: Partial<Record<MenuItem, Dialog>> = {
      about: new ProgrammeTextDialog('about', deps, aboutText, aboutShortText),
      eligibility: new EligibilityDialog(deps),
      find_place: new FindPlaceDialog(deps),
      balance: new IdentifiedDialog('balance', deps, answerBalance),
      book: new BookDialog(deps),
      my_bookings: new MyBookingsDialog(deps),
    };
    this.flows = {};
    for (const [item, dialog] of Object.entries(flows) as [MenuItem, Dialog][]) {
      this.addDialog(dialog);
      this.flows[item] = dialog.id;
    }
    this.addDialog(new PrivacyDialog(deps));
    this.addDialog(myAccessLogDialog(deps));
    this.addDialog(
      new WaterfallDialog(MENU_FLOW, [this.showMenu.bind(this), this.route.bind(this), this.loop.bind(this)]),
    );
    this.initialDialogId = MENU_FLOW;
  }

  /** Runs one turn: continues the current flow, or starts at the menu. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    // A flow driven by another sender of this conversation (a shared Web Chat page) may hold
    // the data of whoever proved who they are here: it is not continued for this one.
    const data = await this.deps.state.conversationData.get(context, {});
    const sender = senderOf(context.activity);
    if (dc.activeDialog && switchesSender(data, sender)) await dc.cancelAllDialogs();
    await this.deps.state.conversationData.set(context, { ...data, lastSender: sender });
    if (isAccessLogQuestion(context.activity.text)) {
      // "qui a consulté mon dossier ?" at any point: the identity check, then the list.
      await dc.cancelAllDialogs();
      await dc.beginDialog(this.id, { start: { dialogId: MY_ACCESS_LOG_DIALOG } } satisfies MenuOptions);
      return;
    }
    if (this.betweenFlows(dc) && (await this.answeredMore(context))) {
      if (dc.activeDialog) await dc.repromptDialog();
      else await dc.beginDialog(this.id, { again: true } satisfies MenuOptions);
      return;
    }
    const reminded = remindedBooking(context);
    if (reminded && this.betweenFlows(dc)) {
      // « ANNULER » in reply to a reminder: the cancellation of that session.
      const start = { dialogId: this.flows.my_bookings!, options: { cancel: true, bookingId: reminded } satisfies MyBookingsOptions };
      await dc.cancelAllDialogs();
      await dc.beginDialog(this.id, { start } satisfies MenuOptions);
      return;
    }
    const command = matchCommand(context.activity.text);
    if (dc.activeDialog === undefined && command && command !== 'menu') {
      // A command as the very first message: start its flow, or answer it and show the menu.
      const start = FLOW_COMMANDS[command];
      if (!start) await this.answerCommand(dc, command);
      await dc.beginDialog(this.id, { start } satisfies MenuOptions);
      return;
    }
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      await dc.beginDialog(this.id, { utterance: context.activity.text } satisfies MenuOptions);
    }
  }

  /** Nothing under way: no dialog, or only the main menu waiting for a choice. */
  private betweenFlows(dc: DialogContext): boolean {
    return dc.activeDialog === undefined || innermost(dc).activeDialog?.id === MENU_PROMPT;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const text = innerDc.context.activity.text;
    // At the main menu, sentences go to the intent model first (menuAction); elsewhere a
    // button label is the answer to its question.
    const atMenu = innerDc.activeDialog?.id === MENU_PROMPT;
    const isAnswer = !atMenu && matchCommand(text) !== 'menu' && answersPendingChoice(innerDc, text, this.deps.clock.now());
    const command = isAnswer ? undefined : matchCommand(text);
    if (!command) {
      const action = isAnswer ? undefined : await this.actionForFreeText(innerDc, text);
      return action ? this.perform(innerDc, action, text) : super.onContinueDialog(innerDc);
    }
    if (command === 'menu' || command === 'cancel') {
      if (command === 'cancel') await sendReply(innerDc.context, this.deps.t('common.cancelled'), this.deps.t);
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(MENU_FLOW);
    }
    const start = FLOW_COMMANDS[command];
    if (start) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(MENU_FLOW, { start } satisfies MenuOptions);
    }
    // Help and the human route keep the person where they were.
    await this.answerCommand(innerDc, command);
    await innerDc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }

  /**
   * Free text at a prompt. At the menu, a sentence that is no menu choice is
   * read by the intent model. Inside a flow, only a clear new request (see
   * IntentRouting.newRequest) for another flow changes course; anything
   * else is the answer to the pending question.
   */
  private async actionForFreeText(innerDc: DialogContext, text: string | undefined): Promise<IntentAction | undefined> {
    if (!text?.trim()) return undefined;
    const active = innerDc.activeDialog?.id;
    if (active === MENU_PROMPT) {
      const action = await this.menuAction(text);
      // A plain menu choice is the prompt's own answer.
      return action?.kind === 'flow' && !action.options && recognizeChoice(text, this.menuChoices()) ? undefined : action;
    }
    // « je sais pas », « j'ai perdu mon carnet »: answers to the pending question, which handles them.
    const signals = findSignals(text);
    if (signals.has('dontKnow') || signals.has('noVoucherBook')) return undefined;
    const request = await this.deps.services.intents.newRequest(text);
    const action = request ? actionFor(request.intent, text) : findSignals(text).has('goodbye') ? actionFor('bye', text) : undefined;
    if (!action || (action.kind === 'flow' && this.flows[action.item] === active)) return undefined;
    // Small talk inside a flow is not a new request.
    return action.kind === 'menu' || action.kind === 'say' ? undefined : action;
  }

  private async perform(innerDc: DialogContext, action: IntentAction, text: string | undefined): Promise<DialogTurnResult> {
    const { t } = this.deps;
    switch (action.kind) {
      case 'flow':
      case 'start': {
        const start = action.kind === 'start' ? action.start : this.startFor(action.item, text, action.options);
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(MENU_FLOW, { start } satisfies MenuOptions);
      }
      case 'answer':
        await this.answerCommand(innerDc, action.command);
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'say':
        await sendReply(innerDc.context, t(action.key), t);
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'menu':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(MENU_FLOW);
      case 'bye':
        await sendReply(innerDc.context, t('menu.bye'), t);
        await innerDc.cancelAllDialogs();
        return { status: DialogTurnStatus.complete };
    }
  }

  private async answerCommand(dc: DialogContext, command: Exclude<GlobalCommand, 'menu'>): Promise<void> {
    const { t } = this.deps;
    if (command === 'help') await sendReply(dc.context, t('help.text'), t);
    if (command === 'human') await sendPersonalContacts(dc.context, this.deps);
    if (command === 'cancel') await sendReply(dc.context, t('common.cancelled'), t);
    if (command === 'forget_device') await this.forgetDevice(dc);
  }

  /** "oublier cet appareil": drop the channel link and this conversation's proof of identity. */
  private async forgetDevice(dc: DialogContext): Promise<void> {
    const { t, services, state } = this.deps;
    const { channelId, from } = dc.context.activity;
    const forgotten = await services.channelLinks.forget(channelId, from.id);
    const data = await state.conversationData.get(dc.context, {});
    await state.conversationData.set(dc.context, { ...data, verified: undefined });
    await sendReply(dc.context, t(forgotten ? 'forget_device.done' : 'forget_device.nothing'), t);
  }

  /** « PLUS » after the short « about » on SMS: the whole text, once. */
  private async answeredMore(context: TurnContext): Promise<boolean> {
    const text = normalize(context.activity.text ?? '');
    if (!text || !frenchList('about.more_words').map(normalize).includes(text)) return false;
    const { state, programmes, t } = this.deps;
    const data = await state.conversationData.get(context, {});
    const programme = programmes.find((p) => p.id === data.moreAbout);
    if (!programme) return false;
    await sendReply(context, aboutText(programme, t), t);
    await state.conversationData.set(context, { ...data, moreAbout: undefined });
    return true;
  }

  private menuChoicesOnce?: { value: string; synonyms: string[] }[];

  /** Translated once (the wording never changes while running: i18next lookups showed in profiles); a fresh copy each call. */
  private menuChoices() {
    const { t } = this.deps;
    this.menuChoicesOnce ??= MENU_ITEMS.map((item) => ({ value: t(`menu.${item}`), synonyms: frenchList(`menu_synonyms.${item}`) }));
    return this.menuChoicesOnce.map((choice) => ({ value: choice.value, synonyms: [...choice.synonyms] }));
  }

  /** The flow a menu item starts, given the sentence that chose it; undefined for the human route. */
  private startFor(item: MenuItem, utterance: string | undefined, options: object = {}): FlowStart | undefined {
    const dialogId = this.flows[item];
    // The sentence that chose the flow may already answer its first question.
    return dialogId ? { dialogId, options: { ...options, utterance } } : undefined;
  }

  /**
   * What a message at the menu asks for. A short answer ("3", "mes heures")
   * is matched against the menu first; a sentence is read by the intent
   * model first, because a menu word inside it ("prescrire un chéquier à
   * Mme Faure") does not say what the person wants.
   */
  private async menuAction(text: string): Promise<IntentAction | undefined> {
    const fromMenu = (): IntentAction | undefined => {
      const chosen = recognizeChoice(text, this.menuChoices());
      if (!chosen) return undefined;
      const item = MENU_ITEMS[chosen.index];
      return item === 'human' ? { kind: 'answer', command: 'human' } : { kind: 'flow', item };
    };
    const fromModel = async () => actionFor((await this.deps.services.intents.intent(text)).intent, text);
    if (text.trim().split(/\s+/).length < SWITCH_FLOW_MIN_WORDS) return fromMenu() ?? (await fromModel());
    return (await fromModel()) ?? fromMenu();
  }

  /** What the first message of a conversation starts, if it asks for a flow. */
  private async startForSentence(text: string): Promise<FlowStart | undefined> {
    const action = await this.menuAction(text);
    if (action?.kind === 'flow') return this.startFor(action.item, text, action.options);
    return action?.kind === 'start' ? action.start : undefined;
  }

  private async showMenu(step: WaterfallStepContext<MenuOptions>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const opening = step.options?.utterance;
    // "je cherche un lieu à Mende" as a first message goes straight to its flow.
    const start = step.options?.start ?? (opening ? await this.startForSentence(opening) : undefined);
    if (start) {
      (step.values as MenuValues).started = true;
      return step.beginDialog(start.dialogId, start.options);
    }
    if (opening && matchCommand(opening) === undefined) {
      const action = await this.menuAction(opening);
      if (action?.kind === 'answer') await this.answerCommand(step, action.command);
      if (action?.kind === 'say') await sendReply(step.context, t(action.key), t);
    }
    const question = step.options?.again ? t('menu.again') : t('menu.prompt');
    // On SMS, after a flow, « Autre chose ? Écrivez MENU. » rather than the seven options again (two billed segments).
    const style = step.options?.again && channelKind(step.context.activity.channelId) === 'sms' ? ListStyle.none : undefined;
    return step.prompt(MENU_PROMPT, { prompt: question, retryPrompt: t('menu.retry'), style });
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.values as MenuValues).started) return step.next();
    const item = MENU_ITEMS[(step.result as FoundChoice).index];
    const start = this.startFor(item, step.context.activity.text);
    if (start) return step.beginDialog(start.dialogId, start.options);
    await sendPersonalContacts(step.context, this.deps);
    return step.next();
  }

  private async loop(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.replaceDialog(MENU_FLOW, { again: true } satisfies MenuOptions);
  }
}
