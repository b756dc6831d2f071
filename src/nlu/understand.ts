/**
 * One understanding step for every message: `understand(text, context)`
 * returns the intent AND every entity the sentence holds, so that a dialog
 * fills its slots from wherever they were said and only asks what is missing.
 * Pure and synchronous: no I/O once the shared models are loaded (the
 * warm-up loads them), "now" and the programmes come in the context.
 *
 * How a dialog uses it (one call per turn, at any prompt):
 *
 *   const u = understand(step.context.activity.text, {
 *     now: clock.now(), programmes: deps.programmes, programmeId,   // the person's, when known
 *     expecting: 'commune', choices: offeredChoices,                // what the pending question asks
 *     proposedDay, bookableUntil,                                   // for « un autre jour », the horizon
 *   });
 *   // 1. the answer to the pending question, if it is there:
 *   //    u.entities.option (a choice of the list), u.entities.commune, .when, .theme, .birthDate…
 *   // 2. else a new request: u.newRequest (an intent worth switching flow for; answer it, then ask again);
 *   // 3. else u.entities.dontKnow / noVoucherBook / goodbye → their own path; anything else: re-prompt.
 *   // Slots: take every entity present (« rdv à Florac jeudi aprem » fills place AND moment).
 *
 * A command (« menu », « annuler », « trouver un lieu ») never counts as
 * an answer: no yes/no is read from it, and u.command names it.
 */
import type { Choice } from 'botbuilder-dialogs';
import type { Commune, CommuneIndex } from '../domain/communes';
import type { CommuneSearch } from '../domain/communeSearch';
import type { Theme } from '../domain/programme';
import { communes as sharedCommunes } from '../data/communes';
import { communeSearch as sharedCommuneSearch } from '../data/communeSearch';
import { parseBirthDate, withoutBirthDate } from './birthDate';
import {
  attemptedVoucherBookNumber,
  findVoucherBookNumber,
  type VoucherBookMistake,
  withoutVoucherBookNumber,
} from './voucherBookNumberEntity';
import { voucherBookPrefix } from '../domain/programmeRules';
import { findCatalogueTheme, type ThemeEntity } from './catalogueTheme';
import { recognizeChoice } from './choiceRecognizer';
import { type GlobalCommand, matchCommand } from './commands';
import { communesForAnswer, communesInSentence, saysNearMe } from './communeEntity';
import {
  asksWhatThePassIs,
  asksWhyHourCounted,
  findSignals,
  saysHypotheticalHome,
  saysNotAtHand,
  saysNumberUnknown,
  withoutNumberUnknownClause,
} from './conversationSignals';
import { type DepartementEntity, findDepartement } from './departementEntity';
import { type Intent, type IntentRecognizer, type IntentScore, trainedIntentRecognizer } from './intentModel';
import { normalize } from './normalize';
import { findPhoneNumbers } from './phoneEntity';
import { deniesAnySituation, findSituations, type Situation } from './situationEntity';
import { findNumbers, findYesNo } from './smallEntities';
import { themeInSentence, type ThemeMatch } from './themeEntity';
import { impossibleDateIn, readWhen, type WhenEntity } from './whenEntity';
import { inOwnWords, speaksForSomeoneElse } from './speakingFor';

export type { DepartementEntity, Situation, ThemeEntity, WhenEntity };

/** Europe/Paris: the programmes' time zone, where « demain 10h » is read. */
export const PROGRAMME_ZONE = 'Europe/Paris';

/** What the pending question asks for: its kind of answer is read first (a typo-tolerant commune, a birth date). */
export type Expectation = 'commune' | 'birthDate' | 'voucherBookNumber' | 'when' | 'theme' | 'yesNo' | 'choice' | 'phone';

/** The part of a programme understanding needs: where it is served, what it teaches. */
export interface ProgrammeScope {
  id: string;
  departement: { code: string; name: string };
  content: { themes: readonly Theme[] };
}

export interface LanguageModels {
  intents: IntentRecognizer;
  communes: CommuneIndex;
  communeSearch: CommuneSearch;
}

