/**
 * « Sur quel sujet voulez-vous être aidé ? »: the most asked themes of the
 * programme's catalogue (its `featured` list, or its whole short list of
 * parcours), then « Autre : dites-moi en quelques mots ». Whatever the
 * person writes is read against the WHOLE catalogue, labels and synonyms,
 * typos forgiven (« je voudrais aprendre a faire ma declaration PAC » →
 * Démarches en ligne des agriculteurs; Lozère « internet et mail » →
 * Compétences de base); a few close themes are offered to choose from;
 * « autre » asks which subject; « je sais pas » goes on without one.
 * Ends with a ThemeChoice: the theme, and the person's own words when they
 * wrote some, kept on the booking for the trainer.
 */
import {
  ComponentDialog,
  type DialogTurnResult,
  type FoundChoice,
  type PromptOptions,
  type PromptRecognizerResult,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { Programme, Theme } from '../src/domain/programme';
import { SUBJECT_MAX_CHARS } from '../src/domain/bookingRules';
import { french, frenchList, type Translate } from '../src/i18n';
import { findCatalogueTheme } from '../src/nlu/catalogueTheme';
import { recognizeChoice } from '../src/nlu/choiceRecognizer';
import { findSignals } from '../src/nlu/conversationSignals';
import { normalize } from '../src/nlu/normalize';
import { saysASubject } from '../src/nlu/subjectWords';
import type { DialogDeps } from './deps';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { ParsedTextPrompt } from './prompts/ParsedTextPrompt';
import { asking } from './prompts/questionKind';
import { sendReply } from '../src/channels/send';
import { channelKind } from '../src/channels/channelKind';
import { lowerFirst } from '../src/wording';

export const CHOOSE_THEME_DIALOG = 'chooseTheme';
const FLOW = 'chooseTheme.flow';
const THEME_PROMPT = 'chooseTheme.theme';
const WHICH_PROMPT = 'chooseTheme.which';
const WORDS_PROMPT = 'chooseTheme.words';
/** At most this many close themes are offered when a sentence fits several. */
const MAX_CANDIDATES = 4;

/** What the theme question's answer means, as the prompt's `value`. */
const OTHER = 'other';
const NONE = 'none';
/** Words of the person's own that fit no theme of the catalogue (« internet », « mon téléphone »): the subject, as said. */
const OWN = 'own';

export interface ChooseThemeOptions {
  programmeId: string;
  /** Words said before the question that name a subject (« rdv pour mes impôts »): the question is skipped when they name one theme. */
  said?: string;
}

/** The theme chosen (none: « je ne sais pas »), and the person's own words when they wrote some. */
export interface ThemeChoice {
  themeId?: string;
  subject?: string;
}

interface ThemeValues {
  /** Theme ids in the order offered at the last question; the last option (« autre ») has none. */
  offered: string[];
  words?: string;
  /** « Lequel de ces sujets ? » was the first question (the words came before it). */
  askedWhich?: boolean;
}

/** The person's words, as kept for the trainer. */
function subjectOf(text: string): string | undefined {
  const words = text.replace(/\s+/g, ' ').trim();
  return /\p{L}{2}/u.test(words) ? words.slice(0, SUBJECT_MAX_CHARS) : undefined;
}

let anyThemeWords: string[] | undefined;
let smsLabels: Record<string, string> | undefined;

/**
 * A theme as offered: on SMS its short label when it has one (« Démarches en
 * ligne (CAF, Ameli) »: six themes in full were a 421-character message),
 * the full label kept as a way to answer.
 */
function offeredTheme(context: TurnContext, theme: Theme): { value: string; synonyms: string[] } {
  smsLabels ??= french()('themes:sms_labels', { returnObjects: true }) as Record<string, string>;
  const short = channelKind(context.activity.channelId) === 'sms' ? smsLabels[theme.id] : undefined;
  // The programme's official name (« Accès aux droits ») still answers, as the plain label shown does.
  const official = theme.officialName ? [theme.officialName] : [];
  return short ? { value: short, synonyms: [theme.label, ...official] } : { value: theme.label, synonyms: official };
}

/** « je sais pas », « peu importe »: no theme, the trainer will see with the person. */
function saysAnyTheme(text: string): boolean {
  anyThemeWords ??= frenchList('book.any_theme_words').map(normalize);
  return findSignals(text).has('dontKnow') || anyThemeWords.includes(normalize(text).trim());
}

/**
 * The theme question's prompt: an offered option by number or label first;
 * else « je sais pas »; else a theme of the whole catalogue, or several
 * close ones (`value` OTHER with the candidates in `synonym`, comma-separated ids).
 */
class ThemePrompt extends NumberedChoicePrompt {
  constructor(
    dialogId: string,
    t: Translate,
    private readonly catalogueOf: (options: PromptOptions) => Programme['content']['themes'],
  ) {
    super(dialogId, t);
  }

  protected override async onRecognize(
    context: TurnContext,
    state: { failures?: number },
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<FoundChoice>> {
    const text = context.activity.text ?? '';
    const offered = (options.validations as ThemeValues).offered;
    const picked = recognizeChoice(text, options.choices ?? []);
    if (picked) {
      const value = offered[picked.index] ?? OTHER;
      return { succeeded: true, value: { index: picked.index, value, score: picked.score } };
    }
    if (saysAnyTheme(text)) return { succeeded: true, value: { index: -1, value: NONE, score: 1 } };
    const theme = findCatalogueTheme(text, this.catalogueOf(options));
    if (theme) {
      const close = theme.candidates.slice(0, MAX_CANDIDATES).map((c) => c.id);
      const value = close.length > 1 ? OTHER : theme.id;
      return { succeeded: true, value: { index: -1, value, score: theme.score, synonym: close.length > 1 ? close.join(',') : text } };
    }
    const recognized = await super.onRecognize(context, state, options);
    if (recognized.succeeded || !saysASubject(text) || !subjectOf(text)) return recognized;
    return { succeeded: true, value: { index: -1, value: OWN, score: 0.5, synonym: subjectOf(text) } };
  }
}

export class ChooseThemeDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(CHOOSE_THEME_DIALOG);
    const { t } = deps;
    const catalogueOf = (options: PromptOptions) =>
      this.programme((options.validations as { programmeId: string }).programmeId).content.themes;
    this.addDialog(asking('theme', new ThemePrompt(THEME_PROMPT, t, catalogueOf)));
    this.addDialog(asking('theme', new ThemePrompt(WHICH_PROMPT, t, catalogueOf)));
    // Any words will do: they are the subject, matched to a theme when they can be.
    this.addDialog(
      new ParsedTextPrompt<string>(WORDS_PROMPT, t, (text) => {
        const words = subjectOf(text);
        return words ? { value: words } : { retry: t('book.say_subject') };
      }),
    );
    this.addDialog(new WaterfallDialog(FLOW, [this.ask.bind(this), this.understood.bind(this), this.fromWords.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private programme(id: string): Programme {
    return this.deps.programmes.find((p) => p.id === id)!;
  }

  private label(programme: Programme, id: string): string {
    return programme.content.themes.find((th) => th.id === id)?.label ?? id;
  }

  private async ask(step: WaterfallStepContext<ChooseThemeOptions>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const programme = this.programme(step.options.programmeId);
    const said = step.options.said ? findCatalogueTheme(step.options.said, programme.content.themes) : undefined;
    if (said && said.candidates.length === 1) return this.chosen(step, programme, said.id, step.options.said);
    // Words that fit several themes (« envoyer des photos à mes petits-enfants »): those themes, not the whole list.
    if (said)
      return this.askWhich(
        step,
        programme,
        step.options.said!,
        said.candidates.map((th) => th.id),
      );
    const { themes, featured } = programme.content;
    const offered = featured ? themes.filter((th) => featured.includes(th.id)) : themes;
    const question = t(programme.content.kind === 'parcours' ? 'book.which_parcours' : 'book.which_theme');
    return step.prompt(THEME_PROMPT, {
      prompt: question,
      retryPrompt: t('book.which_theme_retry'),
      choices: [
        ...offered.map((th) => offeredTheme(step.context, th)),
        { value: t('book.other_theme'), synonyms: frenchList('book.other_theme_synonyms') },
      ],
      validations: { programmeId: programme.id, offered: offered.map((th) => th.id) } satisfies ThemeValues & ChooseThemeOptions,
    });
  }

  /** A theme, « je sais pas », several close themes to choose from, or « autre »: which subject, then. */
  private async understood(step: WaterfallStepContext<ChooseThemeOptions>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const programme = this.programme(step.options.programmeId);
    // Already « Lequel de ces sujets ? » (asked from the words said before): its answer goes to the next step.
    if ((step.values as ThemeValues).askedWhich) return step.next(step.result);
    const answer = step.result as FoundChoice;
    if (answer.value === NONE) return step.endDialog({} satisfies ThemeChoice);
    if (answer.value === OWN) return this.ownSubject(step, answer.synonym!);
    if (answer.value !== OTHER) return this.chosen(step, programme, answer.value, answer.index < 0 ? answer.synonym : undefined);
    const close = answer.synonym?.split(',').filter(Boolean) ?? [];
    if (close.length > 1) return this.askWhich(step, programme, step.context.activity.text, close);
    return step.prompt(WORDS_PROMPT, { prompt: t('book.say_subject') });
  }

  /** « Lequel de ces sujets ? » among the themes close to the person's words, which are kept for the trainer. */
  private async askWhich(step: WaterfallStepContext, programme: Programme, words: string, close: string[]): Promise<DialogTurnResult> {
    const { t } = this.deps;
    Object.assign(step.values as ThemeValues, { words, askedWhich: step.index === 0 });
    return step.prompt(WHICH_PROMPT, {
      prompt: t('book.which_of_themes'),
      retryPrompt: `${t('common.didnt_understand')} ${t('book.which_of_themes')}`,
      choices: [
        ...close.map((id) => offeredTheme(step.context, programme.content.themes.find((th) => th.id === id) ?? { id, label: id })),
        { value: t('book.none_of_these') },
      ],
      validations: { programmeId: programme.id, offered: close } satisfies ThemeValues & ChooseThemeOptions,
    });
  }

  /** The answer to « Laquelle ? » among close themes, or the words said after « autre ». */
  private async fromWords(step: WaterfallStepContext<ChooseThemeOptions>): Promise<DialogTurnResult> {
    const programme = this.programme(step.options.programmeId);
    const values = step.values as ThemeValues;
    if (typeof step.result !== 'string') {
      // « Laquelle ? »: a theme of the list keeps the words said before it; « aucun » keeps only the words.
      const answer = step.result as FoundChoice | undefined;
      if (answer?.value === OWN) return this.ownSubject(step, answer.synonym!);
      const words = values.words ? subjectOf(values.words) : undefined;
      if (answer && answer.value !== OTHER && answer.value !== NONE) return this.chosen(step, programme, answer.value, words);
      return step.endDialog((words ? { subject: words } : {}) satisfies ThemeChoice);
    }
    const words = step.result;
    if (saysAnyTheme(words)) return step.endDialog({} satisfies ThemeChoice);
    const theme = findCatalogueTheme(words, programme.content.themes);
    if (theme && theme.candidates.length === 1) return this.chosen(step, programme, theme.id, words);
    return this.ownSubject(step, words);
  }

  /** Words that name no theme: kept as the subject, for the trainer, and said so. */
  private async ownSubject(step: WaterfallStepContext, words: string): Promise<DialogTurnResult> {
    const { t } = this.deps;
    await sendReply(step.context, t('book.subject_noted'), t);
    return step.endDialog({ subject: words } satisfies ThemeChoice);
  }

  /** A theme read from the person's words is said back, so a wrong guess can be seen at once. */
  private async chosen(step: WaterfallStepContext, programme: Programme, themeId: string, words?: string): Promise<DialogTurnResult> {
    const subject = words && subjectOf(words);
    if (subject) {
      const { t } = this.deps;
      await sendReply(step.context, t('book.theme_understood', { theme: lowerFirst(this.label(programme, themeId)) }), t);
    }
    return step.endDialog({ themeId, ...(subject ? { subject } : {}) } satisfies ThemeChoice);
  }
}
