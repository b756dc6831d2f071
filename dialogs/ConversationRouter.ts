/**
 * What a message typed at a question does, inside any flow — the thread of
 * the conversation. One understanding of the message (turnUnderstanding.ts),
 * then, in this order:
 *
 *  1. « menu » shows the menu; a button label of the question is its answer;
 *  2. « annuler » stops the flow and says what was not done; « aide » and
 *     « parler à quelqu'un » are answered, then the question comes back, and
 *     so are « je comprends rien » (a kind word, a person to call), a side
 *     question (« pourquoi ? ») and a plain one (« c'est un robot ? »);
 *     « non je préfère continuer » (after a digression, or an answer given
 *     in place) is the question again, never its « non »: a digression
 *     under way ends;
 *  3. the answer the question asks for (a moment at the session list, a
 *     commune, a birth date, a yes or no, an option) is an answer, even in a
 *     sentence the intent model reads as a request;
 *  4. a clear request for another flow (« mes heures », « trouver un lieu »)
 *     runs that flow on top of the question (InterruptionDialog), which is
 *     asked again after it, introduced as such; a request for the flow under
 *     way is an answer, but once that flow gave its answer (« Et maintenant ? »
 *     after the places) it starts the flow again; an offer made after a task (« un rappel ? ») is
 *     dropped rather than asked again;
 *  5. anything else is the question's to read: an answer, or a short
 *     re-prompt (a person offered after three in a row, NumberedChoicePrompt).
 *
 * Whatever the message says of the booking's theme, place or moment fills
 * the booking's wish on the way (bookingWish.ts). As in Rasa forms and
 * Copilot Studio topics: entities fill slots, a digression returns to the form.
 */
