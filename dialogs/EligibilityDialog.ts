/**
 * "Suis-je éligible ?": where do you live (→ département → programme), then
 * the programme's own questions (data in its preset, choices only), then a
 * pre-orientation — never a decision — with the three nearest places that
 * prescribe the pass and whether they are open now.
 *
 * Where: a commune (name or postal code), or a département (« 48 »,
 * « drome », « dans la Lozère »); « je ne sais pas » asks the département,
 * and not knowing that either gets how to find it (the postal code on a
 * letter; the commune will do too) and a person to call, the question
 * still open. A situation the programme names as welcome (« je suis
 * agriculteur dans la drome ») is said back before the questions; an age
 * limit the preset only assumes is never stated as a fact. With a
 * département only, the answer gives a place of the département that gives
 * carnets, with its phone, as an example.
 *
 * What the person says of themselves, wherever in the flow (« je suis au
 * chômage », « j'ai 70 ans », instead of an answer or with it), answers
 * the questions it can (the preset's `impliedBy`, the age): only the rest
 * is asked. Said right after the answer (« je suis au RSA »), the answer is
 * given again with it, for the same place and choices (eligibilityMemory).
 *
 * « et si j'habitais à Crest ? » (at the menu, at any question, or at one of
 * these questions): the eligibility for that place, under its own
 * programme, without asking again what was answered; it changes nothing of
 * the person's own programme, nor does any answer here once they proved
 * who they are (their carnet says it).
 *
 * « je vois l'assistante sociale », wherever in the flow it is said: the
 * person who follows them can give them a carnet — said so, no more
 * questions, and whom to call if they cannot reach them.
 */
import type { TurnContext } from 'botbuilder';
import { NOT_SERVED } from './flowEnd';
import { joinWithAnd, lowerFirst } from '../src/wording';
import {
  type Choice,
  ComponentDialog,
  type DialogTurnResult,
  type FoundChoice,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Commune } from '../src/domain/communes';
import { communePosition } from '../src/domain/communes';
import type { EligibilityOutcome, Programme } from '../src/domain/programme';
import { communesForAnswer, communesInSentence } from '../src/nlu/communeEntity';
import { findSignals, saysHypotheticalHome } from '../src/nlu/conversationSignals';
import { findYesNo } from '../src/nlu/smallEntities';
import { senderOf, verifiedBeneficiary } from '../src/bot/state';
import type { Translate } from '../src/i18n';
import { ageAnswer, ageIn } from '../src/nlu/ageEntity';
import { findDepartement } from '../src/nlu/departementEntity';
import { deniesSituation, findSituations, type Situation, saysSocialWorker, situationsAskedAbout } from '../src/nlu/situationEntity';
import type { DialogDeps } from './deps';
import { contactLine, contactLines, contactsFor, phoneContactText, sendPersonalContacts } from './humanContacts';
import { needsPhoneContact, placeLine } from './placeText';
import { rememberNamedPlaces } from './namedPlaces';
import { whichCommuneQuestion } from './lookAlikeCommunes';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { answeringAsides, asking } from './prompts/questionKind';
import { ParsedTextPrompt } from './prompts/ParsedTextPrompt';
import { knownProgramme, rememberProgramme } from './programmeOf';
import { sendReply } from '../src/channels/send';
import { lastEligibility, rememberEligibility } from './eligibilityMemory';
import { communeGiven, communeRecalledLine, rememberCommuneGiven } from './communeGiven';
import { isComeBack } from './threadTypes';

export const ELIGIBILITY_DIALOG = 'eligibility';

/** "Les centres sociaux" inside a sentence: "les centres sociaux". */
const FLOW = 'eligibility.flow';
const QUESTIONS = 'eligibility.questions';
const COMMUNE_PROMPT = 'eligibility.commune';
const DEPARTEMENT_PROMPT = 'eligibility.departement';
const ANSWER_PROMPT = 'eligibility.answer';
const DEPARTEMENT_FLOW = 'eligibility.departementFlow';
/** « saint jean »: look-alikes in two départements, so two programmes; which one is asked. */
const WHICH_COMMUNE_PROMPT = 'eligibility.whichCommune';
const MAX_LOOK_ALIKES = 6;
/** Answers not read at the département question before a person is offered instead (« je sais pas » is read: it gets help). */
const DEPARTEMENT_ATTEMPTS = 3;
interface DepartementOptions {
  /** How many « je sais pas » the département question got so far. */
  dontKnows: number;
}

export interface EligibilityOptions {
  utterance?: string;
  /** What the person already told in this flow, when another place was named at a question (« et si j'habitais à Crest ? »). */
  known?: KnownFacts;
  /** The sentence that opened the flow names the social worker who follows the person (« pass » in it is no menu choice). */
  socialWorker?: true;
  /** A fact said instead of the commune (« je suis au chômage »): it is noted in `known`, and the commune asked again. */
  noted?: true;
  /** None of the look-alike communes offered was the person's: asked again, with how to say it exactly. */
  again?: true;
}