export interface UnderstandContext {
  /** The clock's now: « demain », « le 15 », « hier matin » are read from it. */
  now: Date;
  /** Time zone of the programme (default Europe/Paris). */
  zone?: string;
  /** The served programmes: their départements come first for communes, their catalogues give themes. */
  programmes: readonly ProgrammeScope[];
  /** The person's programme, when known: themes come from its catalogue only. */
  programmeId?: string;
  expecting?: Expectation;
  /** Options the pending question offered: `entities.option` is the one picked (by number, label or part of it). */
  choices?: readonly (string | Choice)[];
  /** The day last proposed (ISO date or instant): « un autre jour » means a day other than it. */
  proposedDay?: string;
  /** The one day of the sessions listed (ISO date): a time alone is that day's. */
  listedDay?: string;
  /** Sessions can be booked until this instant (ISO): a moment after it is flagged `beyondHorizon`. */
  bookableUntil?: string;
  /** The trained models (default: the process's shared ones). */
  models?: LanguageModels;
}

export interface CommuneEntity {
  /** Official name of the commune meant (the most populated one when several match). */
  name: string;
  insee: string;
  departement: string;
  postalCodes: string[];
  /** Said as « près de X », « vers X »…: places near X are wanted, not only in it. */
  near: boolean;
  /** Every commune that matched, best first (a postal code often serves several). */
  candidates: { insee: string; name: string; departement: string }[];
}

export interface Entities {
  commune?: CommuneEntity;
  /** « près de chez moi », « autour de moi »: no commune; ask it, or use the page's position. */
  nearMe?: true;
  departement?: DepartementEntity;
  when?: WhenEntity;
  /** « le 30 février », « le 32/12 »: a day of no calendar (no `when` then, not even the time said beside it). */
  impossibleDate?: { day: number; month: number };
  /** A theme of the person's programme's catalogue (of the served ones while it is unknown). */
  theme?: ThemeEntity & { programmeId: string };
  /** The subject in the national places vocabulary, to filter places (« un lieu pour mes impôts »). */
  placeService?: ThemeMatch;
  voucherBookNumber?: string;
  /** A served programme's carnet number typed wrong (« LOZ-MEND-E4 »): what is wrong with it (its words are no commune). */
  voucherBookMistake?: VoucherBookMistake;
  /** YYYY-MM-DD. */
  birthDate?: string;
  /** E.164. */
  phone?: string;
  yesNo?: boolean;
  /** The option picked among `context.choices` (0-based). */
  option?: { index: number; score: number };
  /** Digits or number words (« 2 », « le deuxième »), when no option list was given or none matched. */
  number?: number;
  situations?: Situation[];
  /** « jai pas de travailleur social »: a situation said not to be the person's (an answer at the eligibility's questions). */
  situationDenied?: true;
  dontKnow?: true;
  noVoucherBook?: true;
  /** At the carnet question: « pas sous la main », « il est à la ferme » (a carnet the person has, not here). */
  notAtHand?: true;
  goodbye?: true;
  thanks?: true;
  /** « non je préfère continuer », « on continue »: the question under way again (no yes or no is read from it). */
  carryOn?: true;
  /** « je suis la fille de Gérard », « c'est pour ma voisine »: written for someone else, whose file it is. */
  forSomeoneElse?: true;
  /** « c'est quoi un travailleur social ? »: what a word means is asked (its situation words are no situation of the person). */
  whatIs?: true;
  /** « non merci », « merci quand même »: not wanting to say (read at the questions of where one lives only: dialogs/leftUndone.ts). */
  declines?: true;
}

export interface Understanding {
  text: string;
  intent: Intent;
  /** 0…1, rounded to 3 decimals. */
  score: number;
  /** The next best intents (for « did you mean … ? »). */
  alternatives: IntentScore[];
  /** A global command typed alone (« menu », « aide », « annuler »): never an answer. */
  command?: GlobalCommand;
  /** The intent when it is a clear new request, worth leaving the pending question for. */
  newRequest?: Intent;
  /** The words beside a carnet number and a birth date, when the message holds one and more than that (the intent is theirs). */
  besidesIdentity?: string;
  entities: Entities;
}

/** Longer messages are cut: enough for any request, bounded cost for a 2,000-character paste. */
const MAX_CHARS = 300;
/** Below this score a sentence is not trusted to change what the person is doing. */
export const SWITCH_FLOW_SCORE = 0.85;
/** Sentences shorter than this are answers to the current question, not new requests. */
export const SWITCH_FLOW_MIN_WORDS = 3;
/**
 * A scam told (« on m'a demandé mon code », « arnaque ») is answered at any
 * question, even short and less sure: what to do comes before the question.
 * The model needs the scam's words for this reading (intentModel), and a
 * theme question still takes « les arnaques » as its answer.
 */
