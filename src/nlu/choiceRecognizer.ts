/**
 * Which of a list of options a message picks: by label or by synonym
 * (botbuilder's findChoices, ignoring case and accents), else by number
 * ("2", "le deuxième", "numéro 3", "2e"). Several different options named
 * at once ("1 ou 2") is no answer.
 *
 * Numbers are read here, not by botbuilder's recognizers-text number and
 * ordinal models: those compile regular expressions of hundreds of
 * kilobytes on their first calls — 2 to 4 s for the first answer holding
 * a digit, again for the second (V8 compiles a regular expression twice),
 * more for the first word number — and cost milliseconds a call after that.
 * An option number is a small integer: digits, the number words of
 * locales/fr/intents.json (`numberWords`) or a digit ordinal ("3e", "1er")
 * read the same way as botbuilder did — ordinals first, then numbers, in
 * an answer of at most three words.
 *
 * Last, a short answer whose meaningful words all belong to one option's
 * label is that option: « crest » for « Crest (26400) », « je sais pas »
 * for « Je ne sais pas » (botbuilder wants every word of the label).
 */
import { type Choice, defaultTokenizer, findChoices, type Token } from 'botbuilder-dialogs';
import { memoized } from '../domain/memo';
import { MONTHS } from './birthDate';
import { numberWords } from './intentLexicon';
import { normalize } from './normalize';

const MAX_WORDS_FOR_NUMBERS = 3;
const MAX_WORDS_FOR_PART_OF_LABEL = 4;
/** Words that say nothing on their own: « le », « je »… never pick an option by themselves. */
const FILLER = new Set([
  'le',
  'la',
  'les',
  'l',
  'un',
  'une',
  'de',
  'des',
  'du',
  'd',
  'a',
  'au',
  'je',
  'j',
  'ne',
  'n',
  'et',
  'ou',
  'en',
  'c',
  'est',
]);
/** "3e", "3eme", "1er", "1ere", "1re" (accents already folded). */
const DIGIT_ORDINAL = /^(\d{1,3})(?:e|eme|ieme|er|ere|re)$/;
/** Number words that are ordinals ("deuxieme", "second"); "dernier" (-1) names no index. */
const ORDINAL_WORD = /(?:ieme|eme|ier|iere)$|^seconde?$/;
/**
 * The only words a number word may come with to name an option (« le deux »,
 * « numéro trois », « je prends la deuxième »): in « trouver un lieu » the
 * « un » is an article, and the message is a request, not option 1.
 */
const AROUND_A_NUMBER = new Set([
  'le',
  'la',
  'l',
  'numero',
  'no',
  'n',
  'option',
  'choix',
  'c',
  'est',
  'je',
  'j',
  'prends',
  'prend',
  'plutot',
  'alors',
  'svp',
  'stp',
  'merci',
  'ok',
  'oui',
]);
/** Words that make a number word part of a larger number ("vingt et un", "deux cents", "une demi heure"): no option then. */
const COMPOUND = new Set([
  'et',
  'cent',
  'cents',
  'mille',
  'million',
  'millions',
  'milliard',
  'milliards',
  'demi',
  'demie',
  'quart',
  'virgule',
]);

/**
 * botbuilder tokenises every label and synonym of the list again at each
 * answer (a third of a menu turn's recognition); the same few labels come
 * back turn after turn, and findValues only reads the tokens.
 */
const tokenizer: (text: string) => Token[] = memoized((text) => defaultTokenizer(text, 'fr-fr'));

export interface ChoiceMatch {
  index: number;
  score: number;
}

let words: Map<string, number> | undefined;

function numberWord(token: string): number | undefined {
  words ??= new Map(Object.entries(numberWords()).map(([word, value]) => [normalize(word), value]));
  return words.get(token);
}

/** Option numbers (1-based) the tokens name: ordinals and plain numbers apart. */
export function optionNumbers(utterance: string): { ordinals: number[]; numbers: number[] } {
  const ordinals: number[] = [];
  const numbers: number[] = [];
  const tokens = utterance.replace(/\?/g, ' ').split(' ').filter(Boolean);
  const compound = tokens.some((token) => COMPOUND.has(token));
  const numberish = (token: string) => /^\d{1,6}$/.test(token) || DIGIT_ORDINAL.test(token) || numberWord(token) !== undefined;
  const wordsCount = tokens.every((token) => numberish(token) || AROUND_A_NUMBER.has(token));
  for (const token of tokens) {
    if (/^\d{1,6}$/.test(token)) {
      numbers.push(Number(token));
      continue;
    }
    const ordinal = DIGIT_ORDINAL.exec(token);
    if (ordinal) {
      ordinals.push(Number(ordinal[1]));
      continue;
    }
    const word = numberWord(token);
    // « le dernier »: -1, the last option (read by numberedPicks, which knows how many there are).
    if (word === -1 && wordsCount) ordinals.push(-1);
    if (word === undefined || word < 0 || !wordsCount) continue;
    if (ORDINAL_WORD.test(token)) ordinals.push(word);
    else if (!compound) numbers.push(word);
  }
  return { ordinals, numbers };
}

/**
 * `items`: how many of the options are the list's items, before those that
 * lead elsewhere (« Voir d'autres dates », « Rien, merci »): « le dernier »
 * is the last item. All of them when not said.
 */
