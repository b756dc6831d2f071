/**
 * What a short message says about the conversation itself rather than its
 * subject: « je sais pas » (cannot answer), « j'ai pas de carnet » (no
 * carnet, or lost), « au revoir » / « c'est bon merci » (leaving), « merci »
 * (thanks, which is not leaving: « ok merci » in the middle of a booking
 * goes on), « non je préfère continuer » (the question under way again,
 * after a digression: its « non » is no answer), « c'est quoi un travailleur
 * social ? » (what a word means: the words are asked about, not said of oneself). Phrases live in locales/fr/intents.json (`signals`), matched as
 * whole words of the normalised message.
 *
 * Only short messages count: in « je ne sais pas comment réserver » the
 * person asks for something, they are not answering « I don't know ».
 */
import { french } from '../i18n';
import { normalize } from './normalize';

export type Signal = 'dontKnow' | 'noVoucherBook' | 'goodbye' | 'thanks' | 'carryOn' | 'whatIs' | 'declines';
const SIGNALS: Signal[] = ['dontKnow', 'noVoucherBook', 'goodbye', 'thanks', 'carryOn', 'whatIs', 'declines'];
/** Longer messages say more than the signal (« je sais pas si je peux venir jeudi à Mende »). */
const MAX_WORDS = 7;

let phrases: Record<Signal, string[]> | undefined;
let namedNoVoucherBook: string[] | undefined;
/** « carnet », « chéquier »: the words of the person's own carnet. */
let bookWords: string[] | undefined;
/** « je ne veux pas continuer », « continuer ? non, arrêter »: no wish to go on. */
let carryOnNegations: string[] | undefined;

function signalPhrases(): Record<Signal, string[]> {
  if (!phrases) {
    const raw = french()('intents:signals', { returnObjects: true }) as Record<string, string[]>;
    phrases = Object.fromEntries(SIGNALS.map((s) => [s, (raw[s] ?? []).map(normalize)])) as Record<Signal, string[]>;
    bookWords = (raw.voucherBookWords ?? []).map(normalize);
    const words = new Set(bookWords);
    namedNoVoucherBook = phrases.noVoucherBook.filter((p) => p.split(' ').some((word) => words.has(word)));
    carryOnNegations = (raw.carryOnNegations ?? []).map(normalize);
  }
  return phrases;
}

/** The message, normalised, padded with spaces for whole-word matching; undefined when too long to be a signal. */
function padded(text: string, maxWords = MAX_WORDS): string | undefined {
  const said = normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim();
  return !said || said.split(' ').length > maxWords ? undefined : ` ${said} `;
}

/** The signals a message carries (« merci au revoir »: goodbye and thanks). */
export function findSignals(text: string): Set<Signal> {
  const found = new Set<Signal>();
  const said = padded(text);
  if (!said) return found;
  const table = signalPhrases();
  for (const signal of SIGNALS) if (table[signal].some((p) => said.includes(` ${p} `))) found.add(signal);
  if (found.has('carryOn') && (carryOnNegations ?? []).some((word) => said.includes(` ${word} `))) found.delete('carryOn');
  return found;
}

/**
 * « j'ai perdu mon carnet », « pas de chéquier »: no carnet, said with no
 * question asked. Only phrases that name the carnet count: « perdu », « je
 * l'ai pas » answer the carnet question, but alone they may mean anything
 * (« je suis perdu »).
 */
export function saysNoVoucherBook(text: string, maxWords = MAX_WORDS): boolean {
  const said = padded(text, maxWords);
  if (!said) return false;
  signalPhrases();
  return (namedNoVoucherBook ?? []).some((p) => said.includes(` ${p} `));
}

/** A list of phrases of locales/fr/intents.json, normalised, read once when first asked for. */
function phrasesAt(key: string): () => string[] {
  let phrases: string[] | undefined;
  return () => (phrases ??= (french()(key, { returnObjects: true }) as string[]).map(normalize));
}

/** Whether a message of at most `maxWords` words holds one of the phrases. */
function holdsPhrase(text: string, maxWords: number, phrases: () => string[]): boolean {
  const said = padded(text, maxWords);
  return !!said && phrases().some((phrase) => said.includes(` ${phrase} `));
}

const noHoursFollowUpPhrases = phrasesAt('conversation:no_hours_follow_up');