/** Plain JSON, kept in the dialog's state only. */
interface KnownFacts {
  /** The choice (its label key) given to each question, by question id: a question of the same id is not asked again. */
  answered?: Record<string, string>;
  situations?: Situation[];
  age?: number;
}

interface QuestionOptions {
  programmeId: string;
  index: number;
  /** An age the person said (« j'ai 68 ans »): the age question is answered by it. */
  age?: number;
  /** What the person said of themselves (« je suis au chômage »): a question one of them answers (the preset's `impliedBy`) is not asked. */
  situations?: Situation[];
  answered?: Record<string, string>;
  /** The question comes again after a fact said instead of its answer: « C'est noté. » first. */
  noted?: true;
  /** The question comes again after the person asked what one of its words means: that explanation first (eligibility:explain). */
  explained?: string;
  /**
   * Said above the first question asked, in its message (« À Florac Trois Rivières (Lozère) : »): a message of its own
   * ended on « : » with nothing under it, the question coming apart on Web Chat.
   */
  heading?: string;
}

/** The questions stopped at another place named (« et si j'habitais à Crest ? »): the flow starts again for it. */
interface Elsewhere {
  elsewhere: string;
  known: KnownFacts;
}

const isElsewhere = (result: unknown): result is Elsewhere =>
  typeof result === 'object' && result !== null && typeof (result as Elsewhere).elsewhere === 'string';

/** The preset's id of « Avez-vous 18 ans ou plus ? », which a number typed answers (an age, a year of birth). */
const ADULT_QUESTION = 'adult';
/** The preset's id of « Êtes-vous suivi par un travailleur social… ? », which « je n'en ai pas » answers « Non ». */
const FOLLOWED_QUESTION = 'followed';
/** « 70 », « 12 »: digits only, a 5-digit postal code apart (a place named instead of the answer). */
const NUMBER_ONLY = /^(?:\d{1,4}|\d{6,})$/;

/** What the answer prompt's validator is told of the question (PromptOptions.validations: JSON in the dialog's state). */
interface AnswerValidations {
  question: string;
}

/** The answer prompt's « index » for a place named instead of a choice. */
const ANOTHER_PLACE = -1;
/** The answer prompt's « index » for a fact said instead of a choice (« je suis retraitée », « j'ai 70 ans »). */
const NOTED = -2;
/** The answer prompt's « index » for an age typed at the age question (« 70 », « 45ans »); its value is the age. */
const AGED = -4;
/** The answer prompt's « index » for a word of the question asked about (« c'est quoi un travailleur social ? »). */
const EXPLAINED = -3;

/**
 * Where the person lives, as far as they can say; `lookAlikes` when the
 * commune answered may be one of several in different départements (asked).
 */
type Where = { commune: Commune } | { departement: string } | { dontKnow: true } | { lookAlikes: Commune[] };

/**
 * An answer to « où habitez-vous ? », with the situations it states (« je
 * suis agriculteur dans la drome »); no place when it only says a social
 * worker follows them.
 */
interface WhereAnswer {
  where?: Where;
  situations: Situation[];
  age?: number;
  /** Not answered here: the commune (or département) the person gave before, said above the first question. */
  recalled?: true;
}

/** How the questions ended: the programme's outcome with every choice made, or the person named the social worker who follows them. */
/** `heading`: not said yet, no question having been asked (all answered by what was said before): it heads the answer. */
type QuestionsResult = { outcome: EligibilityOutcome; answered: Record<string, string>; heading?: string } | 'social_worker';

interface FlowValues {
  commune?: Commune;
  programmeId?: string;
  situations?: Situation[];
  age?: number;
  answered?: Record<string, string>;
  /** « et si j'habitais à … »: the place is not where the person lives. */
  asIf?: boolean;
  /** Named instead of an answer (« et si j'habitais à Crest ? » at a question): the flow started again for it. */
  placeChanged?: boolean;
  /** « je ne sais pas » at the commune question: the département was asked. */
  askedDepartement?: boolean;
  /** A fact said after an answer (« je suis au RSA »): the same place and choices, answered again with it. */
  again?: boolean;
  /** The look-alike communes offered (INSEE codes), while « Laquelle de ces communes ? » waits. */
  lookAlikes?: string[];
}

/** « oui », « ok », « merci » at the commune question: no commune mistyped, the question was not taken as one. */
function saysNoPlace(text: string): boolean {
  return text.trim().split(/\s+/).length <= 3 && (findYesNo(text).length > 0 || findSignals(text).has('thanks'));
}

