/**
 * Find a beneficiary: by carnet number or by name (and birth date). One
 * match opens the file at once; several give a numbered list; none says
 * how to go on, or, for a prescription, opens the new-person form.
 */
import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Beneficiary } from '../../src/domain/types';
import { recognizeChoice } from '../../src/nlu/choiceRecognizer';
import { findSignals } from '../../src/nlu/conversationSignals';
import { parsePersonQuery, type PersonQueryText } from '../../src/nlu/proRequest';
import { sendProCard } from './cards';
import { AUDIT_PURPOSE } from '../../src/services/pro/accessLog';
import { FILE_DIALOG, FileDialog, type FileOptions } from './FileDialog';
import { type ProDialogDeps, proContext, proProgramme } from './proContext';
import { isoDate, sendRefusal } from './proFormat';
import { ProPrompt, type ProPromptOptions } from './ProPrompt';
import { NEW_PERSON_DIALOG, NewPersonDialog, type NewPersonOptions } from './NewPersonDialog';

export const SEARCH_DIALOG = 'pro.search';
const ASK = 'pro.search.ask';
const PICK = 'pro.search.pick';

const ASK_KEYS = {
  search: 'pro:search.ask',
  prescription: 'pro:search.ask_for_prescription',
  whom: 'pro:search.ask_whom',
  audit: 'pro:search.ask_for_audit',
} as const;

export interface SearchOptions {
  query?: PersonQueryText;
  /** The question to ask when no one was named: « Pour qui ? » for a prescription, « De quelle personne ? », « Le dossier de quelle personne ? ». */
  ask?: 'prescription' | 'whom' | 'audit';
  /** Asked again: the answer named nobody (« oui », « ok »). */
  again?: boolean;
  /** A file to open at once: the person last looked at (« elle a combien d'heures ? »). */
  open?: string;
  /** The person found: who consulted their file (« qui a vu le dossier de Martine ? »), not the file itself. */
  audit?: boolean;
  /**
   * A prescription asked for (« je voudrais prescrire un carnet pour Mme
   * Josette Pradel née le 3 mars 1944 à Mende »): when no one is found, the
   * new-person form, pre-filled with what this sentence said.
   */
  prescribeFor?: string;
}

export class SearchDialog extends ComponentDialog {
  constructor(private readonly deps: ProDialogDeps) {
    super(SEARCH_DIALOG);
    this.addDialog(new ProPrompt(ASK, deps.t));
    this.addDialog(new ProPrompt(PICK, deps.t));
    this.addDialog(new FileDialog(deps));
    this.addDialog(new NewPersonDialog(deps));
    this.addDialog(new WaterfallDialog(`${SEARCH_DIALOG}.flow`, [this.ask.bind(this), this.search.bind(this), this.open.bind(this)]));
    this.initialDialogId = `${SEARCH_DIALOG}.flow`;
  }

  private async ask(step: WaterfallStepContext<SearchOptions>): Promise<DialogTurnResult> {
    if (step.options?.open) return step.replaceDialog(FILE_DIALOG, this.file(step.options.open, step.options));
    if (step.options?.query) return step.next(step.options.query);
    const book = proProgramme(step.context, this.deps)?.voucherBook.word ?? this.deps.t('common.book_word');
    const key = step.options?.again ? 'pro:search.ask_again' : ASK_KEYS[step.options?.ask ?? 'search'];
    return step.prompt(ASK, { prompt: this.deps.t(key, { book }) });
  }