export const SCAM_SWITCH_SCORE = 0.5;
/** Intents that are no request of their own (small talk, or nothing). */
const NOT_REQUESTS = new Set<Intent>(['unknown', 'greeting', 'bye']);

let models: LanguageModels | undefined;

/** The process's models: trained and loaded on first call (the warm-up makes that call). */
export function sharedLanguageModels(): LanguageModels {
  models ??= { intents: trainedIntentRecognizer(), communes: sharedCommunes(), communeSearch: sharedCommuneSearch() };
  return models;
}

function communeEntity(found: Commune[], near: boolean): CommuneEntity | undefined {
  const first = found[0];
  if (!first) return undefined;
  return {
    name: first.name,
    insee: first.insee,
    departement: first.departement,
    postalCodes: first.postalCodes,
    near,
    candidates: found.map((c) => ({ insee: c.insee, name: c.name, departement: c.departement })),
  };
}

const NEAR_WORD = /\b(?:pres|proche|cote|loin|autour|vers|alentours|environs|proximite)\b/;

export function understand(rawText: string | undefined, context: UnderstandContext): Understanding {
  const text = (rawText ?? '').slice(0, MAX_CHARS);
  const { intents, communes, communeSearch } = context.models ?? sharedLanguageModels();
  const command = matchCommand(text);
  const served = context.programmes.map((p) => p.departement);
  const codes = served.map((d) => d.code);
  const entities: Entities = {};
  const signals = findSignals(text);
  for (const signal of signals) entities[signal] = true;
  const notAtHand = context.expecting === 'voucherBookNumber' && saysNotAtHand(text);
  if (notAtHand) entities.notAtHand = true;

  const { phones, rest: besidesPhones } = findPhoneNumbers(text);
  if (phones[0]) entities.phone = phones[0].value;
  // « LOZ-MEND-E4 », a character short: a carnet number tried, whose « MEND » is no Mende.
  const attempt = attemptedVoucherBookNumber(besidesPhones, context.programmes.map(voucherBookPrefix));
  if (attempt) entities.voucherBookMistake = attempt.mistake;
  const rest = attempt ? `${besidesPhones.slice(0, attempt.from)} ${besidesPhones.slice(attempt.to)}` : besidesPhones;

  const nearMe = saysNearMe(rest);
  if (nearMe) entities.nearMe = true;
  const expectingCommune = context.expecting === 'commune';
  const found =
    expectingCommune && !signals.has('dontKnow')
      ? communesForAnswer(communes, communeSearch, rest, codes)
      : communesInSentence(communes, rest, codes);
  const commune = communeEntity(found, NEAR_WORD.test(normalize(rest)));
  if (commune) entities.commune = commune;
  const departement = findDepartement(rest, served);
  if (departement && !commune) entities.departement = departement;

  const voucherBook = /\d|\b[A-Z]{2,4}[-\s]/.test(rest) ? findVoucherBookNumber(rest) : undefined;
  if (voucherBook?.ok) entities.voucherBookNumber = voucherBook.number;
  const birthDate = /\d/.test(rest) ? parseBirthDate(rest, context.now) : undefined;
  if (birthDate) entities.birthDate = birthDate;
  // « LOZ-MEND-E4L 12/04/1958 je voudrais un rdv a die »: the carnet and the date answer who; the other words say what is asked
  // (read with them, the model took the unknown tokens for « nothing I know » and the booking was no clear request).
  // « il veut savoir ce qui lui reste », « son rdv »: someone's request in the third person, read as they would write it.
  const besides = voucherBook?.ok || attempt || birthDate || saysNumberUnknown(text) ? requestWords(text, context) : text;
  const asked = inOwnWords(besides);
  if (speaksForSomeoneElse(text)) entities.forSomeoneElse = true;
  // « pourquoi on m'a enlevé une heure, j'étais malade »: the balance, whatever the model reads (a cancellation, for « malade »).
  // « jveux des infos sur le pass », « c est pour qui »: what the pass is, whatever the model reads (the eligibility, nothing).
  const sure = asksWhyHourCounted(text) ? ('balance' as const) : asksWhatThePassIs(text) ? ('about' as const) : undefined;
  const ranked = sure ? [{ intent: sure, score: 1 }, ...intents.classify(asked).filter((r) => r.intent !== sure)] : intents.classify(asked);
  const best = ranked[0];

  // A birth date or a carnet is no moment to book; a commune's postal code neither.
  if (!birthDate || context.expecting === 'when') {
    const impossibleDate = impossibleDateIn(rest);
    const when = impossibleDate ? undefined : readWhen(rest, context);
    if (impossibleDate) entities.impossibleDate = impossibleDate;
    if (when) entities.when = when;
  }

  const theme = themeOf(rest, context);
  if (theme) entities.theme = theme;
  const service = themeInSentence(rest);
  if (service) entities.placeService = service;

  const situations = findSituations(text);
  if (situations.length > 0) entities.situations = situations;
  else if (deniesAnySituation(text)) entities.situationDenied = true;

  if (context.choices && context.choices.length > 0) {
    const option = recognizeChoice(text, [...context.choices]);
    if (option) entities.option = option;
  }
  // A number that is part of something else (« le 5 janvier », a postal code) is not a number of its own.
  const number = findNumbers(rest).find((n) => n.value >= 0 && !entities.when?.text.includes(n.text));
  if (number && !entities.option && !commune && !birthDate && !voucherBook?.ok) entities.number = number.value;

  // « je sais pas » is not « non », nor is « non je préfère continuer »; a command or a new request is not « oui »; « pas loin de Nyons » says where, not no.
  const request =
    (!NOT_REQUESTS.has(best.intent) && best.score >= SWITCH_FLOW_SCORE && asked.trim().split(/\s+/).length >= SWITCH_FLOW_MIN_WORDS) ||
    (best.intent === 'scam' && best.score >= SCAM_SWITCH_SCORE);
  const saysMore = !!(commune || entities.when || entities.theme || entities.option || birthDate || voucherBook?.ok) || request;
  const noYesNo = signals.has('dontKnow') || signals.has('noVoucherBook') || signals.has('carryOn') || notAtHand;
  if (!command && !noYesNo && (!saysMore || startsAsYesNo(text))) {
    const yesNo = findYesNo(text)[0];
    if (yesNo) entities.yesNo = yesNo.value;
  }

  // « et si j'habitais à Crest ? »: the eligibility there, whatever the model reads (a place and « si », nothing it knows).
  const newRequest: Intent | undefined = command
    ? undefined
    : saysHypotheticalHome(text)
      ? 'eligibility'
      : request
        ? best.intent
        : undefined;
  return {
    text,
    intent: best.intent,
    score: Math.round(best.score * 1000) / 1000,
    alternatives: ranked.slice(1, 3).map((r) => ({ intent: r.intent, score: Math.round(r.score * 1000) / 1000 })),
    ...(command ? { command } : {}),
    ...(newRequest ? { newRequest } : {}),
    ...(besides !== text ? { besidesIdentity: besides.replace(/\s+/g, ' ').trim() } : {}),
    entities,
  };
}

