/**
 * The root dialog for recognised professionals in Teams (beneficiaries keep
 * MainDialog). Its own dialog state, so a professional's flow and the
 * beneficiary menu never mix. A sentence goes straight to its flow: a
 * carnet number or a name opens the search, "nouvelle personne" the first
 * prescription, "séances du jour" the trainer's list; otherwise the menu
 * for the role. "menu" and "annuler" work at any question.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  type Choice,
  ComponentDialog,
  type DialogContext,
  DialogSet,
  type DialogState,
  type DialogTurnResult,
  DialogTurnStatus,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Professional } from '../../src/domain/professional';
import { grantedActions, type ProAction } from '../../src/domain/rights';
import { recognizeChoice } from '../../src/nlu/choiceRecognizer';
import { proHelpLines, trainerPlacesCard } from './proHelp';
import { matchCommand } from '../../src/nlu/commands';
import { findSignals } from '../../src/nlu/conversationSignals';
import { findYesNo } from '../../src/nlu/smallEntities';
import { auditedPerson, matchProIntent, type PersonQueryText, parsePersonQuery } from '../../src/nlu/proRequest';
import { type FiguresRequest, personInFiguresQuestion, readFiguresFollowUp, readFiguresRequest } from '../../src/nlu/figuresRequest';
import {
  asksToMark,
  asksWhoComes,
  findComingDay,
  findMarkDay,
  readAttendance,
  saysCorrection,
  withoutAttendanceWords,
} from '../../src/nlu/attendanceWords';
import { normalize } from '../../src/nlu/normalize';
import { readNewPersonDetails } from '../../src/nlu/newPersonDetails';
import { departements } from '../../src/data/departements';
import { frenchList } from '../../src/i18n';
import { collectProCards, sendProCard } from './cards';
import type { FileEnd } from './FileDialog';
import { answerFigures, type FiguresOffer, offerQuestion } from './figuresAnswer';
import { coordinationContact } from './proFormat';
import { NEW_PERSON_DIALOG, NewPersonDialog, type NewPersonOptions } from './NewPersonDialog';
import { PRESCRIBE_DIALOG } from './PrescribeDialog';
import { currentProfessional, type ProDialogDeps, proProgramme, setProfessional } from './proContext';
import { ProPrompt } from './ProPrompt';
import { SEARCH_DIALOG, SearchDialog, type SearchOptions } from './SearchDialog';
import { ATTENDANCE_DIALOG, AttendanceDialog, type AttendanceOptions } from './AttendanceDialog';

export const PROFESSIONAL_DIALOG = 'pro';
const MENU_FLOW = 'pro.menu';
const MENU_PROMPT = 'pro.menu.prompt';

type Item = 'search' | 'new_person' | 'today' | 'week' | 'figures';
const ITEM_ACTION: Record<Item, ProAction> = {
  search: 'beneficiary.search',
  new_person: 'voucherBook.prescribe',
  today: 'sessions.view',
  week: 'sessions.view',
  figures: 'figures.view',
};

interface MenuOptions {
  again?: boolean;
  utterance?: string;
  /** Another département's figures were refused: « oui » at this menu gives one's own. */
  offer?: FiguresOffer;
  /** The figures question just answered: « et le mois dernier ? » asks it again for another period. */
  figures?: FiguresRequest;
}

/** The menu's values between its question and the answer. */
interface MenuValues {
  started?: boolean;
  offer?: FiguresOffer;
  figures?: FiguresRequest;
}

/** « elle a combien d'heures ? », « et son solde ? », « ses rdv »: about the person just looked at. */
const FOLLOW_UP = /\b(?:elle|il|lui|son|sa|ses|cette personne|cette dame|ce monsieur|la meme|le meme)\b/;
/** « il y a », « y a-t-il »: no one. */
const IMPERSONAL = /\b(?:il y a|y a t il|il y en a|y en a t il)\b/g;

/** The sentence is about someone already named: a pronoun, and no name. */
function isFollowUp(text: string): boolean {
  return FOLLOW_UP.test(normalize(text).replace(IMPERSONAL, ' '));
}

