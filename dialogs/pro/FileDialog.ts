/**
 * A beneficiary's file for a professional: identity, each carnet's balance,
 * upcoming sessions, carnets used against the programme limit; then what
 * they may do next (prescribe, see who accessed it, back to the menu).
 */
import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { canIssueAnother } from '../../src/domain/prescriptionRules';
import { grantedActions } from '../../src/domain/rights';
import type { BeneficiaryFile } from '../../src/services/pro/beneficiaryLookup';
import type { Translate } from '../../src/i18n';
import { recognizeChoice } from '../../src/nlu/choiceRecognizer';
import { matchCommand } from '../../src/nlu/commands';
import { findYesNo } from '../../src/nlu/smallEntities';
import { lowerFirst } from '../../src/wording';
import { type ProCard, sendProCard } from './cards';
import { PRESCRIBE_DIALOG, PrescribeDialog } from './PrescribeDialog';
import { currentProfessional, type ProDialogDeps, proContext, proProgramme } from './proContext';
import { isoDate, proDate, proDateTime, sendRefusal } from './proFormat';
import { ProPrompt, type ProPromptOptions } from './ProPrompt';

export const FILE_DIALOG = 'pro.file';
const NEXT_PROMPT = 'pro.file.next';

export interface FileOptions {
  beneficiaryId: string;
  /** Who consulted the file (« qui a vu le dossier de Martine ? »), instead of the file. */
  audit?: boolean;
  /** What the request asked to do with her (« prescrire un carnet à Martine »): offered first, and « oui » chooses it. */
  asked?: 'prescribe';
}

/** The file ends with this when the professional typed something else than its choices (another name, a request). */
export interface FileEnd {
  retyped: string;
}

type Next = 'unlock' | 'prescribe' | 'audit' | 'back';

export class FileDialog extends ComponentDialog {
  constructor(private readonly deps: ProDialogDeps) {
    super(FILE_DIALOG);
    this.addDialog(new ProPrompt(NEXT_PROMPT, deps.t));
    this.addDialog(new PrescribeDialog(deps));
    this.addDialog(new WaterfallDialog(`${FILE_DIALOG}.flow`, [this.show.bind(this), this.next.bind(this)]));
    this.initialDialogId = `${FILE_DIALOG}.flow`;
  }

  private async show(step: WaterfallStepContext<FileOptions>): Promise<DialogTurnResult> {
    const { t, pro } = this.deps;
    if (step.options.audit) {
      await this.showAudit(step);
      return step.endDialog();
    }
    const outcome = await pro.lookup.file(proContext(step.context), step.options.beneficiaryId, this.deps.clock.now());
    if (outcome.outcome === 'refused') {
      await sendRefusal(step.context, outcome, t, proProgramme(step.context, this.deps));
      return step.endDialog();
    }
    if (outcome.outcome === 'not_found') {
      await sendProCard(step.context, { lines: [t('pro:prescribe.not_found')] }, t);
      return step.endDialog();
    }
    await this.remember(step);
    const role = currentProfessional(step.context)!.role;
    const granted = grantedActions(role);
    const options: Next[] = [];
    const book = proProgramme(step.context, this.deps)?.voucherBook.word ?? this.deps.t('common.book_word');
    // A carnet locked after wrong birth dates waits for this professional's call and unlock.
    const locked = granted.includes('voucherBook.unlock') ? await pro.unlock.lockedNumbers(outcome.beneficiary.id) : [];
    if (locked.length > 0) options.push('unlock');
    if (granted.includes('voucherBook.prescribe') && canIssueAnother(outcome, outcome.limits)) options.push('prescribe');
    if (granted.includes('audit.view')) options.push('audit');
    options.push('back');
    // The action asked for comes first: « oui » then means it.
    const asked = step.options.asked && options.includes(step.options.asked) ? step.options.asked : undefined;
    if (asked) options.sort((a, b) => Number(b === asked) - Number(a === asked));
    const labels = options.map((o) => this.label(o, book));
    (step.values as { options?: Next[]; labels?: string[] }).options = options;
    (step.values as { labels?: string[] }).labels = labels;
    (step.values as { asked?: Next }).asked = asked;
    const card = fileCard(outcome, book, t, this.deps.clock.now());
    const bookWord = book.charAt(0).toUpperCase() + book.slice(1);
    card.lines = [
      ...(card.lines ?? []),
      ...locked.map((number) => t('pro:file.locked', { bookWord, number })),
      asked ? t('pro:file.next_asked', { action: lowerFirst(labels[0]) }) : t('pro:file.next'),
    ];
    return step.prompt(NEXT_PROMPT, { card, choices: labels } as ProPromptOptions);
  }

  private async next(step: WaterfallStepContext<FileOptions>): Promise<DialogTurnResult> {
    const values = step.values as { options: Next[]; labels: string[]; asked?: Next };
    // « Voulez-vous prescrire un carnet ? » — « oui » is that action (first), « non » the menu.
    const yesNo = values.asked ? findYesNo(String(step.result))[0] : undefined;
    const answered = yesNo && plainYesNo(String(step.result)) ? { index: yesNo.value ? 0 : values.options.indexOf('back') } : undefined;
    const match = answered ?? recognizeChoice(String(step.result), values.labels);
    // « LOZ-MEND-E4L », « et Gérard Faure ? »: not a choice here, a new request for the menu to route.
    if (!match && !matchCommand(String(step.result))) return step.endDialog({ retyped: String(step.result) } satisfies FileEnd);
    const chosen = match ? values.options[match.index] : 'back';
    // « en fait non » to « Voulez-vous prescrire un carnet ? »: what was not done is said, not just the menu.
    if (answered && chosen === 'back' && values.asked === 'prescribe')
      await sendProCard(step.context, { lines: [this.deps.t('pro:prescribe.cancelled')] }, this.deps.t);
    if (chosen === 'prescribe') return step.replaceDialog(PRESCRIBE_DIALOG, { beneficiaryId: step.options.beneficiaryId });
    if (chosen === 'audit') await this.showAudit(step);
    if (chosen === 'unlock') await this.unlock(step);
    return step.endDialog();
  }