export class EligibilityDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(ELIGIBILITY_DIALOG);
    const { t } = deps;
    // « où je peux aller ? » at « Dans quelle commune ? » or « Dans quel département ? », Florac given there: the answer.
    const givenMeanwhile = (result: unknown): WhereAnswer | undefined => {
      const insee = isComeBack(result) ? result.commune : undefined;
      const commune = insee ? deps.services.placeSearch.communes.getByInsee(insee) : undefined;
      return commune ? { where: { commune }, situations: [], recalled: true } : undefined;
    };
    this.addDialog(
      asking(
        'commune',
        answeringAsides(
          'eligibility',
          new ParsedTextPrompt<WhereAnswer>(
            COMMUNE_PROMPT,
            t,
            (text) => {
              const facts = factsIn(text);
              // « je vois l'assistante sociale » is no commune with a typo: only one named exactly goes with it.
              const where = this.whereIn(text, !facts.situations.includes('social_worker'));
              // « je suis au chômage » with no commune: noted, and the commune asked again (askDepartement).
              return where || facts.situations.length > 0 || facts.age !== undefined
                ? { value: { ...(where ? { where } : {}), ...facts } }
                : { retry: t(saysNoPlace(text) ? 'eligibility:commune_again' : 'eligibility:unknown_commune') };
            },
            undefined,
            givenMeanwhile,
          ),
        ),
      ),
    );
    this.addDialog(
      asking(
        'commune',
        answeringAsides(
          'eligibility',
          new ParsedTextPrompt<WhereAnswer>(
            DEPARTEMENT_PROMPT,
            t,
            (text) => {
              const departement = findDepartement(text, this.served());
              if (departement) return { value: { where: { departement: departement.code }, ...factsIn(text) } };
              if (saysSocialWorker(text)) return { value: factsIn(text) };
              if (findSignals(text).has('dontKnow')) return { value: { where: { dontKnow: true }, situations: [] } };
              // « Crest », « 26400 »: the commune says the département.
              const where = this.whereIn(text, true);
              if (where) return { value: { where, ...factsIn(text) } };
              return { retry: t('eligibility:ask_departement_again') };
            },
            DEPARTEMENT_ATTEMPTS,
            givenMeanwhile,
          ),
        ),
      ),
    );
    // « je vois l'assistante sociale » answers any question of the programme: the questions end there.
    // « et si j'habitais à Crest ? », « Mende » at « Avez-vous besoin d'aide… ? »: the questions of that place instead.
    // « c'est qui qui décide ? », « c'est obligatoire ? » at any of them: answered, and the question again (sideQuestions.ts).
    this.addDialog(
      answeringAsides(
        'eligibility',
        new NumberedChoicePrompt(ANSWER_PROMPT, t, async (prompt) => {
          const text = prompt.context.activity.text ?? '';
          if (prompt.recognized.succeeded || saysSocialWorker(text)) return true;
          const question = (prompt.options.validations as AnswerValidations | undefined)?.question;
          // « jai pas de travailleur social », « je connais pas d'assistante sociale » at « Êtes-vous suivi… ? »: its « Non ».
          const no =
            question === FOLLOWED_QUESTION && deniesSituation(text, 'social_worker')
              ? noChoice(prompt.options.choices ?? [], t)
              : undefined;
          if (no) {
            prompt.recognized.value = no;
            return true;
          }
          // « je sais pas » said whole: read here, not as the choice's synonyms, of which « plus » or « pas » alone was a part
          // (« PLUS » after « Écrivez PLUS » answered « Un peu »).
          const unsure = findSignals(text).has('dontKnow') ? dontKnowChoice(prompt.options.choices ?? [], t) : undefined;
          if (unsure) {
            prompt.recognized.value = unsure;
            return true;
          }
          const asked = situationsAskedAbout(text).find((s) => t(`eligibility:explain.${s}`, { defaultValue: '' }));
          if (asked) {
            prompt.recognized.value = { index: EXPLAINED, value: asked, score: 1 };
            return true;
          }
          // « 70 », « 45ans », « 1949 » at « Avez-vous 18 ans ou plus ? »: the age answers it (« 70 » was the Haute-Saône).
          const age = question === ADULT_QUESTION ? ageAnswer(text, this.deps.clock.now()) : undefined;
          if (age !== undefined) {
            prompt.recognized.value = { index: AGED, value: String(age), score: 1 };
            return true;
          }
          // A number alone that is no option (« 70 » at « Avez-vous besoin d'aide… ? ») is no département: asked again.
          if (NUMBER_ONLY.test(text.trim())) return false;
          if (this.whereIn(text, false)) {
            prompt.recognized.value = { index: ANOTHER_PLACE, value: text, score: 1 };
            return true;
          }
          // « je suis retraitée », « j'ai 70 ans »: no choice, but a fact this question or a later one may need.
          const facts = factsIn(text);
          if (facts.situations.length === 0 && facts.age === undefined) return false;
          prompt.recognized.value = { index: NOTED, value: text, score: 1 };
          return true;
        }),
      ),
    );
    this.addDialog(new NumberedChoicePrompt(WHICH_COMMUNE_PROMPT, t));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.askCommune.bind(this),
        this.askDepartement.bind(this),
        this.askWhichCommune.bind(this),
        this.startQuestions.bind(this),
        this.answer.bind(this),
      ]),
    );
    this.addDialog(new WaterfallDialog(QUESTIONS, [this.ask.bind(this), this.next.bind(this)]));
    this.addDialog(new WaterfallDialog(DEPARTEMENT_FLOW, [this.promptDepartement.bind(this), this.readDepartement.bind(this)]));
    this.initialDialogId = FLOW;
  }

  /**
   * The commune named: in a sentence, exactly and in the served départements;
   * as the answer to the question, typos forgiven, or anywhere in France
   * (to say "not here").
   */
  private communesIn(text: string, asAnswer: boolean): Commune[] {
    const { communes, communeSearch } = this.deps.services.placeSearch;
    const served = this.deps.programmes.map((p) => p.departement.code);
    return asAnswer ? communesForAnswer(communes, communeSearch, text, served) : communesInSentence(communes, text, served);
  }

  private served() {
    return this.deps.programmes.map((p) => p.departement);
  }

  /**
   * Where an answer (or the opening sentence) says the person lives: a
   * commune named exactly, else a département, else « je ne sais pas »,
   * else (answers only) a commune with a typo.
   */
  private whereIn(text: string, asAnswer: boolean): Where | undefined {
    const { communes } = this.deps.services.placeSearch;
    const exact = communesInSentence(
      communes,
      text,
      this.served().map((d) => d.code),
    )[0];
    if (exact) return { commune: exact };
    const departement = findDepartement(text, this.served());
    if (departement) return { departement: departement.code };
    if (!asAnswer) return undefined;
    if (findSignals(text).has('dontKnow')) return { dontKnow: true };
    const found = this.communesIn(text, true);
    // « saint jean »: Saint-Jean-en-Royans (Drôme) or Saint-Jean-la-Fouillouse (Lozère) are two programmes: asked, never guessed.
    if (new Set(found.map((c) => c.departement)).size > 1) return { lookAlikes: found.slice(0, MAX_LOOK_ALIKES) };
    return found[0] ? { commune: found[0] } : undefined;
  }

  private programme(id: string): Programme {
    return this.deps.programmes.find((p) => p.id === id)!;
  }

  /** Where the person lives, for what follows: not a place asked « as if », nor over what their carnet says. */
  private async rememberProgramme(step: WaterfallStepContext, programme: Programme): Promise<void> {
    if ((step.values as FlowValues).asIf || (await this.provedWhoTheyAre(step))) return;
    await rememberProgramme(step.context, this.deps, programme);
  }

  /** The programme the person's words (or carnet) made known before: never the only one served, which nobody said. */
  private async programmeSaid(context: TurnContext): Promise<Programme | undefined> {
    const { programmeId } = await this.deps.state.userProfile.get(context, {});
    return this.deps.programmes.find((p) => p.id === programmeId);
  }

  private programmeOfWhere(where: { commune: Commune } | { departement: string }): Programme | undefined {
    const { services, programmes } = this.deps;
    return 'commune' in where
      ? services.placeSearch.programmeOf(where.commune, programmes)
      : programmes.find((p) => p.departement.code === where.departement);
  }

  /**
   * The person named the social worker who follows them: that person can
   * give them a carnet (or say where to ask); if they cannot reach them, a
   * place that gives carnets near them and the helpline, with phones.
   */
  private async sendSocialWorker(step: WaterfallStepContext, programme: Programme | undefined, commune?: Commune): Promise<void> {
    const { t } = this.deps;
    const contacts = await contactsFor(step.context, this.deps, { ...(programme ? { programme } : {}), ...(commune ? { commune } : {}) });
    const lines = [
      t('eligibility:social_worker', {
        book: programme?.voucherBook.word ?? t('common.book_word'),
        name: programme?.name ?? t('eligibility:pass_name'),
      }),
      t('eligibility:social_worker_fallback'),
      ...contactLines(contacts, t, programme, this.deps.clock.now()),
    ];
    await sendReply(step.context, lines.join('\n'), t);
  }

  private async askCommune(step: WaterfallStepContext<EligibilityOptions>): Promise<DialogTurnResult> {
    const said = step.options?.utterance;
    let where: Where | undefined = said ? this.whereIn(said, false) : undefined;
    const facts = factsIn(said ?? '');
    if (step.options?.socialWorker && !facts.situations.includes('social_worker')) facts.situations.push('social_worker');
    // What was told before another place was named stays told.
    const known = step.options?.known ?? {};
    const values = step.values as FlowValues;
    values.situations = [...new Set([...(known.situations ?? []), ...facts.situations])];
    const age = facts.age ?? known.age;
    if (age !== undefined) values.age = age;
    if (known.answered) values.answered = known.answered;
    values.asIf = saysHypotheticalHome(said);
    values.placeChanged = step.options?.known !== undefined && !step.options.noted && !step.options.again;
    // « je suis au RSA » right after an answer: that answer again, with this fact, for the same place and choices.
    const last = !where && !step.options?.known && statesFacts(facts) ? await lastEligibility(step.context, this.deps) : undefined;
    if (last) {
      where = last.where;
      Object.assign(values, { answered: last.answered, again: true, asIf: last.asIf === true });
    }
    // The commune the person gave before (at the places, at the about flow's département question): not asked again, said so;
    // but a new « suis-je éligible ? » after the answer for it is for another commune.
    const asked = !where && !values.asIf && !step.options?.known && !step.options?.again;
    const given = asked ? await communeGiven(step.context, this.deps, 'eligibility') : undefined;
    if (given) return step.next({ where: { commune: given }, ...facts, recalled: true } satisfies WhereAnswer);
    if (where || values.situations.includes('social_worker'))
      return step.next({ ...(where ? { where } : {}), ...facts } satisfies WhereAnswer);
    const question = step.options?.again
      ? 'find_place.ask_commune_again'
      : step.options?.noted
        ? 'eligibility:ask_commune_noted'
        : 'eligibility:ask_commune';
    return step.prompt(COMMUNE_PROMPT, { prompt: this.deps.t(question) });
  }

  /** Look-alike communes in different départements (« saint jean »): which one, as a numbered list (the answer depends on it). */
  private async askWhichCommune(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as WhereAnswer | undefined;
    const where = answer?.where;
    if (!answer || !where || !('lookAlikes' in where)) return step.next(answer);
    this.noteFacts(step, answer);
    (step.values as FlowValues).lookAlikes = where.lookAlikes.map((c) => c.insee);
    const { t } = this.deps;
    return step.prompt(WHICH_COMMUNE_PROMPT, whichCommuneQuestion(where.lookAlikes, t));
  }

  /** The look-alike chosen, as where the person lives; undefined for « Aucune de celles-ci ». */
  private chosenLookAlike(step: WaterfallStepContext): WhereAnswer | undefined {
    const values = step.values as FlowValues;
    const insee = values.lookAlikes?.[(step.result as FoundChoice).index];
    values.lookAlikes = undefined;
    const commune = insee ? this.deps.services.placeSearch.communes.getByInsee(insee) : undefined;
    return commune ? { where: { commune }, situations: [] } : undefined;
  }

  /** « je ne sais pas » where they live: the département, then. */
  private async askDepartement(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as WhereAnswer | undefined;
    if (answer) this.noteFacts(step, answer);
    const values = step.values as FlowValues;
    // A fact and no commune (« je suis au chômage »): kept, and the commune asked again.
    if (answer && !answer.where && !answer.situations.includes('social_worker')) {
      const known: KnownFacts = {
        situations: values.situations ?? [],
        ...(values.age !== undefined ? { age: values.age } : {}),
        ...(values.answered ? { answered: values.answered } : {}),
      };
      return step.replaceDialog(FLOW, { known, noted: true } satisfies EligibilityOptions);
    }
    if (!answer?.where || !('dontKnow' in answer.where) || answer.situations.includes('social_worker')) return step.next(answer);
    // « je sais pas » the commune, the département said before (« lozere » at the about flow): that one, not asked again.
    const said = await this.programmeSaid(step.context);
    if (said) return step.next({ ...answer, where: { departement: said.departement.code }, recalled: true } satisfies WhereAnswer);
    values.askedDepartement = true;
    return step.beginDialog(DEPARTEMENT_FLOW, { dontKnows: 0 } satisfies DepartementOptions);
  }

  /**
   * « Dans quel département ? », asked again after a « je sais pas » with
   * help: where to find it (the postal code on a letter; the commune will
   * do) and a person to call, once; then only that we wait for it. It stays
   * open, so that « drome » said later is read here; « menu » leaves it.
   */
  private async promptDepartement(step: WaterfallStepContext<DepartementOptions>): Promise<DialogTurnResult> {
    const { dontKnows } = step.options;
    const key = dontKnows === 0 ? 'ask_departement' : dontKnows === 1 ? 'departement_write' : 'departement_when_known';
    return step.prompt(DEPARTEMENT_PROMPT, { prompt: this.deps.t(`eligibility:${key}`) });
  }

  private async readDepartement(step: WaterfallStepContext<DepartementOptions>): Promise<DialogTurnResult> {
    const answer = step.result as WhereAnswer | undefined;
    if (!answer?.where || !('dontKnow' in answer.where)) return step.endDialog(answer);
    const dontKnows = step.options.dontKnows + 1;
    if (dontKnows === 1) {
      const { t } = this.deps;
      const contacts = await contactsFor(step.context, this.deps);
      const lines = [
        t('eligibility:departement_how_to_find'),
        t('eligibility:departement_someone'),
        ...contactLines(contacts, t, undefined, this.deps.clock.now()),
      ];
      await sendReply(step.context, lines.join('\n'), t);
    }
    return step.replaceDialog(DEPARTEMENT_FLOW, { dontKnows } satisfies DepartementOptions);
  }

  /** What the person said of themselves on the way (situations, age), kept for the questions. */
  private noteFacts(step: WaterfallStepContext, answer: WhereAnswer): void {
    const values = step.values as FlowValues;
    values.situations = [...new Set([...(values.situations ?? []), ...answer.situations])];
    if (answer.age !== undefined) values.age = answer.age;
  }

  private async startQuestions(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as FlowValues;
    const asked = values.lookAlikes !== undefined;
    const answer = asked ? this.chosenLookAlike(step) : (step.result as WhereAnswer | undefined);
    if (asked && !answer) {
      // « Aucune de celles-ci »: the commune again, what was told kept.
      const known: KnownFacts = {
        ...(values.situations?.length ? { situations: values.situations } : {}),
        ...(values.age !== undefined ? { age: values.age } : {}),
        ...(values.answered ? { answered: values.answered } : {}),
      };
      return step.replaceDialog(FLOW, { known, again: true } satisfies EligibilityOptions);
    }
    const { t } = this.deps;
    if (!answer) {
      // The département question too went unanswered: a person will find out with them.
      const askedDepartement = (step.values as FlowValues).askedDepartement === true;
      await sendReply(step.context, t(askedDepartement ? 'eligibility:ask_someone' : 'find_place.give_up'), t);
      await sendPersonalContacts(step.context, this.deps);
      return step.endDialog();
    }
    this.noteFacts(step, answer);
    // Look-alikes were asked about at the step before: none are left here.
    const where = answer.where && !('lookAlikes' in answer.where) ? answer.where : undefined;
    if ((step.values as FlowValues).situations?.includes('social_worker')) {
      const commune = where && 'commune' in where ? where.commune : undefined;
      const said = where && !('dontKnow' in where) ? this.programmeOfWhere(where) : undefined;
      if (said) await this.rememberProgramme(step, said);
      await this.sendSocialWorker(step, said ?? (await knownProgramme(step.context, this.deps)), commune);
      return step.endDialog();
    }
    if (!where || 'dontKnow' in where) {
      await sendReply(step.context, t('eligibility:ask_someone'), t);
      await sendPersonalContacts(step.context, this.deps);
      return step.endDialog();
    }
    const programme = this.programmeOfWhere(where);
    if (!programme) {
      // « Privas » given before (at the pass's département question): which place is meant is said, so another can be given.
      const recalled = answer.recalled && 'commune' in where ? [communeRecalledLine(where.commune, t)] : [];
      await sendReply(step.context, [...recalled, t('eligibility:not_served', { map: t('eligibility:national_map') })].join('\n'), t);
      return step.endDialog(NOT_SERVED);
    }
    Object.assign(values, { programmeId: programme.id, ...('commune' in where ? { commune: where.commune } : {}) });
    await this.rememberProgramme(step, programme);
    // Kept as where the person lives; the eligibility counts as answered for it only once answered (answer), so that
    // a flow left at a question (« menu ») and asked again does not ask the commune twice.
    if ('commune' in where && !values.asIf) await rememberCommuneGiven(step.context, this.deps, where.commune);
    const lines: string[] = [];
    // Taken from what was said before: which place, so that the person can give another (« mende » at the first question).
    if (answer.recalled) {
      lines.push(
        'commune' in where
          ? communeRecalledLine(where.commune, t)
          : t('eligibility:departement_recalled', { departement: programme.departement.name }),
      );
    }
    // « et si j'habitais à Crest ? »: the answer is said to be that place's, under its own programme.
    if (values.again) lines.push(t('eligibility:noted_again'));
    if (values.asIf || values.placeChanged || values.again) {
      const departement = programme.departement.name;
      lines.push(
        'commune' in where
          ? t('eligibility:for_commune', { commune: where.commune.name, departement })
          : t('eligibility:for_departement', { departement }),
      );
    }
    // « je suis agriculteur dans la drome »: the Drôme names farmers as welcome, and the person hears it.
    const welcome = (values.situations ?? []).filter((s) => programme.welcomes.includes(s));
    lines.push(...welcome.map((s) => t(`eligibility:welcome.${s}`, { name: programme.name })));
    return step.beginDialog(QUESTIONS, {
      programmeId: programme.id,
      index: 0,
      ...(lines.length > 0 ? { heading: lines.join('\n') } : {}),
      age: values.age,
      ...(values.situations?.length ? { situations: values.situations } : {}),
      ...(values.answered ? { answered: values.answered } : {}),
    } satisfies QuestionOptions);
  }

  private async provedWhoTheyAre(step: WaterfallStepContext): Promise<boolean> {
    const data = await this.deps.state.conversationData.get(step.context, {});
    return verifiedBeneficiary(data, senderOf(step.context.activity), this.deps.clock.now()) !== undefined;
  }

  private async ask(step: WaterfallStepContext<QuestionOptions>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const programme = this.programme(step.options.programmeId);
    const question = programme.eligibility.questions[step.options.index];
    // « j'ai 68 ans » said before: « Avez-vous 18 ans ou plus ? » is answered already.
    if (question.id === ADULT_QUESTION && step.options.age !== undefined) {
      const adult = step.options.age >= programme.minimumAge.value;
      const index = question.choices.findIndex((c) => c.label === (adult ? 'answers.yes' : 'answers.no'));
      if (index >= 0) return step.next({ index, value: question.choices[index].label, score: 1 } satisfies FoundChoice);
    }
    // « je suis au chômage » said before: « Avez-vous 18 ans ou plus ? » is answered (the preset says which situations answer what).
    const situations = step.options.situations ?? [];
    const impliedIndex = question.choices.findIndex((c) => c.impliedBy?.value.some((s) => situations.includes(s)));
    if (impliedIndex >= 0)
      return step.next({ index: impliedIndex, value: question.choices[impliedIndex].label, score: 1 } satisfies FoundChoice);
    // Answered before another place was named (« et si j'habitais à Crest ? »), or before the fact said since: not asked again.
    const known = step.options.answered?.[question.id];
    const knownIndex = known ? question.choices.findIndex((c) => c.label === known) : -1;
    if (knownIndex >= 0) return step.next({ index: knownIndex, value: question.choices[knownIndex].label, score: 1 } satisfies FoundChoice);
    const text = t(`eligibility:${question.text}`);
    const asked = step.options.explained
      ? `${t(`eligibility:explain.${step.options.explained}`)}\n${text}`
      : step.options.noted
        ? `${t('eligibility:noted')} ${text}`
        : text;
    (step.values as { asked?: boolean }).asked = true;
    return step.prompt(ANSWER_PROMPT, {
      prompt: step.options.heading ? `${step.options.heading}\n${asked}` : asked,
      retryPrompt: `${t('common.didnt_understand')} ${text}`,
      choices: question.choices.map((c) => t(`eligibility:${c.label}`)),
      validations: { question: question.id } satisfies AnswerValidations,
    });
  }

  private async next(step: WaterfallStepContext<QuestionOptions>): Promise<DialogTurnResult> {
    const { programmeId, index } = step.options;
    const text = step.context.activity.text ?? '';
    // « oui, je vois l'assistante sociale », or the social worker alone (the prompt's validator let it through).
    if (saysSocialWorker(text)) return step.endDialog('social_worker' satisfies QuestionsResult);
    // What the answer says of the person on the way (« oui, je suis au RSA ») answers the questions it can.
    const facts = factsIn(text);
    const situations = [...new Set([...(step.options.situations ?? []), ...facts.situations])];
    const found = step.result as FoundChoice;
    const age = found.index === AGED ? Number(found.value) : (facts.age ?? step.options.age);
    if (found.index === ANOTHER_PLACE) {
      return step.endDialog({
        elsewhere: found.value,
        known: {
          ...(step.options.answered ? { answered: step.options.answered } : {}),
          ...(age !== undefined ? { age } : {}),
          ...(situations.length ? { situations } : {}),
        },
      } satisfies Elsewhere);
    }
    // A question answered by what was said before (no prompt): the heading goes on to the first one asked.
    const heading = (step.values as { asked?: boolean }).asked ? undefined : step.options.heading;
    const base = { programmeId, age, ...(situations.length ? { situations } : {}), ...(heading ? { heading } : {}) };
    if (found.index === EXPLAINED)
      return step.replaceDialog(QUESTIONS, {
        ...base,
        index,
        answered: step.options.answered,
        explained: found.value,
      } satisfies QuestionOptions);
    // The age typed: the question is asked again, and answered by it (ask).
    if (found.index === NOTED || found.index === AGED)
      return step.replaceDialog(QUESTIONS, { ...base, index, answered: step.options.answered, noted: true } satisfies QuestionOptions);
    const questions = this.programme(programmeId).eligibility.questions;
    const choice = questions[index].choices[found.index];
    const answered = { ...step.options.answered, [questions[index].id]: choice.label };
    const unsaid = heading ? { heading } : {};
    if (choice.then !== 'next') return step.endDialog({ outcome: choice.then, answered, ...unsaid } satisfies QuestionsResult);
    if (index + 1 >= questions.length) return step.endDialog({ outcome: 'likely', answered, ...unsaid } satisfies QuestionsResult);
    return step.replaceDialog(QUESTIONS, { ...base, index: index + 1, answered } satisfies QuestionOptions);
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (isElsewhere(step.result)) {
      // The same questions for the place named, with what the person already told.
      const { situations } = step.values as FlowValues;
      const known: KnownFacts = { ...step.result.known, ...(situations?.length ? { situations } : {}) };
      return step.replaceDialog(FLOW, { utterance: step.result.elsewhere, known } satisfies EligibilityOptions);
    }
    const result = step.result as QuestionsResult;
    const { commune, programmeId } = step.values as FlowValues;
    const programme = this.programme(programmeId!);
    if (result === 'social_worker') {
      await this.sendSocialWorker(step, programme, commune);
      return step.endDialog();
    }
    const { outcome, answered, heading } = result;
    const { asIf } = step.values as FlowValues;
    if (commune && !asIf) await rememberCommuneGiven(step.context, this.deps, commune, 'eligibility');
    await rememberEligibility(step.context, this.deps, {
      where: commune ? { commune } : { departement: programme.departement.code },
      answered,
      ...(asIf ? { asIf } : {}),
    });
    const { t, services } = this.deps;
    // An age limit the département has not published is policy, not a fact to state.
    const youngAssumed = outcome === 'too_young' && programme.minimumAge.assumed;
    // « jai pas de travailleur social »: whom to ask without one, instead of « une personne pourra vous dire », before those places.
    const noSocialWorker = outcome === 'ask_prescriber' && deniesSituation(step.context.activity.text ?? '', 'social_worker');
    const outcomeKey = noSocialWorker ? 'no_social_worker' : `outcomes.${youngAssumed ? 'too_young_assumed' : outcome}`;
    const lines = [
      ...(heading ? [heading] : []),
      t(`eligibility:${outcomeKey}`, { name: programme.name, book: programme.voucherBook.word }),
    ];
    if (outcome !== 'too_young' || youngAssumed) {
      if (outcome !== 'not_needed' && !youngAssumed) {
        lines.push(
          t('eligibility:decision', {
            book: programme.voucherBook.word,
            prescribers: joinWithAnd(programme.prescribedBy.map(lowerFirst), t),
          }),
        );
      }
      const origin = commune && communePosition(commune);
      const nearby = origin ? await services.placeSearch.nearestPlaces(programme.id, 'prescribing', origin) : [];
      const now = this.deps.clock.now();
      if (nearby.length > 0) {
        lines.push(t('eligibility:where_to_ask', { count: nearby.length }));
        nearby.forEach((found) => lines.push(placeLine(found, t, now)));
        await rememberNamedPlaces(
          step.context,
          this.deps,
          nearby.map(({ place }) => place),
        );
        if (needsPhoneContact(nearby.map(({ place }) => place))) {
          lines.push(await phoneContactText(step.context, this.deps, { programme, ...(commune ? { commune } : {}) }));
        }
      } else {
        // The département only: one of its places that give carnets, with its phone, and how to find the nearest.
        const example = await services.humanContacts.prescriberFor(programme, commune);
        if (example) lines.push(t('eligibility:where_to_ask_example'), contactLine({ kind: 'prescriber', ...example }, t, programme, now));
        if (example) await rememberNamedPlaces(step.context, this.deps, [example.place]);
        if (!commune) lines.push(t('eligibility:where_to_ask_find_place'));
      }
    }
    await sendReply(step.context, lines.join('\n'), t);
    return step.endDialog();
  }
}