/** « pourquoi ? », « comment jfai alors ? »: a question about the answer just given (a carnet with no hour left). */
export function asksAboutNoHours(text: string): boolean {
  return holdsPhrase(text, Number.POSITIVE_INFINITY, noHoursFollowUpPhrases);
}

/** Longer than a signal: « non je l'ai laissé à la maison chez ma fille » still only says where the carnet is. */
const MAX_NOT_AT_HAND_WORDS = 12;
const notAtHandPhrases = phrasesAt('intents:signals.notAtHand');

/**
 * « pas sous la main », « il est à la ferme », « je l'ai pas sur moi »: a
 * carnet the person has, not here. Read at the carnet question only: alone,
 * « à la maison » may answer anything. It comes before « je l'ai pas »
 * (no carnet), which « je l'ai pas sur moi » holds.
 */
export function saysNotAtHand(text: string): boolean {
  return holdsPhrase(text, MAX_NOT_AT_HAND_WORDS, notAtHandPhrases);
}

/** An opening sentence may say much more than that the number is unknown. */
const MAX_NUMBER_UNKNOWN_WORDS = 30;
const numberUnknownPhrases = phrasesAt('intents:numberUnknown.phrases');
const onceToldPhrases = phrasesAt('intents:numberUnknown.onceTold');

/**
 * « je voudrais un rdv a florac mais je sais pas mon numero de carnet »: a
 * carnet the person has, whose number is not at hand — in any sentence,
 * the one that opened the flow too.
 */
export function saysNumberUnknown(text: string): boolean {
  return holdsPhrase(text, MAX_NUMBER_UNKNOWN_WORDS, numberUnknownPhrases);
}

/**
 * The message without its clause saying the number is not at hand: « je
 * voudrais un rdv a florac mais je sais pas mon numero » asks for a
 * booking, which the intent model no longer sees once the clause is there
 * (it reads the whole as nothing it knows). Clauses split at « mais », « et »,
 * « car », « parce que » and commas; the message itself when nothing else is left.
 */
export function withoutNumberUnknownClause(text: string): string {
  if (!saysNumberUnknown(text)) return text;
  const kept = text.split(/,|\b(?:mais|et|car|parce que|par contre)\b/i).filter((clause) => !saysNumberUnknown(clause));
  const rest = kept.join(' ').replace(/\s+/g, ' ').trim();
  return /\p{L}{2}/u.test(rest) ? rest : text;
}

/**
 * « je l'ai pas » once the person said the number was not at hand: the
 * carnet (or its number) is not here, not that they have none. « je l'ai
 * perdu », « pas de carnet » still say they have none.
 */
export function saysNotHereOnceTold(text: string): boolean {
  return holdsPhrase(text, MAX_NOT_AT_HAND_WORDS, onceToldPhrases);
}

/** « POURQUOI ON MA ENLEVE UNE HEURE J ETAIS MALADE » and a longer story still asks it. */
const MAX_HOUR_COUNTED_WORDS = 25;
const hourCountedPhrases = phrasesAt('intents:hourCounted.phrases');

/**
 * « pourquoi on m'a enlevé une heure ? », « on m'a comptée absente »: why an
 * hour went from the carnet — the balance, with the absence noted and whom
 * to call. Read before the model, which took « j'étais malade » for a
 * cancellation.
 */
export function asksWhyHourCounted(text: string | undefined): boolean {
  return holdsPhrase(text ?? '', MAX_HOUR_COUNTED_WORDS, hourCountedPhrases);
}

/** « je voudrais juste quelques infos sur ce pass numerique svp »: a question, not a story. */
const MAX_WHAT_PASS_WORDS = 12;
const whatPass = {
  asks: phrasesAt('intents:whatThePassIs.asks'),
  passWords: phrasesAt('intents:whatThePassIs.passWords'),
  alone: phrasesAt('intents:whatThePassIs.alone'),
  notWith: phrasesAt('intents:whatThePassIs.notWith'),
};

/**
 * « jveux des infos sur le pass », « c koi le pass numerique », « c est pour qui »: what the pass is and who it is for
 * (the about flow), not whether the person can have it. Never about one's own carnet (« c'est quoi mon numéro de
 * carnet ») nor with the eligibility's words (« j'y ai droit ? »).
 */
