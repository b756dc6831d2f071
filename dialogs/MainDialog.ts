/**
 * The root dialog: the main menu, and one dialog per flow started from it.
 * Every flow runs inside this component, so every message passes here:
 * at the menu it picks a flow; at a question inside a flow,
 * ConversationRouter decides whether it answers the question, asks for
 * something else (answered, then the question comes back), or stops.
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
  ListStyle,
  type PromptOptions,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { noteSpeakingFor } from './speakingFor';
import { undoCancelFlows } from './undoCancel';
import { frenchList } from '../src/i18n';
import { currentProgrammeName } from '../src/programmeScope';
import { bookOrMove } from '../src/nlu/bookOrMove';
import { recognizeChoice } from '../src/nlu/choiceRecognizer';
import { namesSessionAlone } from '../src/nlu/sessionAlone';
import { SWITCH_FLOW_MIN_WORDS, SWITCH_FLOW_SCORE } from '../src/nlu/intentRouting';
import type { Intent, IntentScore } from '../src/nlu/intentModel';
import { answerWhoLooked, followsAccessLog, isAccessLogQuestion, MY_ACCESS_LOG_DIALOG, myAccessLogDialog } from './myAccessLog';
import { type GlobalCommand, matchCommand, saysCancel } from '../src/nlu/commands';
import { aboutCostText, aboutGeneralText, aboutShortText, aboutText } from './aboutText';
import { asksForMore, moreAboutText } from './sideQuestions';
import { EligibilityDialog } from './EligibilityDialog';
import { answerBalance, BALANCE_DIALOG } from './accountAnswers';
import { BookDialog } from './BookDialog';
import { ConversationRouter } from './ConversationRouter';
import { FindPlaceDialog } from './FindPlaceDialog';
import { HUMAN_DIALOG, HumanDialog, type HumanOptions } from './HumanDialog';
import { IdentifiedDialog } from './IdentifiedDialog';
import { actionFor, FLOW_COMMANDS, type FlowStart, type IntentAction, MENU_ITEMS, type MenuItem, SESSION_ALONE } from './intentActions';
import { InterruptionDialog } from './InterruptionDialog';
import { MyBookingsDialog, type MyBookingsOptions } from './MyBookingsDialog';
import { moveInstead, type WishPart } from './moveInstead';
import { innermost } from './turnUnderstanding';
import type { DialogDeps } from './deps';
import { erasedData, noHoursLeft, notServedHere, passExplained, saidGoodbye, thenStart } from './flowEnd';
import { personalContactsText, sendNoVoucherBookHelp, sendPersonalContacts } from './humanContacts';
import { ProgrammeTextDialog } from './ProgrammeTextDialog';
import { NumberedChoicePrompt, type ShortcutPromptOptions } from './prompts/NumberedChoicePrompt';
import { offerHelpWhenStuck } from './prompts/stuckHelp';
import { PRIVACY_DIALOG, PrivacyDialog } from './PrivacyDialog';
import { RENEW_DIALOG, RenewDialog } from './RenewDialog';
import { remindedBooking } from '../src/bot/reminderReply';
import { senderOf, switchesSender, verifiedBeneficiary } from '../src/bot/state';
import { channelKind } from '../src/channels/channelKind';
import { currentChannel } from '../src/channels/channelScope';
import { sendReply } from '../src/channels/send';
import { findYesNo } from '../src/nlu/smallEntities';
import {
  asksAboutNoHours,
  asksCallBack,
  asksHoursGiven,
  cannotPhone,
  findSignals,
  saysLost,
  saysFrustration,
  saysNumberUnknown,
  saysOnlyOk,
  saysOnlyDontKnow,
  saysOnlyThanks,
  tellsOnlyHome,
  withoutNumberUnknownClause,
} from '../src/nlu/conversationSignals';
import { attemptedVoucherBookNumber, findVoucherBookNumber } from '../src/nlu/voucherBookNumberEntity';
import { voucherBookPrefix } from '../src/domain/programmeRules';
import { findCatalogueTheme } from '../src/nlu/catalogueTheme';
import { tellsNewcomerStory } from '../src/nlu/newcomerStory';
import { normalize } from '../src/nlu/normalize';
import { plainQuestionIn } from '../src/nlu/plainQuestions';
import { answerPlainQuestion } from './plainAnswers';
import { placeOrFactAtMenu } from './placeOrFactAtMenu';
import { forgetNamedPlaces } from './namedPlaces';
import { answerAboutNamedPlaces } from './aboutNamedPlaces';
import { answerWhoIsPlace } from './aboutPlaceByName';
import { lastEligibility } from './eligibilityMemory';
import { forgetDone, sendStopped } from './doneInFlow';
import { knownWithoutHours } from './bookingOffer';

export { MENU_ITEMS, type MenuItem };

export const MAIN_DIALOG = 'main';
/** The menu after a flow, on a screen: the three most asked, then « Voir tout le menu ». */
const SHORT_MENU: readonly MenuItem[] = ['book', 'my_bookings', 'find_place'];
/** …and once the person's data were erased: what fits someone with no carnet known any more. */
const NO_DATA_MENU: readonly MenuItem[] = ['about', 'find_place', 'human'];
/** …and once the carnet has no hour to book with (expired, used up): whom to ask for more first, no booking. */
const NO_HOURS_MENU: readonly MenuItem[] = ['human', 'my_bookings', 'find_place'];
/** …and once the person said they live where no programme is served here: a person to talk to, no booking. */
const NOT_SERVED_MENU: readonly MenuItem[] = ['human', 'about'];
/** After the pass explained to someone not known here: whether they can have it first, not booking with a carnet they may not have. */
const NEWCOMER_MENU: readonly MenuItem[] = ['eligibility', 'find_place', 'human'];
const MENU_FLOW = 'main.menu';
/** A follow-up question is a few words (« pourquoi ?? je les ai pas utilisees »); a longer message says what it asks. */
const FOLLOW_UP_WORDS = 8;