/** The words of a message beside its carnet number, birth date and « je sais pas mon numéro »; the whole message when they are all it says. */
function requestWords(text: string, context: UnderstandContext): string {
  const prefixes = context.programmes.map(voucherBookPrefix);
  const rest = withoutNumberUnknownClause(withoutBirthDate(withoutVoucherBookNumber(text, prefixes), context.now));
  return /\p{L}{2}/u.test(rest) ? rest : text;
}

/** « oui je veux réserver »: an answer first, a request after. */
function startsAsYesNo(text: string): boolean {
  return /^(?:oui|ouais|non|ok|d accord|si)\b/.test(normalize(text));
}

/**
 * The theme in the person's programme's catalogue; while the programme is
 * unknown, the best of the served catalogues (with the programme it is from).
 */
function themeOf(text: string, context: UnderstandContext): (ThemeEntity & { programmeId: string }) | undefined {
  const own = context.programmeId ? context.programmes.filter((p) => p.id === context.programmeId) : [];
  let best: (ThemeEntity & { programmeId: string }) | undefined;
  for (const programme of own.length > 0 ? own : context.programmes) {
    const found = findCatalogueTheme(text, programme.content.themes);
    if (found && (!best || found.score > best.score)) best = { ...found, programmeId: programme.id };
  }
  return best;
}