export class ProfessionalDialog extends ComponentDialog {
  constructor(private readonly deps: ProDialogDeps) {
    super(PROFESSIONAL_DIALOG);
    this.addDialog(new ProPrompt(MENU_PROMPT, deps.t));
    this.addDialog(new SearchDialog(deps));
    this.addDialog(new NewPersonDialog(deps));
    this.addDialog(new AttendanceDialog(deps));
    this.addDialog(new WaterfallDialog(MENU_FLOW, [this.menu.bind(this), this.route.bind(this), this.loop.bind(this)]));
    this.initialDialogId = MENU_FLOW;
  }

  /** One turn for a professional recognised on THIS turn. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>, professional: Professional): Promise<void> {
    setProfessional(context, professional);
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    // Whatever the dialogs say during the turn goes out as one card.
    await collectProCards(context, this.deps.t, async () => {
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) {
        await dc.beginDialog(this.id, { utterance: context.activity.text } satisfies MenuOptions);
      }
    });
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const text = innerDc.context.activity.text ?? '';
    const command = matchCommand(text);
    // « Chiffres », « séances du jour »… at any question of a flow: that flow stops, the request is answered
    // (but a button's own label, « Prescrire un carnet » on a file, is that question's answer).
    if (
      !command &&
      matchProIntent(text) &&
      innermostId(innerDc) !== MENU_PROMPT &&
      !answersPendingChoice(innerDc, text) &&
      !this.restatesPrescription(innerDc, text)
    ) {
      // A prescription left half-way is said to be dropped: « oui » later must not be read as done.
      if (onStack(innerDc, [PRESCRIBE_DIALOG, NEW_PERSON_DIALOG])) {
        await sendProCard(innerDc.context, { lines: [this.deps.t('pro:menu.prescription_dropped')] }, this.deps.t);
      }
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(MENU_FLOW, { again: true, utterance: text } satisfies MenuOptions);
    }
    if (!command) return super.onContinueDialog(innerDc);
    const { t } = this.deps;
    if (command === 'help') await sendProCard(innerDc.context, { lines: proHelpLines(innerDc.context, this.deps) }, t);
    if (command === 'cancel') await sendProCard(innerDc.context, { lines: [t('common.cancelled')] }, t);
    await innerDc.cancelAllDialogs();
    // « bonjour » brings the menu back too, with a hello rather than « Autre chose ? ».
    return innerDc.beginDialog(MENU_FLOW, { again: !isGreeting(text) } satisfies MenuOptions);
  }

  /**
   * « prescrire un autre carnet » at « Prescrire un 2e carnet à Martine Delmas ? »: the prescription
   * under way said again, naming no one else — that question's to answer, not a new request that drops it.
   */
  private restatesPrescription(dc: DialogContext, text: string): boolean {
    return matchProIntent(text) === 'prescribe' && onStack(dc, [PRESCRIBE_DIALOG]) && !parsePersonQuery(text, this.deps.clock.now());
  }

  private items(context: TurnContext): Item[] {
    const granted = grantedActions(currentProfessional(context)!.role);
    return (['search', 'new_person', 'today', 'week', 'figures'] as const).filter((item) => granted.includes(ITEM_ACTION[item]));
  }

  private labels(context: TurnContext): string[] {
    const book = proProgramme(context, this.deps)?.voucherBook.word ?? this.deps.t('common.book_word');
    return this.items(context).map((item) => this.deps.t(`pro:menu.${item}`, { book }));
  }