const MENU_PROMPT = 'main.menuPrompt';

interface MenuOptions {
  /** Shorter wording when coming back to the menu after a flow. */
  again?: boolean;
  /** The flow erased the person's data: no booking nor hours offered. */
  afterErasure?: boolean;
  /** The flow found no hour to book with: no booking offered, and « pourquoi ? » asks how to get more. */
  afterNoHours?: boolean;
  /** The person lives where no programme is served here: no booking nor sessions offered. */
  afterNotServed?: boolean;
  afterPassExplained?: boolean;
  /** The first message of the conversation: it may already say what the person wants. */
  utterance?: string;
  /** Start this flow at once (a command such as "supprimer mes données"). */
  start?: FlowStart;
  /** The second wish of the same sentence (« mes heures et un rdv jeudi »): started when the first flow ends. */
  then?: FlowStart;
}

interface MenuValues {
  /** A flow was started at once, without showing the menu. */
  started?: boolean;
  then?: FlowStart;
}

/** At most this many words, a message naming a theme of the catalogue is that subject, to book a session on. */
const SUBJECT_ALONE_WORDS = 5;
/**
 * Over a reading of the model, unsure, the subject must be named clearly: one theme, by words that weigh
 * (« accès aux droits » 2, « mes droits caf » 2); « le pass numérique » (0.5, two themes) stays the pass.
 */
const SURE_SUBJECT = 1;

/**
 * Where one sentence holds several wishes: « mes heures et prendre un rdv », « …, puis … ».
 * The longer links first: « et aussi savoir mes heures » cut at « et » left « aussi » to the
 * second part, which the model was then not sure of, and that wish was dropped.
 */
/** « c'est quoi ? », « c quoi ça ? »: a part that only asks what the rest of the sentence names. */
const WHAT_IS_ALONE_WORDS = 4;
function asksOnlyWhatItIs(part: string): boolean {
  return part.trim().split(/\s+/).length <= WHAT_IS_ALONE_WORDS && findSignals(part).has('whatIs');
}

const WISH_BREAK = /\s+(?:et puis|et aussi|et|puis|ensuite|aussi)\s+|[,;]/iu;

/**
 * A part of one word (« mes heures et reserver ») is a wish only when the model is this sure of it: a
 * verb of a flow (« reserver », « annuler »), never a subject (« internet et mail » is one theme).
 */
const ONE_WORD_WISH_SCORE = 0.95;

/** What the model may read in a sentence that holds a whole carnet number and asks nothing else: the carnet is the subject. */
const WITH_CARNET_IN_HAND = new Set<string>(['renew', 'help', 'about', 'eligibility', 'greeting', 'unknown']);

export class MainDialog extends ComponentDialog {
  /** Dialog id per menu item, for the items served by a dialog. */
  private readonly flows: Partial<Record<MenuItem, string>>;
  private readonly router: ConversationRouter;

  constructor(private readonly deps: DialogDeps) {
    super(MAIN_DIALOG);
    // The menu's choices come from here, not from each conversation's saved state.
    this.addDialog(new NumberedChoicePrompt(MENU_PROMPT, deps.t, undefined, () => this.menuChoices()));
    const flows: Partial<Record<MenuItem, Dialog>> = {
      about: new ProgrammeTextDialog('about', deps, aboutText, aboutShortText, aboutGeneralText, aboutCostText),
      eligibility: new EligibilityDialog(deps),
      find_place: new FindPlaceDialog(deps),
      balance: new IdentifiedDialog(BALANCE_DIALOG, deps, answerBalance),
      book: new BookDialog(deps),
      my_bookings: new MyBookingsDialog(deps),
      human: new HumanDialog(deps),
    };
    this.flows = {};
    for (const [item, dialog] of Object.entries(flows) as [MenuItem, Dialog][]) {
      this.addDialog(dialog);
      this.flows[item] = dialog.id;
    }
    this.addDialog(new PrivacyDialog(deps));
    this.addDialog(new RenewDialog(deps));
    this.addDialog(myAccessLogDialog(deps));
    this.addDialog(new InterruptionDialog(deps));
    this.addDialog(new WaterfallDialog(MENU_FLOW, [this.showMenu.bind(this), this.route.bind(this), this.loop.bind(this)]));
    this.initialDialogId = MENU_FLOW;
    this.router = new ConversationRouter(deps, {
      flows: this.flows,
      flowIds: new Set([...Object.values(this.flows), PRIVACY_DIALOG, MY_ACCESS_LOG_DIALOG, RENEW_DIALOG]),
      showMenu: async (dc) => {
        await dc.cancelAllDialogs();
        return dc.beginDialog(MENU_FLOW);
      },
      startFlow: async (dc, start) => {
        await dc.cancelAllDialogs();
        return dc.beginDialog(MENU_FLOW, { start } satisfies MenuOptions);
      },
      menuChoices: () => this.menuChoices(),
      answerCommand: (dc, command) => this.answerCommand(dc, command),
      cancelOffer: (context) => this.cancelOffer(context),
    });
  }