export function asksWhatThePassIs(text: string | undefined): boolean {
  const said = padded(text ?? '', MAX_WHAT_PASS_WORDS);
  if (!said) return false;
  const holds = (phrases: () => string[]) => phrases().some((phrase) => said.includes(` ${phrase} `));
  if (whatPass.alone().includes(said.trim())) return true;
  return holds(whatPass.asks) && holds(whatPass.passWords) && !holds(whatPass.notWith);
}

/** « est-ce qu'on a droit à combien d'heures avec le pass dans la Drôme ? »: a question, longer than a signal. */
const MAX_HOURS_GIVEN_WORDS = 16;
const hoursGivenPhrases = phrasesAt('intents:hoursGiven.phrases');

/**
 * « on a droit à combien d'heures dans la Drôme ? », « combien d'heures par
 * chéquier ? »: what the pass gives, presented (the about flow), not the
 * eligibility the model reads in « droit », nor one's own hours left.
 */
export function asksHoursGiven(text: string | undefined): boolean {
  return holdsPhrase(text ?? '', MAX_HOURS_GIVEN_WORDS, hoursGivenPhrases);
}

/** « bonjour je suis sourde je ne peux pas téléphoner, comment parler à quelqu'un ? »: a request, longer than a signal. */
const MAX_HUMAN_WAY_WORDS = 25;
const callBackPhrases = phrasesAt('intents:humanRequest.callBack');
const cannotPhonePhrases = phrasesAt('intents:humanRequest.cannotPhone');

/** « rappelez-moi svp au 06… »: the person asks to be called (which the assistant cannot do). */
export function asksCallBack(text: string | undefined): boolean {
  return holdsPhrase(text ?? '', MAX_HUMAN_WAY_WORDS, callBackPhrases);
}

/** « je suis sourde », « je ne peux pas téléphoner »: a phone number is no way to a person for them. */
export function cannotPhone(text: string | undefined): boolean {
  return holdsPhrase(text ?? '', MAX_HUMAN_WAY_WORDS, cannotPhonePhrases);
}

/** « et si j'habitais à Crest, j'aurais droit au pass ? »: a question longer than a signal. */
const MAX_HYPOTHETICAL_WORDS = 15;
const hypotheticalPhrases = phrasesAt('intents:hypotheticalHome.phrases');

/**
 * « et si j'habitais à Crest ? », « si je déménage dans la Drôme »: the
 * eligibility of another place, asked as if the person lived there; it is
 * no change of where they live.
 */
export function saysHypotheticalHome(text: string | undefined): boolean {
  return holdsPhrase(text ?? '', MAX_HYPOTHETICAL_WORDS, hypotheticalPhrases);
}

/**
 * Thanks and nothing more (« merci », « ok merci », « non merci bien »):
 * the words around the thanks are only yes, no or « ok ». Once a task is
 * done this is a kind close, not a request to read.
 */
export function saysOnlyThanks(text: string): boolean {
  return saysOnly(text, signalPhrases().thanks, ASIDE_THANKS);
}

/** One of `phrases` said, and around it only words of `aside`. */
function saysOnly(text: string, phrases: readonly string[], aside: ReadonlySet<string>): boolean {
  let said = padded(text);
  if (!said || !phrases.some((p) => said!.includes(` ${p} `))) return false;
  for (const phrase of [...phrases].sort((a, b) => b.length - a.length)) said = said.split(` ${phrase} `).join(' ');
  return said
    .trim()
    .split(' ')
    .every((word) => word === '' || aside.has(word));
}

/** Words around « je sais pas » that ask for nothing (« euh je sais pas trop »). */
const ASIDE_DONT_KNOW = new Set(['euh', 'ben', 'bah', 'bof', 'trop', 'vraiment', 'moi', 'non', 'ah', 'hmm', 'heu', 'bonjour', 'bjr']);

/**
 * « je sais pas », « euh chais pas trop » and nothing more: at the menu, the
 * person does not know what to ask (a short orientation helps more than the
 * menu again); at a question it is the question's (« je sais pas » a commune).
 */
export function saysOnlyDontKnow(text: string): boolean {
  return saysOnly(text, signalPhrases().dontKnow, ASIDE_DONT_KNOW);
}

const acknowledgements = phrasesAt('intents:signals.acknowledge');

/**
 * « ok », « d'accord », « très bien » alone, once an answer is given: the
 * person heard it and asks nothing more — not « je n'ai pas bien compris ».
 */