  private async menu(step: WaterfallStepContext<MenuOptions>): Promise<DialogTurnResult> {
    const opening = step.options?.utterance;
    // « ok merci au revoir » typed at a list or a file: a goodbye, not « Autre chose ? ».
    if (opening && !matchCommand(opening) && findSignals(opening).has('goodbye')) return this.goodbye(step);
    const asksFigures = !!opening && !matchCommand(opening) && (await this.asksProgrammeFigures(step.context, opening));
    // The figures are an answer, not a flow: give them, then the menu (which may offer one's own département's).
    const asked = asksFigures ? this.figuresRequest(opening) : step.options?.figures;
    const offer = (asksFigures ? await answerFigures(step.context, this.deps, asked!) : undefined) ?? step.options?.offer;
    Object.assign(step.values as MenuValues, { offer, figures: asked });
    const refused = !!opening && !asksFigures && !matchCommand(opening) && (await this.refusedRequest(step.context, opening));
    const direct = opening && !asksFigures && !refused && !matchCommand(opening) ? await this.direct(step.context, opening) : undefined;
    if (direct) {
      // Its result (a beneficiary id) is no answer to the menu: `route` must not read it as typed text.
      (step.values as MenuValues).started = true;
      return step.beginDialog(direct.dialogId, direct.options);
    }
    const { t } = this.deps;
    const pro = currentProfessional(step.context)!;
    const book = proProgramme(step.context, this.deps)?.voucherBook.word ?? this.deps.t('common.book_word');
    // The hello opens the conversation; after figures already given (even on the first turn) the card goes on.
    const greeting = offer
      ? offerQuestion(offer, step.context, this.deps)
      : step.options?.again || refused || asksFigures
        ? t('pro:menu.again')
        : pro.role === 'trainer'
          ? t('pro:menu.hello_trainer', { name: pro.displayName })
          : t('pro:menu.hello', { name: pro.displayName, structure: pro.structure ?? '', book });
    return step.prompt(MENU_PROMPT, { prompt: greeting, choices: this.labels(step.context) });
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // A flow begun by the menu step ended: its result goes on to `loop` (a file may hand back what was typed there).
    const values = step.values as MenuValues;
    if (values.started || typeof step.result !== 'string') return step.next(step.result);
    const items = this.items(step.context);
    const choice = recognizeChoice(step.result, this.labels(step.context));
    const item = choice ? items[choice.index] : undefined;
    const figures = await this.figuresAsked(step.context, step.result, item, !!choice, values, items);
    if (figures) {
      const offer = await answerFigures(step.context, this.deps, figures);
      return step.replaceDialog(MENU_FLOW, { again: true, figures, ...(offer ? { offer } : {}) } satisfies MenuOptions);
    }
    // A greeting is not a name to look for: hello again, with the menu.
    if (!choice && isGreeting(step.result)) return step.replaceDialog(MENU_FLOW, {} satisfies MenuOptions);
    // « merci », « ok »: nothing to look for either; the menu again.
    const signals = findSignals(step.result);
    // « je sais pas »: what can be typed here, not a search for « sais pas ».
    if (!choice && signals.has('dontKnow')) {
      await sendProCard(step.context, { lines: proHelpLines(step.context, this.deps) }, this.deps.t);
      return step.next();
    }
    // « ok merci au revoir »: a goodbye, and no menu after it (the next message starts afresh).
    if (!choice && signals.has('goodbye')) return this.goodbye(step);
    if (
      !choice &&
      (signals.has('thanks') || (findYesNo(step.result).length > 0 && !parsePersonQuery(step.result, this.deps.clock.now())))
    ) {
      if (signals.has('thanks')) await sendProCard(step.context, { lines: [this.deps.t('pro:menu.thanks')] }, this.deps.t);
      return step.next();
    }
    if (!choice && (await this.refusedRequest(step.context, step.result))) return step.next();
    const target = item ? this.target(item) : await this.direct(step.context, step.result);
    if (target) return step.beginDialog(target.dialogId, target.options);
    const book = proProgramme(step.context, this.deps)?.voucherBook.word ?? this.deps.t('common.book_word');
    await sendProCard(step.context, { lines: [this.deps.t('pro:menu.didnt_understand', { book })] }, this.deps.t);
    return step.next();
  }

  /** « au revoir »: said back, and the menu ends (the next message starts afresh, with a hello). */
  private async goodbye(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await sendProCard(step.context, { lines: [this.deps.t('pro:menu.goodbye')] }, this.deps.t);
    return step.endDialog();
  }