  /** Runs one turn: continues the current flow, or starts at the menu. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    // A question not understood three times in a row offers a person: these, with their phone numbers.
    offerHelpWhenStuck(context, (turn) => personalContactsText(turn, this.deps));
    // A flow driven by another sender of this conversation (a shared Web Chat page) may hold
    // the data of whoever proved who they are here: it is not continued for this one.
    const data = await this.deps.state.conversationData.get(context, {});
    const sender = senderOf(context.activity);
    if (dc.activeDialog && switchesSender(data, sender)) {
      await dc.cancelAllDialogs();
      await this.deps.state.conversationData.set(context, { ...data, bookingWish: undefined });
    }
    await this.deps.state.conversationData.set(context, {
      ...(await this.deps.state.conversationData.get(context, {})),
      lastSender: sender,
    });
    await noteSpeakingFor(context, this.deps);
    if (this.betweenFlows(dc) && isAccessLogQuestion(context.activity.text)) {
      // "qui a consulté mon dossier ?": the identity check, then the list (inside a flow, the router runs it over the question).
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
      const start = command === 'cancel' ? await this.cancelOffer(context) : FLOW_COMMANDS[command];
      if (!start) await this.answerCommand(dc, command);
      await dc.beginDialog(this.id, { start } satisfies MenuOptions);
      return;
    }
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      await dc.beginDialog(this.id, { utterance: context.activity.text } satisfies MenuOptions);
    }
  }

  /**
   * The SMS keyword AIDE was answered before the dialogs (bot/smsKeywords):
   * the question under way is asked again, introduced as such; nothing at
   * the menu (the help says MENU), nor for another sender's flow. Reads the
   * state and changes nothing in it.
   */
  async backToQuestion(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const data = await this.deps.state.conversationData.get(context, {});
    if (!dc.child || this.betweenFlows(dc) || switchesSender(data, senderOf(context.activity))) return;
    offerHelpWhenStuck(context, (turn) => personalContactsText(turn, this.deps));
    await this.router.backToQuestion(dc.child);
  }

  /** Nothing under way: no dialog, or only the main menu waiting for a choice. */
  private betweenFlows(dc: DialogContext): boolean {
    return dc.activeDialog === undefined || innermost(dc).activeDialog?.id === MENU_PROMPT;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    if (innerDc.activeDialog?.id !== MENU_PROMPT) return (await this.router.atQuestion(innerDc)) ?? super.onContinueDialog(innerDc);
    // At the main menu, sentences go to the intent model first (menuAction).
    const text = innerDc.context.activity.text;
    const command = matchCommand(text);
    // « comment je fais alors » right after how to get a carnet: the next step, which is the eligibility.
    if (!command && (await this.followsNoVoucherBook(innerDc.context, text))) {
      await sendReply(innerDc.context, this.deps.t('identify.no_carnet_next'), this.deps.t);
      await sendPersonalContacts(innerDc.context, this.deps);
      return this.restart(innerDc, this.startFor('eligibility', undefined));
    }
    if (!command) {
      // Read once, whatever this message is: « c qui claire ? » right after the list of who looked at the file.
      const afterLog = await followsAccessLog(innerDc.context, this.deps);
      // « ou ca ? », « et le numero ? » right after an answer that named places: where they are, their phones.
      // « c qui France services de Mende ? »: the structure that gave the carnet, said as such, with its number.
      // « c qui claire ? » after that list: who looked, as the list says it (structure and role, never a name).
      if (
        text &&
        ((await answerWhoIsPlace(innerDc.context, this.deps, text)) ||
          (await answerAboutNamedPlaces(innerDc.context, this.deps, text)) ||
          (afterLog && (await answerWhoLooked(innerDc.context, this.deps, text, afterLog))))
      ) {
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      }
      // « non attendez je me suis trompée, remettez mercredi » right after a cancellation: that session again (and the other one cancelled).
      const undo = await undoCancelFlows(innerDc.context, this.deps, text);
      if (undo) return this.restart(innerDc, undo.first, undo.then);
      // « je sais pas » alone: the two or three things most asked, rather than « pas compris » and the menu again;
      // said again after them, a kind word and a person to call.
      if (text && saysOnlyDontKnow(text)) return this.dontKnowAtMenu(innerDc);
      // « c'est un robot ? », « j'ai pas d'ordi »: answered, whatever the model or the wishes read in it.
      const plain = plainQuestionIn(text);
      if (plain) return this.perform(innerDc, { kind: 'plain', question: plain }, text);
      // A newcomer's story is the eligibility, whatever its parts read as (« …et ma fille m'a parlé de vous pour internet »: no booking).
      const newcomer = text ? await this.newcomer(innerDc.context, text) : undefined;
      if (newcomer) return this.perform(innerDc, newcomer, text);
      // Two wishes come before the whole sentence's intent, which would keep only one of them.
      const { first, then, decided } = text ? await this.wishes(text) : {};
      if (decided) return this.restart(innerDc, first, then);
      // « pourquoi ? », « comment jfai alors ? » right after an expired or used-up carnet: how to get more hours, with whom to call.
      // Before what the model reads in it, unless it is sure: « pourquoi ?? je les ai pas utilisees » is no question about sessions.
      const followUp = this.followsNoHours(innerDc, text);
      const sure = followUp && text ? (await this.deps.services.intents.intent(text)).score >= SWITCH_FLOW_SCORE : false;
      const action = followUp && !sure ? this.renewal() : ((await this.actionAtMenu(text)) ?? (followUp ? this.renewal() : undefined));
      // « Autre chose ? » after an answer: « oui » asks for the menu; « non » is « Très bien. », no goodbye the person did not say.
      const yesOrNo = afterAnAnswer(innerDc) && (!action || action.kind === 'menu') && text ? plainYesOrNo(text) : undefined;
      if (yesOrNo !== undefined) return yesOrNo ? this.restart(innerDc) : this.perform(innerDc, { kind: 'say', key: 'menu.ok' }, text);
      // « ok » heard an answer; at a first menu (nothing answered yet) it answers nothing, and counts as such.
      const heardNothing = action?.kind === 'say' && action.key === 'menu.ok' && !afterAnAnswer(innerDc);
      if (action && !heardNothing) return this.perform(innerDc, action, text);
      return first ? this.restart(innerDc, first) : super.onContinueDialog(innerDc);
    }
    if (command === 'menu') return this.restart(innerDc);
    // « laissez tomber », « tant pis » at the menu: nothing is under way to stop (« Très bien. », not « rien n'a été annulé »),
    // and no session is meant (« annuler » there still offers to cancel one: the one just booked, perhaps).
    if (command === 'cancel' && !saysCancel(text)) return this.perform(innerDc, { kind: 'say', key: 'menu.ok' }, text);
    const start = command === 'cancel' ? await this.cancelOffer(innerDc.context) : FLOW_COMMANDS[command];
    if (start) return this.restart(innerDc, start);
    await this.answerCommand(innerDc, command);
    await innerDc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }

  private async dontKnowAtMenu(innerDc: DialogContext): Promise<DialogTurnResult> {
    const { state } = this.deps;
    const data = await state.conversationData.get(innerDc.context, {});
    if (data.orientationGiven) {
      await sendPersonalContacts(innerDc.context, this.deps);
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    await state.conversationData.set(innerDc.context, { ...data, orientationGiven: true });
    return this.perform(innerDc, { kind: 'say', key: 'menu.orientation', asks: true }, undefined);
  }

  /**
   * A short question with no request of its own (« pourquoi ? », « comment
   * je fais ? ») right after the answer that the carnet has no hour to book
   * with: it asks about that answer.
   */
  private followsNoHours(innerDc: DialogContext, text: string | undefined): boolean {
    const menu = innerDc.stack.find((instance) => instance.id === MENU_FLOW);
    const options = (menu?.state as { options?: MenuOptions } | undefined)?.options;
    if (!options?.afterNoHours || !text) return false;
    // « ?? » is no word. « c'est pas normal, j'ai rien fait »: upset about that answer, which the renewal answers with a kind word.
    const words = text.split(/\s+/).filter((word) => /[\p{L}\d]/u.test(word));
    return words.length <= FOLLOW_UP_WORDS && (asksAboutNoHours(text) || saysFrustration(text));
  }

  /**
   * A short question with no request of its own (« comment je fais
   * alors ? ») right after being told how to get a carnet (the flag is
   * read once, whatever this message is).
   */
  private async followsNoVoucherBook(context: TurnContext, text: string | undefined): Promise<boolean> {
    const { state } = this.deps;
    const data = await state.conversationData.get(context, {});
    if (!data.noVoucherBookTold) return false;
    await state.conversationData.set(context, { ...data, noVoucherBookTold: undefined });
    const words = (text ?? '').split(/\s+/).filter((word) => /[\p{L}\d]/u.test(word));
    return words.length <= FOLLOW_UP_WORDS && asksAboutNoHours(text ?? '') && !findSignals(text ?? '').has('thanks');
  }

  private renewal(): IntentAction {
    return { kind: 'start', start: { dialogId: RENEW_DIALOG } };
  }

  private async restart(innerDc: DialogContext, start?: FlowStart, then?: FlowStart): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    // What the next flow names is what « c'est où ? » will be about, not what came before it.
    await forgetNamedPlaces(innerDc.context, this.deps);
    return innerDc.beginDialog(MENU_FLOW, start ? ({ start, ...(then ? { then } : {}) } satisfies MenuOptions) : undefined);
  }

  /**
   * « annuler » with nothing under way: the person means a session. Known
   * and with none ahead, they are told so (undefined: the menu follows);
   * otherwise the cancellation, which says which session (or asks which
   * one, or who the person is first).
   */
  private async cancelOffer(context: TurnContext): Promise<FlowStart | undefined> {
    const { services, state, clock, t } = this.deps;
    const data = await state.conversationData.get(context, {});
    const { channelId, from } = context.activity;
    const known =
      verifiedBeneficiary(data, senderOf(context.activity), clock.now()) ?? (await services.channelLinks.beneficiaryOf(channelId, from.id));
    if (known && (await services.account.upcomingBookings(known, clock.now())).length === 0) {
      await sendReply(context, t('conversation:nothing_to_cancel'), t);
      return undefined;
    }
    // « ah non finalement annule » right after a booking: the session just booked (MyBookingsDialog reads the words).
    return {
      dialogId: this.flows.my_bookings!,
      options: { cancel: true, utterance: context.activity.text ?? '' } satisfies MyBookingsOptions,
    };
  }

  /** A sentence at the menu that is no plain menu choice, read by the intent model. */
  private async actionAtMenu(text: string | undefined): Promise<IntentAction | undefined> {
    if (!text?.trim()) return undefined;
    const action = (await this.menuAction(text)) ?? (await this.placeOrFact(text));
    // A plain menu choice is the prompt's own answer; a sentence that only holds another entry's words
    // (« savoir si je peux avoir le pass » holds « le pass ») asks what the model read, not that entry.
    const chosen = recognizeChoice(text, this.menuChoices());
    return action?.kind === 'flow' && !action.options && chosen && MENU_ITEMS[chosen.index] === action.item ? undefined : action;
  }