export function recognizeChoice(text: string, options: (string | Choice)[], items = options.length): ChoiceMatch | undefined {
  const utterance = normalize(text);
  if (!utterance) return undefined;
  const choices: Choice[] = options.map((c) => {
    const choice = typeof c === 'string' ? { value: c } : c;
    return { value: normalize(choice.value), synonyms: (choice.synonyms ?? []).map(normalize) };
  });
  let indexes = findChoices(utterance, choices, { locale: 'fr-fr', tokenizer }).map((found) => ({
    index: found.resolution.index,
    score: found.resolution.score,
  }));
  if (indexes.length === 0) indexes = numberedPicks(text, utterance, choices.length, items);
  if (indexes.length === 0 && utterance.split(' ').length <= MAX_WORDS_FOR_PART_OF_LABEL) indexes = partOfOneLabel(utterance, choices);
  // « ouii », « nonnn »: a short answer with a letter typed twice, compared with the options' letters collapsed alike
  // (short only: in a sentence, « pas » would meet « Pass » once collapsed).
  const short = utterance.split(' ').length <= MAX_WORDS_FOR_NUMBERS;
  if (indexes.length === 0 && short && collapseLetters(utterance) !== utterance) indexes = collapsedMatches(utterance, choices);
  if (indexes.length === 0) return undefined;
  if (new Set(indexes.map((i) => i.index)).size > 1) return undefined;
  return indexes[0];
}

/** Runs of one letter as one letter (« ouii » → « oui », « Pass » → « Pas »); digits stay (« 11 »). */
const collapseLetters = (text: string) => text.replace(/([a-z])\1+/g, '$1');

function collapsedMatches(utterance: string, choices: readonly Choice[]): ChoiceMatch[] {
  const collapsed = choices.map((c) => ({ value: collapseLetters(c.value), synonyms: (c.synonyms ?? []).map(collapseLetters) }));
  return findChoices(collapseLetters(utterance), collapsed, { locale: 'fr-fr', tokenizer }).map((found) => ({
    index: found.resolution.index,
    score: found.resolution.score,
  }));
}

/**
 * The options an answer picks by number among `count` numbered ones (0-based):
 * only in a short answer ("2", "le deuxième", "numéro 3") — in a sentence, "je
 * cherche UN lieu" must not pick option 1 — and ordinals first.
 */
function numberedPicks(text: string, utterance: string, count: number, items = count): ChoiceMatch[] {
  if (utterance.split(' ').length > MAX_WORDS_FOR_NUMBERS || saysADate(text, utterance)) return [];
  const said = optionNumbers(utterance);
  const ordinals = said.ordinals.map((n) => (n === -1 ? items : n));
  const { numbers } = said;
  const inRange = (values: number[]) => values.filter((n) => n >= 1 && n <= count).map((n) => ({ index: n - 1, score: 1 }));
  const picks = inRange(ordinals);
  return picks.length > 0 ? picks : inRange(numbers);
}

/**
 * The one option (0-based) an answer picks by an ordinal (« le 1er », « le premier », « la 2eme », « le dernier »),
 * if it does: at a list of sessions these name an option, where « le 15 » or « le 1er décembre » name a day.
 */
export function ordinalPicked(text: string, count: number, items = count): number | undefined {
  const utterance = normalize(text);
  if (utterance.split(' ').length > MAX_WORDS_FOR_NUMBERS || saysADate(text, utterance)) return undefined;
  const picks = optionNumbers(utterance)
    .ordinals.map((n) => (n === -1 ? items : n))
    .filter((n) => n >= 1 && n <= count);
  return new Set(picks).size === 1 ? picks[0] - 1 : undefined;
}

/** The one option (0-based) of `count` that an answer picks by its number, if it does. */
export function numberPicked(text: string, count: number): number | undefined {
  const picks = numberedPicks(text, normalize(text), count);
  return new Set(picks.map((p) => p.index)).size === 1 ? picks[0].index : undefined;
}

/**
 * « 12/04/1958 », « 3 novembre 1949 », « le 1er décembre », « le premier janvier », « 1958 »: a date or a year,
 * whose numbers are no option (« 3 » of a list).
 */
function saysADate(raw: string, utterance: string): boolean {
  if (/\d{1,2}\s*[/.-]\s*\d{1,2}/.test(raw) || /\b(?:19|20)\d{2}\b/.test(utterance)) return true;
  monthWords ??= new Set(Object.keys(MONTHS));
  const tokens = utterance.split(' ');
  if (tokens.some((token) => monthWords!.has(token)) && tokens.some((token) => /^\d{1,2}$/.test(token))) return true;
  // « le 1er décembre », « premier janvier »: the day just before its month (« sept » alone is the number, not September).
  const dayWord = (token: string) => DIGIT_ORDINAL.test(token) || numberWord(token) !== undefined;
  return tokens.some((token, i) => i > 0 && monthWords!.has(token) && dayWord(tokens[i - 1]));
}

let monthWords: Set<string> | undefined;

/** The options whose label (or a synonym) holds every meaningful word of the answer. */
function partOfOneLabel(utterance: string, choices: Choice[]): ChoiceMatch[] {
  const said = utterance
    .replace(/\?/g, ' ')
    .split(' ')
    .filter((w) => w && !FILLER.has(w));
  if (said.length === 0 || said.every((w) => /^\d+$/.test(w))) return [];
  const matches: ChoiceMatch[] = [];
  choices.forEach((choice, index) => {
    const labels = [choice.value, ...(choice.synonyms ?? [])].map((label) => new Set(label.split(' ')));
    if (labels.some((words) => said.every((w) => words.has(w)))) matches.push({ index, score: 0.8 });
  });
  return matches;
}
