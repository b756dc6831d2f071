/**
 * The root dialog: the main menu, routing to one dialog per flow, and the
 * global commands ("menu", "aide", "annuler", "parler à quelqu'un") that
 * work at any prompt because every flow runs inside this component.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  type Dialog,
  type DialogContext,
  DialogSet,
  type DialogState,
  type DialogTurnResult,
  DialogTurnStatus,
  type FoundChoice,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { frenchList } from '../src/i18n';
import { recognizeChoice } from '../src/nlu/choiceRecognizer';
import { isAccessLogQuestion, MY_ACCESS_LOG_DIALOG, myAccessLogDialog } from './MyAccessLog';
import { type GlobalCommand, matchCommand } from '../src/nlu/commands';
import { aboutText } from './aboutText';
import { EligibilityDialog } from './EligibilityDialog';
import { answerBalance } from './accountAnswers';
import { BookDialog } from './BookDialog';
import { FindPlaceDialog } from './FindPlaceDialog';
import { IdentifiedDialog } from './IdentifiedDialog';
import { MyBookingsDialog } from './MyBookingsDialog';
import type { DialogDeps } from './deps';
import { sendPersonalContacts } from './humanContacts';
import { ProgrammeTextDialog } from './ProgrammeTextDialog';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { PRIVACY_DIALOG, PrivacyDialog, type PrivacyOptions } from './PrivacyDialog';
import { sendReply } from './send';

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

/** Commands that start a flow of their own rather than answer in place. */
const FLOW_COMMANDS: Partial<Record<GlobalCommand, FlowStart>> = {
  privacy: { dialogId: PRIVACY_DIALOG },
  erase: { dialogId: PRIVACY_DIALOG, options: { erase: true } satisfies PrivacyOptions },
};

export class MainDialog extends ComponentDialog {
  /** Dialog id per menu item, for the items served by a dialog. */
  private readonly flows: Partial<Record<MenuItem, string>>;

  constructor(private readonly deps: DialogDeps) {
    super(MAIN_DIALOG);
    this.addDialog(new NumberedChoicePrompt(MENU_PROMPT, deps.t));
    const flows: Partial<Record<MenuItem, Dialog>> = {
      about: new ProgrammeTextDialog('about', deps, aboutText),
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
    if (isAccessLogQuestion(context.activity.text)) {
      // "qui a consulté mon dossier ?" at any point: the identity check, then the list.
      await dc.cancelAllDialogs();
      await dc.beginDialog(this.id, { start: { dialogId: MY_ACCESS_LOG_DIALOG } } satisfies MenuOptions);
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

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const command = matchCommand(innerDc.context.activity.text);
    if (!command) return super.onContinueDialog(innerDc);
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

  private menuChoices() {
    const { t } = this.deps;
    return MENU_ITEMS.map((item) => ({ value: t(`menu.${item}`), synonyms: frenchList(`menu_synonyms.${item}`) }));
  }

  /** The flow a menu item starts, given the sentence that chose it; undefined for the human route. */
  private startFor(item: MenuItem, utterance: string | undefined): FlowStart | undefined {
    const dialogId = this.flows[item];
    // The sentence that chose the flow may already answer its first question.
    return dialogId ? { dialogId, options: { utterance } } : undefined;
  }

  private async showMenu(step: WaterfallStepContext<MenuOptions>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const opening = step.options?.utterance;
    // "je cherche un lieu à Mende" as a first message goes straight to its flow.
    const chosen = opening ? recognizeChoice(opening, this.menuChoices()) : undefined;
    const start = step.options?.start ?? (chosen ? this.startFor(MENU_ITEMS[chosen.index], opening) : undefined);
    if (start) {
      (step.values as MenuValues).started = true;
      return step.beginDialog(start.dialogId, start.options);
    }
    if (chosen) return step.next({ index: chosen.index } satisfies Pick<FoundChoice, 'index'>);
    const question = step.options?.again ? t('menu.again') : t('menu.prompt');
    return step.prompt(MENU_PROMPT, {
      prompt: question,
      retryPrompt: `${t('common.didnt_understand')} ${t('menu.prompt')}`,
      choices: this.menuChoices(),
    });
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