  private async perform(innerDc: DialogContext, action: IntentAction, text: string | undefined): Promise<DialogTurnResult> {
    const { t } = this.deps;
    switch (action.kind) {
      case 'flow':
      case 'start':
        return this.restart(innerDc, action.kind === 'start' ? action.start : this.startFor(action.item, text, action.options));
      case 'answer':
        await this.answerCommand(innerDc, action.command);
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'say':
        await sendReply(innerDc.context, t(action.key), t);
        if (!action.asks) await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'noVoucherBook':
        await sendNoVoucherBookHelp(innerDc.context, this.deps);
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'plain':
        await answerPlainQuestion(innerDc.context, this.deps, action.question);
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'menu':
        return this.restart(innerDc);
      case 'bye':
        await sendReply(innerDc.context, t('menu.bye'), t);
        await innerDc.cancelAllDialogs();
        return { status: DialogTurnStatus.complete };
    }
  }

  private async answerCommand(dc: DialogContext, command: Exclude<GlobalCommand, 'menu'>): Promise<void> {
    const { t } = this.deps;
    // « je suis perdue, aidez moi »: a kind word and someone to call come first; the how-to after.
    if (command === 'help' && saysLost(dc.context.activity.text)) {
      await sendReply(dc.context, t('help.reassure'), t);
      await sendPersonalContacts(dc.context, this.deps);
    }
    if (command === 'help') await sendReply(dc.context, t('help.text'), t);
    if (command === 'human') await sendPersonalContacts(dc.context, this.deps);
    if (command === 'cancel') await sendStopped(dc.context, this.deps);
    if (command === 'forget_device') await this.forgetDevice(dc);
  }

  /** "oublier cet appareil": drop the channel link, this conversation's proof of identity, the eligibility answer kept for a next fact and the commune given. */
  private async forgetDevice(dc: DialogContext): Promise<void> {
    const { t, services, state } = this.deps;
    const { channelId, from } = dc.context.activity;
    const forgotten = await services.channelLinks.forget(channelId, from.id);
    const data = await state.conversationData.get(dc.context, {});
    await state.conversationData.set(dc.context, { ...data, verified: undefined, lastEligibility: undefined, communeGiven: undefined });
    await sendReply(dc.context, t(forgotten ? 'forget_device.done' : 'forget_device.nothing'), t);
  }

  /** « PLUS » after the short « about » on SMS: the whole text, once. */
  private async answeredMore(context: TurnContext): Promise<boolean> {
    if (!asksForMore(context.activity.text ?? '')) return false;
    const more = await moreAboutText(context, this.deps);
    if (more) await sendReply(context, more, this.deps.t);
    return more !== undefined;
  }

  private readonly menuChoicesOnce = new Map<string, { value: string; synonyms: string[] }[]>();

  /**
   * Translated once per programme name (« Le Pass Numérique », « Le Pass'numérique », the generic one: the
   * wording never changes while running, and i18next lookups showed in profiles), and per channel (SMS has
   * shorter labels, « Mes heures », so that the seven fit one segment); a fresh copy each call.
   */
  private menuChoices() {
    const { t } = this.deps;
    const key = `${currentChannel() ?? ''}|${currentProgrammeName() ?? ''}`;
    let choices = this.menuChoicesOnce.get(key);
    if (!choices) {
      choices = MENU_ITEMS.map((item) => ({ value: t(`menu.${item}`), synonyms: frenchList(`menu_synonyms.${item}`) }));
      this.menuChoicesOnce.set(key, choices);
    }
    return choices.map((choice) => ({ value: choice.value, synonyms: [...choice.synonyms] }));
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
    // « c'est un robot qui répond ? », « les heures ça se perd ? »: a plain question, whatever the model reads (nothing, the help).
    const plain = plainQuestionIn(text);
    if (plain) return { kind: 'plain', question: plain };
    // « je suis sourde », « rappelez-moi » : a way to a person, whatever the model reads (« jpeux pas telephoner » as a carnet question).
    if (cannotPhone(text) || asksCallBack(text)) return { kind: 'start', start: { dialogId: HUMAN_DIALOG } };
    // « on a droit à combien d'heures dans la Drôme ? »: the pass presented (in the département said), not the eligibility.
    if (asksHoursGiven(text)) return { kind: 'flow', item: 'about' };
    // « rdv » alone is the menu's « Réserver une séance » by its words; the person may mean the session she has.
    if (namesSessionAlone(text)) return SESSION_ALONE;
    // « je sais pas mon numéro de carnet » and nothing else asked: where it is written, and who can give it again
    // (the model read it as « qui a vu mon dossier », whose identification asked that very number).
    if (await this.onlyNumberUnknown(text))
      return { kind: 'start', start: { dialogId: HUMAN_DIALOG, options: { numberUnknown: true } satisfies HumanOptions } };
    const fromMenu = (): IntentAction | undefined => {
      const chosen = recognizeChoice(text, this.menuChoices());
      if (!chosen) return undefined;
      const item = MENU_ITEMS[chosen.index];
      return item === 'human' ? { kind: 'start', start: { dialogId: HUMAN_DIALOG } } : { kind: 'flow', item };
    };
    let read: IntentScore | undefined;
    const fromModel = async () => {
      read = await this.deps.services.intents.intent(text);
      return actionFor(read.intent, text);
    };
    const action =
      text.trim().split(/\s+/).length < SWITCH_FLOW_MIN_WORDS ? (fromMenu() ?? (await fromModel())) : ((await fromModel()) ?? fromMenu());
    // « bonjour je suis perdue je comprends rien »: a kind word and a person to call, where the model hesitates between the greeting and the help.
    if (saysLost(text) && (action === undefined || action.kind === 'menu')) return { kind: 'answer', command: 'help' };
    // « accès aux droits »: a theme of the catalogue by its name, which the model read, unsure, from one of its words
    // (« droits »: my data, whose flow opened). A subject named, and no clear request, is that subject.
    const unsure = read !== undefined && readsSubjectOver(read);
    // « ok merci », « non merci » once a task is done: a kind word back, not « je n'ai pas bien compris » and the menu.
    if (saysOnlyThanks(text)) return { kind: 'say', key: 'menu.thanks', asks: true };
    if (saysOnlyOk(text)) return { kind: 'say', key: 'menu.ok' };
    // « LOZ-MEND-E4L » alone at the menu: who they are, with that number (the birth date is asked), then their hours.
    // « LOZ-MEND-E4 », a character short, is that number tried (the identification says what is wrong), never the commune « MEND ».
    const triesNumber = findVoucherBookNumber(text).ok || attemptedVoucherBookNumber(text, this.deps.programmes.map(voucherBookPrefix));
    if ((action === undefined || action.kind === 'menu') && triesNumber) return { kind: 'flow', item: 'balance' };
    // « jai un carnet LOZ Z4F7 CJT je fais quoi »: someone who holds a carnet, whatever the model read (how to get one,
    // the help): the identification with that number, which says when no carnet matches, then what can be done with it.
    const holdsNumber = findVoucherBookNumber(text).ok && read !== undefined && WITH_CARNET_IN_HAND.has(read.intent);
    if (holdsNumber) return { kind: 'flow', item: 'balance' };
    // « le téléphone », « internet et les mails » alone: a subject to learn, of the catalogue; a session on it.
    const noRequest = action === undefined || action.kind === 'menu';
    // « jtouche la retraite c tout »: a situation told of oneself is the eligibility's fact, not « retraite » the subject to learn.
    if (noRequest && speaksOfOneself(text)) {
      const fact = await this.placeOrFact(text);
      if (fact?.kind === 'flow' && fact.item === 'eligibility') return fact;
    }
    if ((noRequest && this.namesSubject(text)) || (unsure && this.namesSubject(text, SURE_SUBJECT))) return { kind: 'flow', item: 'book' };
    return action;
  }

