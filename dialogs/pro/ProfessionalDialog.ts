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
import { matchCommand } from '../../src/nlu/commands';
import { matchProIntent, parsePersonQuery } from '../../src/nlu/proRequest';
import { DateTime } from 'luxon';
import { reportText } from '../../src/services/programmeReport';
import { sendProCard } from './cards';
import { NEW_PERSON_DIALOG, NewPersonDialog } from './NewPersonDialog';
import { currentProfessional, proContext, type ProDialogDeps, proProgramme, setProfessional } from './proContext';
import { ProPrompt } from './ProPrompt';
import { SEARCH_DIALOG, SearchDialog } from './SearchDialog';
import { SESSIONS_DIALOG, SessionsDialog } from './SessionsDialog';

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
}

export class ProfessionalDialog extends ComponentDialog {
  constructor(private readonly deps: ProDialogDeps) {
    super(PROFESSIONAL_DIALOG);
    this.addDialog(new ProPrompt(MENU_PROMPT, deps.t));
    this.addDialog(new SearchDialog(deps));
    this.addDialog(new NewPersonDialog(deps));
    this.addDialog(new SessionsDialog(deps));
    this.addDialog(new WaterfallDialog(MENU_FLOW, [this.menu.bind(this), this.route.bind(this), this.loop.bind(this)]));
    this.initialDialogId = MENU_FLOW;
  }

  /** One turn for a professional recognised on THIS turn. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>, professional: Professional): Promise<void> {
    setProfessional(context, professional);
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      await dc.beginDialog(this.id, { utterance: context.activity.text } satisfies MenuOptions);
    }
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const command = matchCommand(innerDc.context.activity.text);
    if (!command) return super.onContinueDialog(innerDc);
    const { t } = this.deps;
    if (command === 'help') await sendProCard(innerDc.context, { lines: [t('pro:menu.help')] }, t);
    if (command === 'cancel') await sendProCard(innerDc.context, { lines: [t('common.cancelled')] }, t);
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(MENU_FLOW, { again: true } satisfies MenuOptions);
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
    const asksFigures = !!opening && !matchCommand(opening) && this.asksFigures(step.context, opening);
    // The figures are an answer, not a flow: give them, then the menu.
    if (asksFigures) await this.sendFigures(step.context);
    const direct = opening && !asksFigures && !matchCommand(opening) ? this.direct(step.context, opening) : undefined;
    if (direct) return step.beginDialog(direct.dialogId, direct.options);
    const { t } = this.deps;
    const pro = currentProfessional(step.context)!;
    const book = proProgramme(step.context, this.deps)?.voucherBook.word ?? this.deps.t('common.book_word');
    const greeting = step.options?.again
      ? t('pro:menu.again')
      : pro.role === 'trainer'
        ? t('pro:menu.hello_trainer', { name: pro.displayName })
        : t('pro:menu.hello', { name: pro.displayName, structure: pro.structure ?? '', book });
    return step.prompt(MENU_PROMPT, { prompt: greeting, choices: this.labels(step.context) });
  }

  private async route(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (typeof step.result !== 'string') return step.next();
    const items = this.items(step.context);
    const choice = recognizeChoice(step.result, this.labels(step.context));
    const item = choice ? items[choice.index] : undefined;
    if (item === 'figures' || (!choice && this.asksFigures(step.context, step.result))) {
      await this.sendFigures(step.context);
      return step.next();
    }
    const target = item ? this.target(item) : this.direct(step.context, step.result);
    if (target) return step.beginDialog(target.dialogId, target.options);
    const book = proProgramme(step.context, this.deps)?.voucherBook.word ?? this.deps.t('common.book_word');
    await sendProCard(step.context, { lines: [this.deps.t('pro:menu.didnt_understand', { book })] }, this.deps.t);
    return step.next();
  }

  private async loop(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.replaceDialog(MENU_FLOW, { again: true } satisfies MenuOptions);
  }

  private asksFigures(context: TurnContext, text: string): boolean {
    return matchProIntent(text) === 'figures' && this.items(context).includes('figures');
  }

  /** The programme's figures since 1 January (Paris), as a card; an audited access. */
  private async sendFigures(context: TurnContext): Promise<void> {
    const { t, pro } = this.deps;
    const professional = currentProfessional(context)!;
    const programme = proProgramme(context, this.deps);
    const today = DateTime.fromJSDate(this.deps.clock.now()).setZone('Europe/Paris');
    const result = await pro.figures.report(proContext(context), professional.programmeId, `${today.year}-01-01`, today.toISODate()!);
    if (result.outcome !== 'report' || !programme) {
      await sendProCard(context, { lines: [t('pro:figures.not_allowed')] }, t);
      return;
    }
    const words = (key: string, options?: Record<string, unknown>) => t(key, options);
    const text = reportText(result.report, words, { programme: programme.name, book: programme.voucherBook.word });
    await sendProCard(context, { lines: text.split('\n') }, t);
  }

  private target(item: Item, utterance?: string): { dialogId: string; options?: object } {
    if (item === 'search') return { dialogId: SEARCH_DIALOG, options: { query: utterance ? parsePersonQuery(utterance, this.deps.clock.now()) : undefined } };
    if (item === 'new_person') return { dialogId: NEW_PERSON_DIALOG };
    return { dialogId: SESSIONS_DIALOG, options: { range: item } };
  }

  /** What a free sentence asks for, within what the role may do. */
  private direct(context: TurnContext, text: string): { dialogId: string; options?: object } | undefined {
    const items = this.items(context);
    const intent = matchProIntent(text);
    if (intent && intent !== 'figures' && items.includes(intent)) return this.target(intent);
    if (items.includes('search') && parsePersonQuery(text, this.deps.clock.now())) return this.target('search', text);
    return undefined;
  }
}