export function saysOnlyOk(text: string): boolean {
  return acknowledgements().includes(normalize(text));
}

/** Words said along with thanks that ask for nothing. */
const ASIDE_THANKS = new Set([
  'ok',
  'okay',
  'oui',
  'non',
  'd',
  'accord',
  'daccord',
  'bien',
  'beaucoup',
  'madame',
  'monsieur',
  'super',
  'parfait',
  'tres',
  'a',
  'vous',
  // « rien merci », « non merci c'est bon »: nothing more wanted, said with the thanks.
  'rien',
  'c',
  'est',
  'bon',
]);

/** An angry message is often long (« j'ai appelé trois fois, personne ne répond, je suis très en colère… »). */
const MAX_FRUSTRATION_WORDS = 40;
const frustrationPhrases = phrasesAt('intents:frustration.phrases');

/**
 * « je suis très en colère », « personne ne répond », « ras le bol »: the
 * person is upset, and is told in one kind sentence that it is heard before
 * being given whom to call.
 */
export function saysFrustration(text: string | undefined): boolean {
  return holdsPhrase(text ?? '', MAX_FRUSTRATION_WORDS, frustrationPhrases);
}

/** « bonjour je suis perdue, je comprends rien a tout ca, aidez moi svp »: a few sentences at most. */
const MAX_LOST_WORDS = 25;
const lostPhrases = phrasesAt('intents:lost.phrases');

/**
 * « je suis perdue », « je comprends rien », « aidez moi »: the person is
 * overwhelmed, not asking how the bot works; the help answer reassures and
 * gives a person to call before the how-to.
 */
export function saysLost(text: string | undefined): boolean {
  return holdsPhrase(text ?? '', MAX_LOST_WORDS, lostPhrases);
}

/** Messages longer than this ask more than where the place is. */
const MAX_PLACE_QUESTION_WORDS = 15;
const placeQuestionPhrases = phrasesAt('intents:placeQuestion.phrases');

/**
 * « c ou exactement a mende ? c est ouvert a quelle heure », « et le numero ? »: where the place is, when it opens, its
 * phone. Never the carnet's number (« je connais pas son numero », « quel numero de carnet ? »): that is the person's own.
 */
export function asksAboutPlace(text: string): boolean {
  if (!holdsPhrase(text, MAX_PLACE_QUESTION_WORDS, placeQuestionPhrases) || saysNumberUnknown(text)) return false;
  signalPhrases();
  // « le pass » is no carnet of one's own: « c'est où pour le pass ? » asks about the place.
  return !holdsPhrase(text, MAX_PLACE_QUESTION_WORDS, () => (bookWords ?? []).filter((word) => word !== 'pass'));
}

/** A question about the pass or about the question asked, never a long message (« c'est payant ? », « qui décide ? »). */
export type SideQuestion = 'cost' | 'whoDecides' | 'whyAsked' | 'mandatory';
/** In this order: « pourquoi vous demandez ça, c'est obligatoire ? » asks why first. */
const SIDE_QUESTIONS: SideQuestion[] = ['whoDecides', 'whyAsked', 'mandatory', 'cost'];
/** Longer messages say more than the side question (« c'est gratuit mais je n'ai pas d'ordinateur chez moi »). */
const MAX_SIDE_QUESTION_WORDS = 8;
const whyAlonePhrases = phrasesAt('intents:sideQuestions.whyAlone');
const sideQuestionPhrases = Object.fromEntries(SIDE_QUESTIONS.map((q) => [q, phrasesAt(`intents:sideQuestions.${q}`)])) as Record<
  SideQuestion,
  () => string[]
>;

/**
 * « c'est payant ? », « c'est qui qui décide ? », « pourquoi vous demandez
 * ça ? » (or « pourquoi ? » alone), « c'est obligatoire ? » (`sideQuestions`): asked at a question
 * instead of its answer, it is answered in a sentence and the question
 * comes back.
 */
export function sideQuestionIn(text: string): SideQuestion | undefined {
  // « pourquoi ? » alone asks why the question is asked; in a sentence, « pourquoi » may ask anything.
  if (whyAlonePhrases().includes(normalize(text).replace(/[?!.]/g, ' ').replace(/\s+/g, ' ').trim())) return 'whyAsked';
  return SIDE_QUESTIONS.find((q) => holdsPhrase(text, MAX_SIDE_QUESTION_WORDS, sideQuestionPhrases[q]));
}