  /** The number unknown said, and beside it nothing (« bonjour » at most): a request (« un rdv mais… ») is its flow's, which reads it. */
  private async onlyNumberUnknown(text: string): Promise<boolean> {
    if (!saysNumberUnknown(text)) return false;
    const rest = withoutNumberUnknownClause(text);
    if (rest === text) return true;
    const { intent } = await this.deps.services.intents.intent(rest);
    return intent === 'greeting' || intent === 'unknown';
  }

  /** « mende », « drome », « j'ai 70 ans »: no request the model knows, but a place or a fact to act on. */
  private async placeOrFact(text: string): Promise<IntentAction | undefined> {
    const { programmes, clock } = this.deps;
    return placeOrFactAtMenu(await this.deps.services.intents.understand(text, { now: clock.now(), programmes }), programmes);
  }

  /**
   * A short message naming a theme of a served programme's catalogue, by its
   * label or synonyms (« le téléphone », « mes impôts »): a subject alone. A
   * longer one the model cannot read says more than its subject.
   */
  private namesSubject(text: string, atLeast = 0): boolean {
    if (text.trim().split(/\s+/).length > SUBJECT_ALONE_WORDS) return false;
    return this.deps.programmes.some((programme) => {
      const theme = findCatalogueTheme(text, programme.content.themes);
      return theme !== undefined && theme.score >= atLeast && (atLeast === 0 || theme.candidates.length === 1);
    });
  }

  /**
   * A sentence the model cannot read as one request may hold two
   * (« combien il me reste d'heures et prendre un rdv jeudi »): each part
   * read alone, the flows they ask for in the order said, each with its own
   * words (the booking keeps « jeudi »). Never both dropped for the menu.
   * Only a part the model is as sure of as of a new request at a question
   * counts as a wish. Two parts asking for one flow, one of them precisely
   * (« mes rdv et annuler celui de vendredi »), are that precise wish.
   * `decided`: the parts said more than the whole sentence read as one.
   */
  private async wishes(text: string): Promise<{ first?: FlowStart; then?: FlowStart; decided: boolean }> {
    // « … mais je sais pas mon numero de carnet » is no wish of its own: the identification reads it (IdentifyDialog).
    // « je vis a nyons, j'ai droit au pass ? »: where one lives is said for the other wish, which reads it.
    const parts = text.split(WISH_BREAK).filter((part) => part.trim() !== '' && !saysNumberUnknown(part) && !tellsOnlyHome(part));
    if (parts.length < 2) return { decided: false };
    // « mon fils m'a dit qu'il y a des cours gratuits pour l'ordinateur, c'est quoi ? »: the question is what the rest is — the pass.
    if (parts.some(asksOnlyWhatItIs)) return { first: this.startFor('about', text), decided: true };
    let merged = false;
    const starts: { start: FlowStart; precise: boolean }[] = [];
    const reads: WishPart[] = [];
    for (const part of parts) {
      // A part the model is not sure of asks for nothing: « j'habite à Marvejols » says where, the rest of the sentence asks.
      // « et en reprendre un mardi »: the model, reading the part alone, does not know what « en » stands for; the words book.
      // « je veux reserver pour apprendre a faire mes mails »: read as nothing the model knows, sure of it; the words book too.
      const read = await this.deps.services.intents.intent(part);
      const oneWord = part.trim().split(/\s+/).length === 1;
      const sure = read.score >= (oneWord ? ONE_WORD_WISH_SCORE : SWITCH_FLOW_SCORE) && read.intent !== 'unknown';
      const words = oneWord ? undefined : bookOrMove(part);
      const intent = sure ? read.intent : words === 'book' ? 'book' : undefined;
      reads.push({ part, intent: sure ? read.intent : undefined, booksOrMoves: words !== undefined, commune: false });
      if (!intent) continue;
      const action = actionFor(intent, part);
      const start = action?.kind === 'flow' ? this.startFor(action.item, part, action.options) : undefined;
      if (!start) continue;
      const precise = action?.kind === 'flow' && action.options !== undefined;
      const same = starts.find((s) => s.start.dialogId === start.dialogId);
      // « mes rdv et annuler celui de vendredi »: one flow, the cancellation, which names the session (the list would only ask again).
      if (same && precise && !same.precise) {
        Object.assign(same, { start, precise });
        merged = true;
      }
      if (!same) starts.push({ start, precise });
    }
    // « annuler celui de mardi et en prendre un jeudi à la place »: one move, not a cancellation and a booking.
    const instead = reads.some((r) => r.intent === 'cancel_booking') ? moveInstead(await this.withEntities(reads)) : undefined;
    if (instead) return { first: { dialogId: this.flows.my_bookings!, options: instead }, decided: true };
    const [first, then] = starts.map((s) => s.start);
    return { first, then, decided: then !== undefined || merged };
  }