  private async unlock(step: WaterfallStepContext<FileOptions>): Promise<void> {
    const { t, pro } = this.deps;
    const outcome = await pro.unlock.unlock(proContext(step.context), step.options.beneficiaryId);
    if (outcome.outcome === 'refused') return sendRefusal(step.context, outcome, t);
    const book = proProgramme(step.context, this.deps)?.voucherBook.word ?? t('common.book_word');
    const line = outcome.outcome === 'unlocked' ? t('pro:file.unlocked', { name: outcome.name, book }) : t('pro:file.not_locked', { book });
    await sendProCard(step.context, { lines: [line] }, t);
  }

  /** « elle a combien d'heures ? », « ses rdv » next: this person, for this professional. */
  private async remember(step: WaterfallStepContext<FileOptions>): Promise<void> {
    const conversation = await this.deps.state.conversationData.get(step.context, {});
    conversation.lastProFile = { beneficiaryId: step.options.beneficiaryId, professionalId: currentProfessional(step.context)!.id };
  }

  private async showAudit(step: WaterfallStepContext<FileOptions>): Promise<void> {
    const { t, pro } = this.deps;
    const outcome = await pro.accessLog.forCoordinator(proContext(step.context), step.options.beneficiaryId);
    if (outcome.outcome === 'refused') return sendRefusal(step.context, outcome, t, proProgramme(step.context, this.deps));
    await this.remember(step);
    const lines = outcome.entries.map((e) =>
      t(e.refused ? 'pro:audit.line_refused' : 'pro:audit.line', {
        date: proDateTime(e.at, this.deps.clock.now(), t),
        who: e.structure ?? t(e.role === 'trainer' ? 'pro:audit.trainer' : 'pro:audit.unknown_structure'),
        what: actionWord(e.action, t),
      }),
    );
    await sendProCard(
      step.context,
      {
        title: outcome.name ? t('pro:audit.title_of', { name: outcome.name }) : t('pro:audit.title'),
        sections: [{ lines: lines.length ? lines : [t('pro:audit.none')] }],
      },
      t,
    );
  }

  private label(option: Next, book: string): string {
    const { t } = this.deps;
    if (option === 'prescribe') return t('pro:file.prescribe', { book });
    if (option === 'audit') return t('pro:file.audit');
    if (option === 'unlock') return t('pro:file.unlock', { book });
    return t('pro:menu.back');
  }
}

/** « oui », « oui merci », « non » alone: an answer to the question, not a sentence saying more (« oui et qui a vu son dossier ? »). */
function plainYesNo(text: string): boolean {
  return text.trim().split(/\s+/).length <= 3 && !/\d/.test(text);
}

const NAMED_ACTIONS = new Set([
  'beneficiary.search',
  'beneficiary.view',
  'beneficiary.create',
  'voucherBook.prescribe',
  'voucherBook.unlock',
  'sessions.view',
  'booking.attended',
  'booking.missed',
  'audit.view',
]);

export function actionWord(action: string, t: Translate): string {
  return t(`pro:audit.actions.${NAMED_ACTIONS.has(action) ? action : 'other'}`);
}

/** The file as a card (Teams) or text (elsewhere). */
export function fileCard(file: BeneficiaryFile, bookWord: string, t: Translate, now: Date): ProCard {
  const { beneficiary: person, limits } = file;
  const capital = bookWord.charAt(0).toUpperCase() + bookWord.slice(1);
  const facts: [string, string][] = [[t('pro:file.born'), isoDate(person.birthDate, t)]];
  const used =
    limits.maxBooks === null
      ? t('pro:file.books_used_nolimit', { used: file.booksIssued })
      : t('pro:file.books_used_value', {
          used: file.booksIssued,
          max: limits.maxBooks,
          hours: file.hoursIssued,
          maxHours: limits.maxHours ?? '—',
        });
  facts.push([t('pro:file.books_used', { bookWord: capital }), used]);
  const books = file.balances.map((b) =>
    b.expired
      ? t('pro:file.book_expired', {
          bookWord: capital,
          number: b.number,
          date: proDate(b.expiresAt, t),
          used: t('pro:file.hours_used', { count: b.hoursConsumed }),
        })
      : t('pro:file.book_line', {
          bookWord: capital,
          number: b.number,
          left: t('pro:file.hours_left', { count: b.hoursLeft }),
          reserved: t('pro:file.hours_reserved', { count: b.hoursReserved }),
          used: t('pro:file.hours_used', { count: b.hoursConsumed }),
          date: proDate(b.expiresAt, t),
        }),
  );
  const bookingLines = file.upcoming.map(({ slot, place }) =>
    t('pro:file.session_line', {
      when: proDateTime(slot.start, now, t),
      place: place ? `${place.name}, ${place.commune}` : t('pro:sessions.unknown_place'),
    }),
  );
  return {
    title: t('pro:file.title', { name: `${person.firstName} ${person.lastName}` }),
    facts,
    sections: [
      { lines: books.length ? books : [t('pro:file.no_book', { bookWord })] },
      { heading: t('pro:file.sessions'), lines: bookingLines.length ? bookingLines : [t('pro:file.no_session')] },
    ],
  };
}