/** The situations and the age a message states. */
function factsIn(text: string): { situations: Situation[]; age?: number } {
  const age = ageIn(text);
  return { situations: findSituations(text), ...(age !== undefined ? { age } : {}) };
}

function statesFacts(facts: { situations: Situation[]; age?: number }): boolean {
  return facts.situations.length > 0 || facts.age !== undefined;
}

/** The question's « Non ». */
function noChoice(choices: readonly (string | Choice)[], t: Translate): FoundChoice | undefined {
  const values = choices.map((c) => (typeof c === 'string' ? c : c.value));
  const index = values.indexOf(t('eligibility:answers.no'));
  return index >= 0 ? { index, value: values[index], score: 1 } : undefined;
}

/**
 * « jsp », « je sais pas »: the question's « Je ne sais pas » when it offers
 * one; else, at a yes / a little / no question, « Un peu » (someone unsure
 * whether they need help with a computer needs a little), never a
 * « je n'ai pas compris ».
 */
function dontKnowChoice(choices: readonly (string | Choice)[], t: Translate): FoundChoice | undefined {
  const values = choices.map((c) => (typeof c === 'string' ? c : c.value));
  for (const meaning of ['answers.dont_know', 'answers.a_little']) {
    const index = values.indexOf(t(`eligibility:${meaning}`));
    if (index >= 0) return { index, value: values[index], score: 1 };
  }
  return undefined;
}