  /** The parts with the moment and commune each says (for moveInstead). */
  private async withEntities(reads: readonly WishPart[]): Promise<WishPart[]> {
    const { programmes, clock, services } = this.deps;
    return Promise.all(
      reads.map(async (read) => {
        const { entities } = await services.intents.understand(read.part, { now: clock.now(), programmes });
        return { ...read, commune: entities.commune !== undefined, ...(entities.when ? { when: entities.when } : {}) };
      }),
    );
  }

  /**
   * A newcomer's story (src/nlu/newcomerStory.ts) told by someone not known
   * here: the eligibility, which takes the commune and the age said from
   * the sentence; never the carnet question of a flow the model misread.
   */
  private async newcomer(context: TurnContext, text: string): Promise<IntentAction | undefined> {
    const { programmes, clock, services } = this.deps;
    if (!tellsNewcomerStory(await services.intents.understand(text, { now: clock.now(), programmes }))) return undefined;
    return (await this.knownHere(context)) ? undefined : actionFor('eligibility', text);
  }

  /** Proved in this conversation, or this phone or device linked to a person on file. */
  private async knownHere(context: TurnContext): Promise<boolean> {
    const { clock, services, state } = this.deps;
    const data = await state.conversationData.get(context, {});
    const { channelId, from } = context.activity;
    return !!(
      verifiedBeneficiary(data, senderOf(context.activity), clock.now()) ?? (await services.channelLinks.beneficiaryOf(channelId, from.id))
    );
  }

  /** What the first message of a conversation starts, if it asks for a flow (and the second flow it asks for). */
  private async startForSentence(context: TurnContext, text: string): Promise<{ start?: FlowStart; then?: FlowStart }> {
    const newcomer = await this.newcomer(context, text);
    if (newcomer?.kind === 'flow') return { start: this.startFor(newcomer.item, text, newcomer.options) };
    // « et c'est qui qui répond, un robot ? » is one question (its answer follows the welcome), not two wishes.
    if (plainQuestionIn(text)) return {};
    // « je voudrais mes heures et un rdv jeudi »: read whole, it is one wish (« mes rendez-vous »).
    const { first: start, then, decided } = await this.wishes(text);
    if (decided) return { start, then };
    const action = await this.menuAction(text);
    if (action?.kind === 'flow') return { start: this.startFor(action.item, text, action.options) };
    if (action?.kind === 'start') return { start: action.start };
    if (action) return {};
    if (start) return { start };
    const guessed = await this.placeOrFact(text);
    return guessed?.kind === 'flow' ? { start: this.startFor(guessed.item, text, guessed.options) } : {};
  }