  /**
   * A request the role cannot make, said so rather than read as a name
   * (« séances de la semaine » from a prescriber is no one to look for):
   * « prescrire un carnet » from a trainer, the session lists from a prescriber.
   */
  private async refusedRequest(context: TurnContext, text: string): Promise<boolean> {
    const intent = matchProIntent(text);
    const items = this.items(context);
    if (intent === 'prescribe' && !items.includes('new_person')) {
      // « Adressez-vous à la coordination : » is followed by how to reach it.
      const programme = proProgramme(context, this.deps);
      const contact = programme ? [coordinationContact(programme, this.deps.t)] : [];
      await sendProCard(context, { lines: [this.deps.t('pro:access.refused.role'), ...contact] }, this.deps.t);
      return true;
    }
    if ((intent === 'today' || intent === 'week') && !items.includes(intent)) {
      await sendProCard(context, { lines: [this.deps.t('pro:access.refused.sessions')] }, this.deps.t);
      return true;
    }
    // « mes lieux » from a trainer: her places, with how to reach them; « mon planning »: what she can ask here. No name to look for.
    if (!items.includes('search') && saysTrainerTopic(text, 'pro:menu.place_topics')) {
      await sendProCard(context, await trainerPlacesCard(context, this.deps), this.deps.t);
      return true;
    }
    if (!items.includes('search') && saysTrainerTopic(text)) {
      await sendProCard(context, { lines: [this.deps.t('pro:menu.help_trainer')] }, this.deps.t);
      return true;
    }
    // Who consulted a file is the coordination's to see (and the person's own, from the assistant): no search is made.
    if (intent === 'audit' && !grantedActions(currentProfessional(context)!.role).includes('audit.view')) {
      const programme = proProgramme(context, this.deps);
      const lines = [this.deps.t('pro:audit.refused'), ...(programme ? [coordinationContact(programme, this.deps.t)] : [])];
      await sendProCard(context, { lines }, this.deps.t);
      return true;
    }
    return false;
  }

  private async loop(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // What was typed at a file instead of its choices is routed as if typed here.
    const retyped = (step.result as Partial<FileEnd> | undefined)?.retyped;
    return step.replaceDialog(MENU_FLOW, { again: true, ...(retyped ? { utterance: retyped } : {}) } satisfies MenuOptions);
  }

  /**
   * A figures question about the programme, not about one person: « combien
   * de carnets a Martine Delmas » or « combien de carnets a-t-elle » (after
   * a file) are her file's to answer (the search says if she is not the
   * professional's to see).
   */
  private async asksProgrammeFigures(context: TurnContext, text: string): Promise<boolean> {
    if (matchProIntent(text) !== 'figures') return false;
    if (this.personInFigures(text)) return false;
    return !(isFollowUp(text) && (await this.lastFile(context)));
  }

  /** The person a figures-like question is about, if it names one. */
  private personInFigures(text: string): PersonQueryText | undefined {
    return personInFiguresQuestion(text, this.deps.clock.now(), departements());
  }

  /** The figures question the menu's answer asks, if it asks one. */
  private async figuresAsked(
    context: TurnContext,
    text: string,
    item: Item | undefined,
    chosen: boolean,
    values: MenuValues,
    items: Item[],
  ): Promise<FiguresRequest | undefined> {
    if (item === 'figures') return {};
    if (chosen) return undefined;
    // « oui » to « Voulez-vous ceux de votre département ? »: the same question, for one's own.
    if (values.offer && findYesNo(text)[0]?.value === true) return values.offer;
    const intent = matchProIntent(text);
    if (intent === 'figures') return (await this.asksProgrammeFigures(context, text)) ? this.figuresRequest(text) : undefined;
    // « et le mois dernier ? »; not « combien de séances cette semaine » (the week's sessions), nor from a role without figures.
    if (!intent && values.figures && items.includes('figures')) return this.figuresFollowUp(text, values.figures);
    return undefined;
  }

  /** What a figures question asks: period, département, one number. */
  private figuresRequest(text: string): FiguresRequest {
    return readFiguresRequest(
      text,
      this.deps.clock.now(),
      this.deps.programmes.map((p) => p.departement),
      departements(),
    );
  }

  /** « et le mois dernier ? » right after figures: the same question over that period (or for that département). */
  private figuresFollowUp(text: string, previous: FiguresRequest): FiguresRequest | undefined {
    return readFiguresFollowUp(
      text,
      previous,
      this.deps.clock.now(),
      this.deps.programmes.map((p) => p.departement),
      departements(),
    );
  }