  private async search(step: WaterfallStepContext<SearchOptions>): Promise<DialogTurnResult> {
    const { t, pro } = this.deps;
    const typed = typeof step.result === 'string' ? step.result : undefined;
    // « je sais pas » at « Tapez le nom… » names nobody either.
    const query =
      typed !== undefined
        ? findSignals(typed).has('dontKnow')
          ? undefined
          : parsePersonQuery(typed, this.deps.clock.now())
        : (step.result as PersonQueryText);
    const book = proProgramme(step.context, this.deps)?.voucherBook.word ?? this.deps.t('common.book_word');
    if (!query) {
      // « oui », « ok » typed at « Tapez le nom… » name nobody: ask for the name, never « personne à ce nom ».
      if (typeof step.result === 'string')
        return step.replaceDialog(SEARCH_DIALOG, { ...step.options, again: true } satisfies SearchOptions);
      await sendProCard(step.context, { lines: [t('pro:search.none', { book })] }, t);
      return step.endDialog();
    }
    if (query.mistypedNumber) {
      await sendProCard(step.context, { lines: [t('pro:search.mistyped_number', { book, number: query.mistypedNumber })] }, t);
      return step.endDialog();
    }
    const outcome = await pro.lookup.search(proContext(step.context), query, step.options?.audit ? AUDIT_PURPOSE : undefined);
    if (outcome.outcome === 'refused') {
      await sendRefusal(step.context, outcome, t, proProgramme(step.context, this.deps));
      return step.endDialog();
    }
    if (outcome.outcome === 'needs_name') {
      await sendProCard(step.context, { lines: [t('pro:search.needs_name')] }, t);
      return step.endDialog();
    }
    const { matches } = outcome;
    // A carnet number is searched as a number: none by it is said of the number, never « personne à ce nom ».
    if (matches.length === 0 && query.voucherBookNumber) {
      await sendProCard(step.context, { lines: [t('pro:search.none_number', { book, number: query.voucherBookNumber })] }, t);
      return step.endDialog();
    }
    if (matches.length === 0 && (step.options?.prescribeFor !== undefined || step.options?.ask === 'prescription')) {
      // Nobody on file for a prescription: she is new; the form takes what was said, asks the rest, writes nothing before « oui ».
      const utterance = [step.options?.prescribeFor, typed].filter(Boolean).join(', ');
      const notice = t('pro:search.none_new_person', { book });
      return step.replaceDialog(NEW_PERSON_DIALOG, { utterance, notice } satisfies NewPersonOptions);
    }
    if (matches.length === 0) {
      await sendProCard(step.context, { lines: [t('pro:search.none', { book })] }, t);
      return step.endDialog();
    }
    if (matches.length === 1) return step.replaceDialog(FILE_DIALOG, this.file(matches[0].id, step.options));
    const labels = matches.map((m) => this.label(m));
    (step.values as { ids?: string[]; labels?: string[] }).ids = matches.map((m) => m.id);
    (step.values as { labels?: string[] }).labels = labels;
    return step.prompt(PICK, {
      card: { title: t('pro:search.title'), lines: [t('pro:search.several', { count: matches.length })] },
      choices: labels,
    } as ProPromptOptions);
  }

  private async open(step: WaterfallStepContext<SearchOptions>): Promise<DialogTurnResult> {
    const { ids, labels } = step.values as { ids: string[]; labels: string[] };
    const match = recognizeChoice(String(step.result), labels);
    if (!match) {
      // Not one of the list: maybe another name to look for.
      return step.replaceDialog(SEARCH_DIALOG, {
        query: parsePersonQuery(String(step.result), this.deps.clock.now()),
        ...(step.options?.audit ? { audit: true } : {}),
      } satisfies SearchOptions);
    }
    return step.replaceDialog(FILE_DIALOG, this.file(ids[match.index], step.options));
  }

  /** The file of the person found, or who consulted it when that was the question. */
  private file(beneficiaryId: string, options: SearchOptions | undefined): FileOptions {
    const prescribing = options?.prescribeFor !== undefined || options?.ask === 'prescription';
    return { beneficiaryId, ...(options?.audit ? { audit: true } : {}), ...(prescribing ? { asked: 'prescribe' as const } : {}) };
  }

  private label(person: Beneficiary): string {
    const { t, services } = this.deps;
    const commune = person.communeInsee ? services.placeSearch.communes.getByInsee(person.communeInsee) : undefined;
    return t('pro:search.match', {
      name: `${person.firstName} ${person.lastName}`,
      birth: isoDate(person.birthDate, t),
      commune: commune ? t('pro:search.in_commune', { commune: commune.name }) : '',
    });
  }
}