  private async showMenu(step: WaterfallStepContext<MenuOptions>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    // What the flows before did was said when they ended: a flow stopped from now on did nothing yet.
    await forgetDone(step.context, this.deps);
    const opening = step.options?.utterance;
    // "je cherche un lieu à Mende" as a first message goes straight to its flow. So does a bare number: the SMS sent
    // with a new carnet says « Répondez 5 pour réserver une séance, 3 pour trouver un lieu » (pro:prescribe.sms_text),
    // and that reply is the first message the bot sees from the phone.
    const fromOpening = !step.options?.start && opening ? await this.startForSentence(step.context, opening) : {};
    const start = step.options?.start ?? fromOpening.start;
    if (start) {
      const then = step.options?.then ?? fromOpening.then;
      Object.assign(step.values as MenuValues, { started: true, ...(then ? { then } : {}) } satisfies MenuValues);
      return step.beginDialog(start.dialogId, start.options);
    }
    let answeredAtOpening = false;
    if (opening && matchCommand(opening) === undefined) {
      const action = await this.menuAction(opening);
      if (action?.kind === 'answer') await this.answerCommand(step, action.command);
      if (action?.kind === 'say') await sendReply(step.context, t(action.key), t);
      if (action?.kind === 'noVoucherBook') await sendNoVoucherBookHelp(step.context, this.deps);
      if (action?.kind === 'plain') await answerPlainQuestion(step.context, this.deps, action.question);
      // Asked for a relative: answered in full, so the short menu follows (as after a flow), not the seven options.
      if (action?.kind === 'plain' && action.question === 'forRelative') answeredAtOpening = true;
      // « merci au revoir » as a first message: a goodbye back, not the menu.
      if (action?.kind === 'bye') {
        await sendReply(step.context, t('menu.bye'), t);
        return step.endDialog();
      }
    }
    // Once the pass is explained to someone not known here, on SMS the offer to check is the question itself (one line, no third segment).
    const again = step.options?.again === true || answeredAtOpening;
    const question = again ? t(step.options?.afterPassExplained ? 'menu.again_after_pass' : 'menu.again') : t('menu.prompt');
    // After a flow, not the seven options again: on SMS « Autre chose ? Écrivez MENU. » (two billed segments
    // saved); on a screen three buttons and « Voir tout le menu », so the answers stay in sight at 360 px.
    // The seven stay understood, by number or word, and a retry lists them.
    // The menu comes back in the turn of the answer that ended the flow: a bare number there may be typed twice.
    const said = step.context.activity.text?.trim() ?? '';
    const endedBy = /^\d{1,2}$/.test(said) ? said : undefined;
    const sms = channelKind(step.context.activity.channelId) === 'sms';
    const short = step.options?.afterErasure
      ? NO_DATA_MENU
      : step.options?.afterNotServed
        ? NOT_SERVED_MENU
        : step.options?.afterNoHours
          ? NO_HOURS_MENU
          : step.options?.afterPassExplained
            ? NEWCOMER_MENU
            : SHORT_MENU;
    const shortcuts = again && !sms ? [...short.map((item) => t(`menu.${item}`)), t('menu.all')] : undefined;
    const options: ShortcutPromptOptions = {
      prompt: question,
      retryPrompt: t('menu.retry'),
      style: again ? ListStyle.none : undefined,
      shortcuts,
      listedPrompt: t('menu.listed'),
      // « 2 » after « Autre chose ? Écrivez MENU. » is « Suis-je éligible ? », as in every list of the menu.
      stableNumbers: true,
      // …but « 1 » again after the « 1 » that ended the flow (« Oui, annuler ») is that key pressed twice: what next is asked.
      ...(again && endedBy ? { repeatOf: { answer: endedBy, prompt: t('menu.prompt') } } : {}),
    };
    return step.prompt(MENU_PROMPT, options);
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.values as MenuValues).started) return step.next(step.result);
    const item = MENU_ITEMS[(step.result as FoundChoice).index];
    const start = this.startFor(item, step.context.activity.text);
    if (start) return step.beginDialog(start.dialogId, start.options);
    await sendPersonalContacts(step.context, this.deps);
    return step.next();
  }

  private async loop(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // « C'est bon, merci »: the flow said goodbye; the menu after it would read as « stay ».
    if (saidGoodbye(step.result)) return step.endDialog();
    if (erasedData(step.result)) return step.replaceDialog(MENU_FLOW, { again: true, afterErasure: true } satisfies MenuOptions);
    // The second wish of the sentence that started this flow, whatever the first one found (« il me reste combien et je veux
    // annuler mercredi »: no hour left is no reason to drop the cancellation).
    const next = (step.values as MenuValues).then;
    if (next) {
      await sendReply(step.context, this.deps.t('conversation:next_wish'), this.deps.t);
      return step.replaceDialog(MENU_FLOW, { start: next } satisfies MenuOptions);
    }
    if (noHoursLeft(step.result)) return step.replaceDialog(MENU_FLOW, { again: true, afterNoHours: true } satisfies MenuOptions);
    if (notServedHere(step.result)) return step.replaceDialog(MENU_FLOW, { again: true, afterNotServed: true } satisfies MenuOptions);
    // Not to someone who just had the eligibility answer (asked over the about flow's question): the offer is past.
    if (
      passExplained(step.result) &&
      !(step.values as MenuValues).then &&
      !(await this.knownHere(step.context)) &&
      !(await lastEligibility(step.context, this.deps))
    ) {
      if (channelKind(step.context.activity.channelId) !== 'sms')
        await sendReply(step.context, this.deps.t('about.offer_eligibility'), this.deps.t);
      return step.replaceDialog(MENU_FLOW, { again: true, afterPassExplained: true } satisfies MenuOptions);
    }
    // « Réserver une séance » after a list of places: the flow hands over to the next one, not to the menu.
    const then = thenStart(step.result);
    if (then) return step.replaceDialog(MENU_FLOW, { start: then } satisfies MenuOptions);
    // Whatever the flow was (hours, sessions, places), the options next follow the balance now: no booking offer without an hour.
    const noHours = (await knownWithoutHours(step.context, this.deps)) !== undefined;
    return step.replaceDialog(MENU_FLOW, { again: true, ...(noHours ? { afterNoHours: true } : {}) } satisfies MenuOptions);
  }
}

/** A scam told or a person asked for comes first, however unsure: what to do and whom to call before any subject. */
const BEFORE_ANY_SUBJECT: ReadonlySet<Intent> = new Set<Intent>(['scam', 'human', 'bye']);

/** The model's reading of a message naming a subject is no request the subject gives way to: not sure enough to switch flow. */
function readsSubjectOver(read: IntentScore): boolean {
  return read.score < SWITCH_FLOW_SCORE && !BEFORE_ANY_SUBJECT.has(read.intent);
}

/** « oui », « non merci »: a short yes or no and nothing else (« je sais pas » is neither). */
function plainYesOrNo(text: string): boolean | undefined {
  if (text.trim().split(/\s+/).length > 3 || findSignals(text).has('dontKnow')) return undefined;
  return findYesNo(text)[0]?.value;
}

/** The menu asked after a flow ended (« Que souhaitez-vous faire maintenant ? »): its options are hidden (showMenu). */
/** « je touche », « jsuis », « moi » : the person speaks of themself (SMS style « jtouche » too). */
function speaksOfOneself(text: string): boolean {
  return normalize(text)
    .split(/[^a-z]+/)
    .some((word) => ['je', 'j', 'moi', 'jai', 'suis'].includes(word) || /^j[bcdfghklmnpqrstvwxz]/.test(word));
}

function afterAnAnswer(innerDc: DialogContext): boolean {
  const state = innerDc.activeDialog?.state as { options?: PromptOptions } | undefined;
  return state?.options?.style === ListStyle.none;
}