  private target(item: Item, utterance?: string): { dialogId: string; options?: object } {
    if (item === 'search')
      return { dialogId: SEARCH_DIALOG, options: { query: utterance ? parsePersonQuery(utterance, this.deps.clock.now()) : undefined } };
    // « nouvelle personne, Mme Josiane Bertrand née le … »: the sentence may hold the details.
    if (item === 'new_person') return { dialogId: NEW_PERSON_DIALOG, options: { utterance } satisfies NewPersonOptions };
    return { dialogId: ATTENDANCE_DIALOG, options: { range: item } };
  }

  /** What a free sentence asks for, within what the role may do. */
  private async direct(context: TurnContext, text: string): Promise<{ dialogId: string; options?: object } | undefined> {
    const items = this.items(context);
    // « je sais pas », « merci »: no name to look for.
    const signals = findSignals(text);
    if (signals.has('dontKnow') || signals.has('thanks')) return undefined;
    const now = this.deps.clock.now();
    // « elle est pas venue », « martine est venue »: a mark, for the session of today it is about;
    // « Gérard Faure était absent hier »: of that day; « marquer la présence de Martine »: her sessions, to mark.
    // « qui vient lundi ? », « qui est inscrit demain »: that day's sessions (the week's without a day), not a name.
    if (items.includes('today') && asksWhoComes(text)) {
      const day = findComingDay(text, now);
      // Today's is « Séances du jour », as the menu's.
      const options: AttendanceOptions = !day
        ? { range: 'week' }
        : day === findComingDay('aujourd hui', now)
          ? { range: 'today' }
          : { range: 'today', day };
      return { dialogId: ATTENDANCE_DIALOG, options };
    }
    const said = readAttendance(text);
    const named = parsePersonQuery(withoutAttendanceWords(text, now), now);
    const person = named?.name;
    // « LOZ-BRGS-K7J », « loz brgs k7j absente »: the person of that carnet, for a trainer who may not open files.
    const voucherBookNumber = items.includes('search') ? undefined : (named?.voucherBookNumber ?? named?.mistypedNumber);
    // « corriger josette », « erreur pour Josette »: her mark, to turn into the other one.
    const correcting = !said && !!person && saysCorrection(text);
    const toMark = said || asksToMark(text) || correcting;
    if (toMark && items.includes('today')) {
      const day = findMarkDay(text, now)?.day;
      const options: AttendanceOptions = {
        // A name and no day: that person's sessions of the week, with those of the days before still to mark
        // (« Martine absente » the day after); no name: today's.
        range: !day && (person || voucherBookNumber) ? 'week' : 'today',
        ...(said ? { askWhich: said } : {}),
        ...(correcting ? { correct: true } : {}),
        ...(person ? { person } : {}),
        ...(voucherBookNumber ? { voucherBookNumber } : {}),
        ...(day ? { day } : {}),
      };
      return { dialogId: ATTENDANCE_DIALOG, options };
    }
    if (voucherBookNumber && items.includes('week'))
      return { dialogId: ATTENDANCE_DIALOG, options: { range: 'week', voucherBookNumber } satisfies AttendanceOptions };
    const intent = matchProIntent(text);
    // « combien de carnets a Martine » is about Martine: her name without the figures' words.
    const query = (intent === 'figures' ? this.personInFigures(text) : undefined) ?? parsePersonQuery(text, now);
    const aboutLast = items.includes('search') && !query?.name && !query?.voucherBookNumber && isFollowUp(text);
    const last = aboutLast ? await this.lastFile(context) : undefined;
    if (intent === 'audit' && grantedActions(currentProfessional(context)!.role).includes('audit.view')) {
      // « qui a vu le dossier de Martine ? »: her log; « qui a vu son dossier ? »: the last one's; else « Le dossier de qui ? ».
      const person = auditedPerson(text, now);
      const about = !person && isFollowUp(text) ? await this.lastFile(context) : undefined;
      const options = person ? { query: person } : about ? { open: about } : { ask: 'audit' as const };
      return { dialogId: SEARCH_DIALOG, options: { ...options, audit: true } satisfies SearchOptions };
    }
    // « prescrir un carnet pour elle stp »: her file, with « Voulez-vous prescrire un carnet ? » first.
    if (last)
      return {
        dialogId: SEARCH_DIALOG,
        options: { open: last, ...(intent === 'prescribe' ? { prescribeFor: text } : {}) } satisfies SearchOptions,
      };
    if (intent === 'prescribe' && items.includes('new_person')) {
      // « Prescrire un carnet à Martine Delmas »: her file (with its « Prescrire » button); no name: « Pour qui ? ».
      // « … pour une dame, Mme Josette Pradel née le 3 mars 1944 à Mende »: her name and birth date, not the whole sentence;
      // nobody by them, the new-person form with what was said.
      const details = readNewPersonDetails(
        text,
        now,
        this.deps.services.placeSearch.communes,
        this.deps.programmes.map((p) => p.departement.code),
      );
      const named: PersonQueryText | undefined =
        query?.voucherBookNumber || !details.firstName
          ? query
          : { name: `${details.firstName} ${details.lastName}`, ...(details.birthDate ? { birthDate: details.birthDate } : {}) };
      return { dialogId: SEARCH_DIALOG, options: named ? { query: named, prescribeFor: text } : { ask: 'prescription' } };
    }
    if (intent && intent !== 'figures' && intent !== 'prescribe' && intent !== 'audit' && items.includes(intent))
      return this.target(intent, text);
    // « ses rdv » with no one looked at yet: whose?
    if (aboutLast) return { dialogId: SEARCH_DIALOG, options: { ask: 'whom' } satisfies SearchOptions };
    if (items.includes('search') && query) return { dialogId: SEARCH_DIALOG, options: { query } satisfies SearchOptions };
    // A trainer typing a name: that person's sessions at their places (they may not open files).
    if (!items.includes('search') && items.includes('week') && query?.name)
      return { dialogId: ATTENDANCE_DIALOG, options: { range: 'week', person: query.name } satisfies AttendanceOptions };
    return undefined;
  }