import type { TurnContext } from 'botbuilder';
import type { Choice, DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { sendReply } from '../src/channels/send';
import { recognizeChoice } from '../src/nlu/choiceRecognizer';
import { asksAboutPlace, asksWhereToGetPass, saysLost } from '../src/nlu/conversationSignals';
import { plainQuestionIn } from '../src/nlu/plainQuestions';
import { normalize } from '../src/nlu/normalize';
import { type GlobalCommand, saysCancel } from '../src/nlu/commands';
import { asksOfOwnSession } from '../src/nlu/ownSessionQuestion';
import type { Intent } from '../src/nlu/intentModel';
import { type Expectation, SWITCH_FLOW_MIN_WORDS, type Understanding } from '../src/nlu/understand';
import { absorbIntoWish, type BookingWish } from './bookingWish';
import type { DialogDeps } from './deps';
import { HUMAN_DIALOG } from './HumanDialog';
import { actionFor, FLOW_COMMANDS, type FlowStart, type IntentAction, MENU_ITEMS, type MenuItem } from './intentActions';
import { comeBackLine, INTERRUPTION_DIALOG, type InterruptionOptions } from './InterruptionDialog';
import { isAccessLogQuestion, MY_ACCESS_LOG_DIALOG } from './myAccessLog';
import { phoneContactText } from './humanContacts';
import { sendStopped } from './doneInFlow';
import { declinesWhere, leftUndoneKey } from './leftUndone';
import { needsPhoneContact, placeDetails } from './placeText';
import { asideTopic, type QuestionKind, questionKind } from './prompts/questionKind';
import type { PassOn } from './threadTypes';
import { type PendingQuestion, pendingQuestion, understandTurn } from './turnUnderstanding';
import { asideAnswer, asideIn } from './sideQuestions';
import { lowerFirst } from '../src/wording';
import { answerWhoIsPlace } from './aboutPlaceByName';
import { answerPlainQuestion } from './plainAnswers';
import { tellImpossibleDate } from './impossibleDate';

/** What the router needs of the main dialog. */
export interface RouterHost {
  /** Dialog id of each menu item served by a flow. */
  flows: Partial<Record<MenuItem, string>>;
  /** Every flow that may be under way (menu flows, privacy, access log). */
  flowIds: ReadonlySet<string>;
  /** Shows the menu, after everything under way was stopped. */
  showMenu(dc: DialogContext): Promise<DialogTurnResult>;
  /** Starts a flow from the menu level, after everything under way was stopped. */
  startFlow(dc: DialogContext, start: FlowStart): Promise<DialogTurnResult>;
  /** The menu's choices (labels and synonyms). */
  menuChoices(): Choice[];
  answerCommand(dc: DialogContext, command: Exclude<GlobalCommand, 'menu'>): Promise<void>;
  /** « annuler » with nothing under way: the cancellation of a session, or undefined (said there is none). */
  cancelOffer(context: TurnContext): Promise<FlowStart | undefined>;
}

/** The flows under way, outermost first, and the interruption among them if any. */
interface Thread {
  flows: string[];
  /** The digression: where it runs, its flow, and what the question it interrupted asks for. */
  interruption?: { dc: DialogContext; flow: string; below?: QuestionKind };
  /** The context whose active dialog is the innermost flow. */
  currentDc?: DialogContext;
}

const WAITING: DialogTurnResult = { status: DialogTurnStatus.waiting };

/** The place of the session being chosen: the innermost flow on the stack that holds one in its options. */
function placeUnderWay(innerDc: DialogContext): string | undefined {
  let found: string | undefined;
  for (let dc: DialogContext | undefined = innerDc; dc; dc = dc.child) {
    for (const instance of dc.stack) {
      const placeId = (instance.state as { options?: { placeId?: unknown } } | undefined)?.options?.placeId;
      if (typeof placeId === 'string') found = placeId;
    }
  }
  return found;
}

export class ConversationRouter {
  constructor(
    private readonly deps: DialogDeps,
    private readonly host: RouterHost,
  ) {}

  /** The flows on the stack, from the main dialog's inner context down to the question. */
  private threadOf(innerDc: DialogContext): Thread {
    const thread: Thread = { flows: [] };
    for (let dc: DialogContext | undefined = innerDc; dc; dc = dc.child) {
      dc.stack.forEach((instance, i) => {
        if (this.host.flowIds.has(instance.id)) {
          thread.flows.push(instance.id);
          thread.currentDc = dc;
        }
        // The stack's top is its last entry: the digression's flow above the interruption, the question it left below.
        const above = dc.stack[i + 1];
        const below = dc.stack[i - 1];
        if (instance.id === INTERRUPTION_DIALOG && above) {
          thread.interruption = { dc, flow: above.id, below: below && questionKind(dc.findDialog(below.id)) };
        }
      });
    }
    return thread;
  }

  /** A message at a question inside a flow; undefined when it is the question's to read. */
  async atQuestion(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const text = innerDc.context.activity.text ?? '';
    const understanding = await understandTurn(innerDc, this.deps);
    const pending = pendingQuestion(innerDc);
    const thread = this.threadOf(innerDc);
    const command = understanding.command;
    if (command === 'menu') return this.host.showMenu(innerDc);
    // « non merci », « merci quand même » at « Dans quelle commune habitez-vous ? »: leaving, told what was not done.
    if (declinesWhere(pending, understanding.entities.declines === true)) return this.perform(innerDc, { kind: 'bye' }, thread, pending);
    // « non je préfère continuer »: the « non » declines what was said meanwhile; the question under way comes back.
    if (understanding.entities.carryOn && !namesChoiceWhole(pending, text)) return this.carryOn(innerDc, thread);
    // « euh non laissez tomber » at « C'est d'accord ? »: its « non » is no answer to the question, the whole booking stops.
    const stopsAll = command === 'cancel' && !saysCancel(text) && !namesChoiceWhole(pending, text);
    if (!answersChoice(pending, text) || asksAsideAtSessions(understanding, pending, text) || stopsAll) {
      // « ANNULER » at the list of one's sessions: which one to cancel, the question's to read.
      if (command === 'cancel' && pending?.kind?.cancelsOne && saysCancel(text)) return undefined;
      if (command === 'cancel') {
        // After the task (« Voulez-vous un rappel ? » once booked), nothing is under way: « annuler » means a session, as at the menu
        // (« laissez tomber » there declines the offer: the session stays booked, and is said so).
        if (pending?.kind?.dropped && saysCancel(innerDc.context.activity.text)) {
          const offer = await this.host.cancelOffer(innerDc.context);
          return offer ? this.host.startFlow(innerDc, offer) : this.host.showMenu(innerDc);
        }
        // What the flow did stays done, and is said (« votre séance est bien annulée »), never « rien n'a été annulé ».
        await sendStopped(innerDc.context, this.deps);
        return this.host.showMenu(innerDc);
      }
      if (command) {
        const start = FLOW_COMMANDS[command];
        if (start) return this.interrupt(innerDc, start, thread, pending);
        await this.host.answerCommand(innerDc, command);
        return this.comeBack(innerDc, thread);
      }
      // « c qui France services de Mende ? » (the structure that gave the carnet, a place just listed): what it is to the
      // person, as at the menu, then the question again — never a search near Mende, nor the commune read as an answer.
      if (understanding.entities.whatIs && (await answerWhoIsPlace(innerDc.context, this.deps, text)))
        return this.comeBack(innerDc, thread);
      const answers = answersExpectation(understanding, pending);
      // « je comprends rien », « je suis perdue »: a kind word, a person to call and the how-to, then the question — whatever the model reads.
      if (saysLost(text) && !answers) {
        await this.host.answerCommand(innerDc, 'help');
        return this.comeBack(innerDc, thread);
      }
      // « c'est un robot ? », « j'ai pas d'ordi », « les heures ça se perd ? »: answered, then the question again.
      // Before the side questions: « c payant de vous répondre ? » asks about the SMS, not the pass.
      const plain = answers ? undefined : plainQuestionIn(text);
      if (plain) {
        await answerPlainQuestion(innerDc.context, this.deps, plain);
        return this.comeBack(innerDc, thread);
      }
      // « c'est payant ? », « pourquoi vous demandez ça ? » at a question that answers them: a sentence, then the question.
      const topic = pending && asideTopic(pending.dc.findDialog(pending.instance.id));
      const aside = pending && topic && !answers ? asideIn(text) : undefined;
      const asideSaid = topic && aside ? await asideAnswer(innerDc.context, this.deps, aside, topic) : undefined;
      if (pending && asideSaid) {
        await sendReply(innerDc.context, asideSaid, this.deps.t);
        return this.comeBack(innerDc, thread);
      }
      // « le 30 février » where a moment is read, or while booking or moving: it does not exist, and the question again.
      const dateFlow = thread.flows.some((flow) => flow === this.host.flows.book || flow === this.host.flows.my_bookings);
      if (
        understanding.entities.impossibleDate &&
        pending?.kind?.expecting !== 'birthDate' &&
        (readsSlot(pending, 'when') || dateFlow) &&
        (await tellImpossibleDate(innerDc.context, this.deps, understanding))
      ) {
        await this.askAgain(innerDc);
        return WAITING;
      }
      if (isAccessLogQuestion(text)) return this.interrupt(innerDc, { dialogId: MY_ACCESS_LOG_DIALOG }, thread, pending);
      // « c'est ouvert quand ? », « et à Valence ? » right after a list of places: about those places, or the same search elsewhere.
      if (pending?.kind?.aboutPlacesListed && (asksAboutPlace(text) || searchesElsewhere(understanding))) return undefined;
      // « c'est où ? » while a session is chosen: that place's address, phone and hours, then the question again.
      const placeId = asksAboutPlace(text) ? placeUnderWay(innerDc) : undefined;
      const place = placeId ? await this.deps.services.slots.place(placeId) : undefined;
      if (place) {
        // Where it publishes no phone, a person to call too.
        const toCall = needsPhoneContact([place]) ? await phoneContactText(innerDc.context, this.deps) : undefined;
        const details = placeDetails(place, this.deps.t, this.deps.clock.now());
        await sendReply(innerDc.context, toCall ? `${details}\n${toCall}` : details, this.deps.t);
        return this.comeBack(innerDc, thread);
      }
      const { interruption } = thread;
      if (interruption && answersBelow(understanding, pending, interruption.below)) {
        // « LOZ-MEND-E4L » at the about flow's « Dans quel département ? », over the booking's carnet question:
        // the person went back to what they were doing; the digression ends and the question below reads the message.
        await interruption.dc.endDialog({ passOn: true } satisfies PassOn);
        return WAITING;
      }
      // « jai pas de travailleur social », « je suis au rsa » at the eligibility's questions: what the person says of
      // themselves answers them (the model read the first as a cancellation, which asked for the carnet).
      const { situations, situationDenied } = understanding.entities;
      const ofSelf = topic === 'eligibility' && (!!situations?.length || situationDenied === true);
      const action =
        ofSelf || (answersExpectation(understanding, pending) && !asksBesidesWho(understanding, pending))
          ? undefined
          : asksEligibilityInstead(understanding, pending)
            ? actionFor('eligibility', text)
            : this.requestIn(understanding, text);
      if (action) {
        const done = await this.perform(innerDc, action, thread, pending);
        if (done) return done;
      }
    }
    if (!thread.flows.includes(this.host.flows.book ?? '')) return undefined;
    const filled = await absorbIntoWish(innerDc.context, this.deps, understanding);
    // « plutôt vendredi » at the parcours question: kept for later, and said so, rather than « je n'ai pas compris ».
    // Only at a question whose kind is known: one of free words (« dites-moi en quelques mots ») takes anything.
    if (
      filled.length === 0 ||
      !pending?.kind ||
      answersExpectation(understanding, pending) ||
      filled.some((slot) => readsSlot(pending, slot))
    ) {
      return undefined;
    }
    // A subject said once the subject question is past (« mes papiers sur internet » at the sessions): named back, the booking takes it.
    const theme = understanding.entities.theme;
    const subjectOnly = filled.length === 1 && filled[0] === 'themeText' && theme && theme.candidates.length <= 1;
    const noted = subjectOnly
      ? this.deps.t('conversation:noted_subject', { theme: lowerFirst(theme.label) })
      : this.deps.t('conversation:noted_for_later');
    await sendReply(innerDc.context, noted, this.deps.t);
    await this.askAgain(innerDc);
    return WAITING;
  }

  /**
   * The request a message makes, if it clearly makes one: the intent of a
   * sentence the model is sure of (understand's `newRequest`), or a menu
   * entry named in two or three words (« mes heures », « trouver un lieu »;
   * never a number, which answers the question).
   */
  private requestIn(understanding: Understanding, text: string): IntentAction | undefined {
    if (understanding.entities.goodbye) return { kind: 'bye' };
    if (understanding.newRequest) return actionFor(understanding.newRequest, text);
    // « ou demander », « et ou je peux avoir le carnet » (the model unsure of them): the places that hand it out.
    const prescribers = asksWhereToGetPass(text) ? actionFor(understanding.intent, text) : undefined;
    if (prescribers?.kind === 'flow' && prescribers.item === 'find_place') return prescribers;
    const words = text.trim().split(/\s+/).length;
    if (words < 2 || words > SWITCH_FLOW_MIN_WORDS || /\d/.test(text)) return undefined;
    // The menu's labels, and its synonyms of two words or more (« mes rdv »); one word (« lieu », « quand ») may be an answer.
    const labels = this.host
      .menuChoices()
      .map((c) => ({ value: c.value, synonyms: (c.synonyms ?? []).filter((w) => w.includes(' ') && !w.startsWith('pres')) }));
    const chosen = recognizeChoice(text, labels);
    if (!chosen) return undefined;
    const item = MENU_ITEMS[chosen.index];
    return item === 'human' ? { kind: 'start', start: { dialogId: HUMAN_DIALOG } } : { kind: 'flow', item };
  }

  /** Does what a request asks; undefined when the message is the question's after all. */
  private async perform(
    innerDc: DialogContext,
    action: IntentAction,
    thread: Thread,
    pending: PendingQuestion | undefined,
  ): Promise<DialogTurnResult | undefined> {
    const { t } = this.deps;
    switch (action.kind) {
      case 'bye': {
        // « bon je dois y aller au revoir » at « D'accord ? »: nothing was booked (moved, cancelled), said first.
        const undone = leftUndoneKey(pending);
        await sendReply(innerDc.context, undone ? `${t(undone)} ${t('menu.bye')}` : t('menu.bye'), t);
        await innerDc.cancelAllDialogs();
        return { status: DialogTurnStatus.complete };
      }
      case 'answer':
        await this.host.answerCommand(innerDc, action.command);
        return this.comeBack(innerDc, thread);
      case 'plain':
        await answerPlainQuestion(innerDc.context, this.deps, action.question);
        return this.comeBack(innerDc, thread);
      // Small talk (« bonjour ») and questions about someone else are no reason to leave a question;
      // « j'ai perdu mon carnet » is the question's to read (answersExpectation), as at the carnet question.
      case 'menu':
      case 'say':
      case 'noVoucherBook':
        return undefined;
      case 'flow':
      case 'start': {
        const start = action.kind === 'start' ? action.start : this.startOf(action.item, innerDc.context.activity.text, action.options);
        if (!start) return undefined;
        return this.interrupt(innerDc, start, thread, pending);
      }
    }
  }

  private startOf(item: Exclude<MenuItem, 'human'>, utterance: string | undefined, options: object = {}): FlowStart | undefined {
    const dialogId = this.host.flows[item];
    return dialogId ? { dialogId, options: { ...options, utterance } } : undefined;
  }

  /**
   * Runs `start` over the question. A request for a flow already under way
   * is that flow's answer; for the flow an interruption left, the
   * interruption ends and its question comes back; a second interruption
   * takes the place of the first (one digression at a time, the thread is
   * the flow below). An offer made after a task is dropped instead.
   */
  private async interrupt(
    innerDc: DialogContext,
    start: FlowStart,
    thread: Thread,
    pending: PendingQuestion | undefined,
  ): Promise<DialogTurnResult | undefined> {
    if (pending?.kind?.dropped) return this.host.startFlow(innerDc, start);
    const current = thread.flows[thread.flows.length - 1];
    if (start.dialogId === current) {
      // « je voudrais la déplacer » at the list of one's sessions: the flow under way, asked more precisely, starts again so;
      // « trouver un lieu » at « Et maintenant ? » once the places are listed: a new search.
      const refines = Object.keys(start.options ?? {}).some((key) => key !== 'utterance') || pending?.kind?.afterAnswer === true;
      if (!refines || thread.currentDc?.activeDialog?.id !== current) return undefined;
      await thread.currentDc.replaceDialog(current, start.options);
      return WAITING;
    }
    const { interruption } = thread;
    if (interruption) {
      if (start.dialogId === thread.flows[0]) await interruption.dc.endDialog();
      else await interruption.dc.replaceDialog(start.dialogId, start.options);
      return WAITING;
    }
    if (!pending || !current) return this.host.startFlow(innerDc, start);
    const result = await pending.dc.beginDialog(INTERRUPTION_DIALOG, { start, thread: current } satisfies InterruptionOptions);
    return endedUpTo(innerDc, pending.dc, result);
  }

  /**
   * After help given before the dialogs ran (the SMS keyword AIDE): « Je
   * reviens à … » and the question under way, so the person need not write
   * « continuer ». Nothing when no question waits.
   */
  async backToQuestion(innerDc: DialogContext): Promise<void> {
    if (!pendingQuestion(innerDc)) return;
    await this.comeBack(innerDc, this.threadOf(innerDc));
  }

  /** The question under way again: a digression over it ends (and says « Je reviens à … »), or it is asked again here. */
  private async carryOn(innerDc: DialogContext, thread: Thread): Promise<DialogTurnResult> {
    if (!thread.interruption) return this.comeBack(innerDc, thread);
    await thread.interruption.dc.endDialog();
    return WAITING;
  }

  /** After an answer given in place: « Je reviens à … » and the question again. */
  private async comeBack(innerDc: DialogContext, thread: Thread): Promise<DialogTurnResult> {
    const current = thread.flows[thread.flows.length - 1];
    await sendReply(innerDc.context, comeBackLine(this.deps, current ?? 'default'), this.deps.t);
    await this.askAgain(innerDc);
    return WAITING;
  }

  /**
   * The pending question asked again where it waits: from the top, a component rebuilds its inner context without
   * its parents, and one that holds a digression (the booking over the about flow's département question) could not
   * find it — « vendredi aprem » at the parcours question of a booking begun there ended the turn in an error.
   */
  private async askAgain(innerDc: DialogContext): Promise<void> {
    await (pendingQuestion(innerDc)?.dc ?? innerDc).repromptDialog();
  }
}

/**
 * A digression may end in the turn it began, and the question below with
 * it (« LOZ-MEND-E4L 12/04/1958 combien il me reste » at the booking's
 * carnet question: the balance identifies, answers, and the carnet question
 * finds the person known): each dialog emptied on the way up ends in its
 * parent, as a ComponentDialog does on a turn continued through it, so the
 * booking goes on to its next question instead of staying silent.
 */
async function endedUpTo(top: DialogContext, from: DialogContext, result: DialogTurnResult): Promise<DialogTurnResult> {
  let dc = from;
  let outcome = result;
  while (outcome.status === DialogTurnStatus.complete && dc !== top && dc.parent) {
    dc = dc.parent;
    outcome = await dc.endDialog(outcome.result);
  }
  // Up to the main dialog's own stack: its menu flow ended too is the main dialog's end (as the component's turn would say).
  return outcome.status === DialogTurnStatus.complete ? outcome : WAITING;
}

/**
 * A button label of the pending question ("C'est bon, merci", "L'annuler")
 * is its answer, never a command or a new request, even when it reads like
 * one ("annuler", "au revoir"); a word of one inside « je comprends rien »
 * does not make it that option.
 */
function answersChoice(pending: PendingQuestion | undefined, text: string): boolean {
  if (!text || !pending?.choices) return false;
  // « je comprends rien » holds « rien » (« Non, revenir au menu »): the person is lost, not choosing, unless the whole message is an option.
  if (saysLost(text) && !namesChoiceWhole(pending, text)) return false;
  return recognizeChoice(text, pending.choices) !== undefined;
}

/**
 * Requests about something else than the session to choose (the hours left, another carnet, one's sessions, a
 * person): at the session list, a word of an option inside them (« je peux en avoir d'autres ? » holds « d'autres »
 * of « Voir d'autres dates ») does not make them that option.
 */
const ASIDE_AT_SESSIONS: ReadonlySet<Intent> = new Set<Intent>(['balance', 'renew', 'my_bookings', 'human', 'privacy']);

function asksAsideAtSessions(understanding: Understanding, pending: PendingQuestion | undefined, text: string): boolean {
  const request = understanding.newRequest;
  return pending?.kind?.expecting === 'when' && !!request && ASIDE_AT_SESSIONS.has(request) && !namesChoiceWhole(pending, text);
}

/** The whole message is one option's label or synonym (a button « Continuer »): the option, not a wish to go on. */
function namesChoiceWhole(pending: PendingQuestion | undefined, text: string): boolean {
  const said = normalize(text).replace(/[?!.]/g, '').trim();
  return (pending?.choices ?? []).some((c) =>
    [typeof c === 'string' ? c : c.value, ...(typeof c === 'string' ? [] : (c.synonyms ?? []))].some((label) => normalize(label) === said),
  );
}

/** A commune said with no request but a place search (« et à Valence ? », « et Dieulefit »). */
function searchesElsewhere(understanding: Understanding): boolean {
  const request = understanding.newRequest;
  return !!understanding.entities.commune && (request === undefined || request === 'find_place');
}

/** The booking slots each kind of question reads itself (the session list takes a moment or a commune…). */
const READS: Partial<Record<Expectation, readonly (keyof BookingWish)[]>> = {
  when: ['when', 'commune', 'nearMe'],
  yesNo: ['when', 'commune'],
  commune: ['commune', 'nearMe'],
  theme: ['themeText'],
};

function readsSlot(pending: PendingQuestion | undefined, slot: keyof BookingWish): boolean {
  const kind = pending?.kind?.expecting;
  return !!kind && !!READS[kind]?.includes(slot);
}

/**
 * The message answers the question a digression interrupted, and not the
 * digression's own: only for answers that can be nothing else (a carnet
 * number, its check letter right); a yes, a date or a commune may well be
 * meant for the question in front of the person.
 */
function answersBelow(understanding: Understanding, pending: PendingQuestion | undefined, below: QuestionKind | undefined): boolean {
  if (below?.expecting !== 'voucherBookNumber' || !understanding.entities.voucherBookNumber) return false;
  return !answersExpectation(understanding, pending);
}

/**
 * « LOZ-MEND-E4L 12/04/1958 je voudrais un rdv à Die » at the balance's
 * carnet question: who the person is, and, in the other words, a clear
 * request (understand reads it without the carnet and the date). That
 * request runs over the question, its own identification taking the carnet
 * and the date from the sentence; the question, when it comes back, finds
 * the person known (IdentifyDialog). A request for the flow under way is its
 * answer still (interrupt).
 */
function asksBesidesWho(understanding: Understanding, pending: PendingQuestion | undefined): boolean {
  const expecting = pending?.kind?.expecting;
  if (expecting !== 'voucherBookNumber' && expecting !== 'birthDate') return false;
  const { entities, newRequest } = understanding;
  return !!newRequest && IDENTIFYING.has(newRequest) && !!(entities.voucherBookNumber || entities.birthDate);
}

/**
 * Requests whose flow starts with the sentence and asks who the person is,
 * so takes the carnet and the date from it (« parler à quelqu'un » would
 * drop them; the question, come back, would ask them again).
 */
const IDENTIFYING: ReadonlySet<Intent> = new Set<Intent>(['balance', 'book', 'my_bookings', 'move_booking', 'cancel_booking']);

/** How sure the model must be that a message at the carnet question asks whether the pass is for them. */
const ELIGIBILITY_AT_IDENTITY = 0.5;

/**
 * « je suis à la retraite », « est-ce que j'y ai droit ? » at the carnet
 * question: no carnet, a question about the pass being for them;
 * the eligibility questions answer it rather than the carnet question again.
 */
function asksEligibilityInstead(understanding: Understanding, pending: PendingQuestion | undefined): boolean {
  if (pending?.kind?.expecting !== 'voucherBookNumber') return false;
  const { entities, intent, score } = understanding;
  if (entities.voucherBookNumber || entities.voucherBookMistake || entities.birthDate) return false;
  return (entities.situations ?? []).length > 0 || (intent === 'eligibility' && score >= ELIGIBILITY_AT_IDENTITY);
}

/** The message holds what the question asks for: it is the answer, whatever else it says. */
function answersExpectation(understanding: Understanding, pending: PendingQuestion | undefined): boolean {
  const { entities } = understanding;
  // « je sais pas », « j'ai perdu mon carnet », « il est à la ferme » (at the carnet question): answers the question handles.
  if (entities.dontKnow || entities.noVoucherBook || entities.notAtHand) return true;
  if (pending?.kind?.reads?.(understanding.text)) return true;
  switch (pending?.kind?.expecting) {
    case 'commune':
      return !!(entities.commune || entities.nearMe || entities.departement);
    case 'when':
      // « annuler mon rdv de vendredi » at the sessions of a booking: the cancellation asked, not Friday's sessions to book.
      // « et mon rdv de lundi il est à quelle heure ? »: a question about the person's own session, not Monday's to book.
      return (
        !!entities.when &&
        !(understanding.newRequest === 'cancel_booking' && saysCancel(understanding.text)) &&
        !(understanding.newRequest === 'my_bookings' && asksOfOwnSession(understanding.text))
      );
    case 'birthDate':
      return !!entities.birthDate;
    case 'voucherBookNumber':
      // « LOZ-MEND-E4 », a character short: a try at the number, which the question says is wrong.
      return !!(entities.voucherBookNumber || entities.voucherBookMistake);
    case 'theme':
      return !!entities.theme;
    case 'yesNo':
      return entities.yesNo !== undefined;
    default:
      return false;
  }
}