/**
 * « je vis a nyons », « j'habite à Die », « suis a florac »: where one lives, and nothing more (a few words for the
 * commune's name). A part of a sentence saying only that is no wish of its own: the rest of the sentence asks.
 */
const HOME_ONLY =
  /^(?:(?:je|j|moi|nous|on) )?(?:habite|jhabite|habitons|vis|vit|vivons|suis|reside|demeure)(?: (?:a|au|aux|en|sur|dans|vers|pres de|a cote de))? \S+(?: \S+){0,3}$/;

export function tellsOnlyHome(text: string): boolean {
  return HOME_ONLY.test(normalize(text).replace(/[?!.]/g, ' ').replace(/\s+/g, ' ').trim());
}

/** Longer messages tell a story the eligibility reads (newcomerStory.ts). */
const MAX_WHERE_PASS_WORDS = 16;
const wherePassPhrases = {
  where: phrasesAt('intents:wherePass.where'),
  notWhere: phrasesAt('intents:wherePass.notWhere'),
  get: phrasesAt('intents:wherePass.get'),
  pass: phrasesAt('intents:wherePass.pass'),
  askingWhat: phrasesAt('intents:wherePass.askingWhat'),
  alone: phrasesAt('intents:wherePass.alone'),
};

/** The message, padded, holds nothing but these phrases (longest first, as whole words). */
function holdsOnly(said: string, phrases: readonly string[]): boolean {
  let rest = said;
  for (const phrase of [...phrases].sort((a, b) => b.length - a.length)) {
    while (rest.includes(` ${phrase} `)) rest = rest.replace(` ${phrase} `, ' ');
  }
  return rest.trim() === '';
}

/**
 * « et ou je peux avoir le carnet », « c'est où pour avoir le pass ? », « à qui demander un chéquier ? »: where to
 * GET a pass, which the prescribers hand out — not where to be trained. « je peux avoir le pass ou pas ? » asks
 * whether, not where; « c'est quoi le pass et où le demander ? » is the eligibility's, which explains and names them.
 * « ou demander », the bot's own « Où demander un Pass ? » typed short, says nothing else: the pass is meant
 * (it was read as the eligibility, whose questions came again right after their answer).
 */
export function asksWhereToGetPass(text: string): boolean {
  const { where, notWhere, get, pass, askingWhat, alone } = wherePassPhrases;
  const said = padded(text, MAX_WHERE_PASS_WORDS);
  if (!said) return false;
  const holds = (phrases: () => string[]) => phrases().some((phrase) => said.includes(` ${phrase} `));
  const whereSaid = ` ${said.trim().replace(new RegExp(` (${notWhere().join('|')}) `, 'g'), ' ')} `;
  if (!where().some((phrase) => whereSaid.includes(` ${phrase} `)) || !holds(get) || holds(askingWhat)) return false;
  return holds(pass) || holdsOnly(said, [...where(), ...get(), ...alone()]);
}

/** « je l'ai perdu, je sais pas ou il est passe » is still only a lost carnet. */
const MAX_LOST_CARNET_WORDS = 14;
const lostCarnetPhrases = phrasesAt('intents:lostVoucherBook.phrases');

/**
 * « je l'ai perdu », « je le retrouve plus »: a carnet the person had and
 * lost — the structure that gave it knows its number. Read at the carnet
 * question (alone, « perdu » elsewhere may be « je suis perdu »).
 */
export function saysLostVoucherBook(text: string): boolean {
  return holdsPhrase(text, MAX_LOST_CARNET_WORDS, lostCarnetPhrases);
}

const withoutPhrases = phrasesAt('intents:withoutVoucherBookQuestion.phrases');

/**
 * « je peux y aller sans carnet ? »: a question (a « ? », or a verb of
 * being able or needing), not the statement « sans carnet » that they have none.
 */
export function asksWithoutVoucherBook(text: string): boolean {
  const asked = /\?/.test(text) || /\b(?:peux|peut|puis|pourrais|possible|faut|besoin|obligatoire|oblige)\b/.test(normalize(text));
  return asked && holdsPhrase(text, MAX_LOST_CARNET_WORDS, withoutPhrases);
}