  /** The beneficiary this professional last looked at in this conversation. */
  private async lastFile(context: TurnContext): Promise<string | undefined> {
    const last = (await this.deps.state.conversationData.get(context, {})).lastProFile;
    return last && last.professionalId === currentProfessional(context)!.id ? last.beneficiaryId : undefined;
  }
}

/** The text is one of the choices of the question waiting (a button's label, or its number). */
function answersPendingChoice(dc: DialogContext, text: string): boolean {
  let current: DialogContext = dc;
  while (current.child) current = current.child;
  const choices = (current.activeDialog?.state as { options?: { choices?: (string | Choice)[] } } | undefined)?.options?.choices;
  return !!choices && choices.length > 0 && recognizeChoice(text, choices) !== undefined;
}

/** The id of the dialog waiting for this answer (the deepest one active). */
/** Whether one of these dialogs runs anywhere in the stack below `dc`. */
function onStack(dc: DialogContext, ids: readonly string[]): boolean {
  for (let current: DialogContext | undefined = dc; current; current = current.child) {
    if (current.stack.some((instance) => ids.includes(instance.id))) return true;
  }
  return false;
}

function innermostId(dc: DialogContext): string | undefined {
  let current: DialogContext = dc;
  while (current.child) current = current.child;
  return current.activeDialog?.id;
}

/** « mes lieux », « mon planning »: what a trainer asks that is no name (pro.json menu.trainer_topics). */
function saysTrainerTopic(text: string, listKey = 'pro:menu.trainer_topics'): boolean {
  const said = ` ${normalize(text)
    .replace(/[?!.,;:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
  return frenchList(listKey).some((phrase) => said.includes(` ${normalize(phrase)} `));
}

let greetings: Set<string> | undefined;

/** « bonjour », « allô », « salut »… said alone. */
function isGreeting(text: string): boolean {
  greetings ??= new Set(frenchList('pro:menu.greetings').map(normalize));
  return greetings.has(normalize(text).replace(/[!.?]/g, '').trim());
}
