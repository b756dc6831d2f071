/**
 * Turns a message into the bag of features the intent network reads:
 * shared normalisation (case, accents, apostrophes), SMS shorthand spelled
 * out ("cb" → "combien", "jvoudrais" → "je voudrais"), typos mapped to the
 * nearest word seen in training (NLP.js SpellCheck, edit distance 1, 2 for
 * words of 10 letters or more), then the NLP.js French stemmer, so "réserver", "réservation"
 * and "reserve" meet. Words never seen in training are counted, not
 * dropped: many of them is a sign the message is out of scope.
 */
import { StemmerFr, StopwordsFr } from '@nlpjs/lang-fr';
import { SpellCheck } from '@nlpjs/similarity';
import { normalize } from './normalize';

/** Shortest word the spell check tries to correct: "rdv" or "mes" stay as they are. */
const MIN_SPELL_LENGTH = 4;
const LONG_WORD = 10;
/** A word in this many training phrases is an ordinary word, not a name. */
const COMMON_COUNT = 3;
const PLACE = '#place';
/** The stem the network reads for a commune's name (the French stemmer's « #place »). */
export const PLACE_STEM = '#plac';

export interface Features {
  stems: string[];
  /** Words neither in the training vocabulary nor a typo of one. */
  unknownWords: number;
  /** Words that carry meaning (not "je", "le", "est"…), and how many of them are unknown. */
  contentWords: number;
  unknownContentWords: number;
  /** Meaningful words seen in training: with none, nothing points to any intent ("2", "Mende"). */
  knownContentWords: number;
}

/** NLP.js's French function words, in the normalised spelling the matcher uses. */
const FUNCTION_WORDS = new Set(Object.keys(new StopwordsFr().dictionary).map(normalize));

/** Runs of one letter as one (« anuller » → « anuler »), as « annuler » collapses too. */
const collapseLetters = (word: string) => word.replace(/([a-z])\1+/g, '$1');

/** Numbers only matter by kind: "26400" hints at a place, "10h" at a booking. */
function numberClass(token: string): string {
  if (!/\d/.test(token)) return token;
  if (/^\d{5}$/.test(token)) return '#postcode';
  if (/^\d{1,2}h(\d\d)?$/.test(token)) return '#time';
  return '#number';
}

export class FeatureExtractor {
  private readonly stemmer = new StemmerFr();
  private readonly shorthand: Map<string, string[]>;
  private vocabulary = new Set<string>();
  /** Words of several training phrases: ordinary words even when a commune bears them ("près", "sur"). */
  private common = new Set<string>();
  private spellCheck = new SpellCheck({ features: {}, minLength: MIN_SPELL_LENGTH });
  /** Training words by their letters with doubles collapsed (« anuler » → « annuler »), the most frequent first. */
  private collapsed = new Map<string, string>();

  /** `names`: words that are known without being features, such as the words of commune names. */
  constructor(
    shorthand: Record<string, string>,
    private readonly names: ReadonlySet<string> = new Set(),
  ) {
    this.shorthand = new Map();
    for (const [short, long] of Object.entries(shorthand)) {
      // A key that normalisation changes ("a+" → "a") would rewrite ordinary words.
      if (normalize(short) !== short) throw new Error(`intents.json shorthand: "${short}" must be written normalised`);
      this.shorthand.set(short, normalize(long).split(' '));
    }
  }

  /** Words of a message, shorthand spelled out. A lone "?" is kept: it asks for help. */
  words(text: string): string[] {
    const normal = normalize(text);
    if (normal === '?') return ['?'];
    const tokens = normal.replace(/\?/g, ' ').split(' ').filter(Boolean);
    const words: string[] = [];
    for (let i = 0; i < tokens.length; i += 1) {
      const expansion = this.shorthand.get(tokens[i]);
      // "c est" already spelled out: "c" is not shorthand there.
      const alreadySpelled = expansion && expansion.length > 1 && expansion.slice(1).every((w, k) => tokens[i + 1 + k] === w);
      if (expansion && !alreadySpelled) words.push(...expansion);
      else words.push(numberClass(tokens[i]));
    }
    return words;
  }

  /** Learns the training vocabulary, so later typos can be mapped onto it. */
  learnVocabulary(phrases: Iterable<string>): void {
    const counts: Record<string, number> = {};
    for (const phrase of phrases) for (const word of this.words(phrase)) counts[word] = (counts[word] ?? 0) + 1;
    this.vocabulary = new Set(Object.keys(counts));
    this.common = new Set(Object.keys(counts).filter((word) => counts[word] >= COMMON_COUNT));
    this.spellCheck = new SpellCheck({ features: counts, minLength: MIN_SPELL_LENGTH });
    this.collapsed = new Map();
    for (const word of Object.keys(counts).sort((a, b) => counts[b] - counts[a])) {
      const key = collapseLetters(word);
      if (word.length >= MIN_SPELL_LENGTH && !this.collapsed.has(key)) this.collapsed.set(key, word);
    }
  }

  features(text: string): Features {
    let unknownWords = 0;
    let contentWords = 0;
    let unknownContentWords = 0;
    let knownContentWords = 0;
    const corrected: string[] = [];
    for (const word of this.words(text).flatMap((w) => this.unelided(w))) {
      const content = !FUNCTION_WORDS.has(word);
      if (this.isName(word)) {
        // A commune's name ("Mende") says where, not what: one "#place" feature for the whole name.
        if (corrected[corrected.length - 1] !== PLACE) corrected.push(PLACE);
        continue;
      }
      if (content) contentWords += 1;
      if (this.vocabulary.has(word) || word.startsWith('#')) {
        if (content && !word.startsWith('#')) knownContentWords += 1;
        corrected.push(word);
        continue;
      }
      // « anuller », « pourais »: a letter doubled or not, the commonest slip, before any other correction (two edits away for the spell check).
      const fixed =
        (word.length >= MIN_SPELL_LENGTH ? this.collapsed.get(collapseLetters(word)) : undefined) ??
        this.spellCheck.checkToken(word, word.length >= LONG_WORD ? 2 : 1);
      if (this.isName(fixed)) {
        contentWords -= content ? 1 : 0;
        if (corrected[corrected.length - 1] !== PLACE) corrected.push(PLACE);
        continue;
      }
      if (this.vocabulary.has(fixed)) {
        if (content) knownContentWords += 1;
      } else {
        unknownWords += 1;
        if (content) unknownContentWords += 1;
      }
      corrected.push(fixed);
    }
    return { stems: this.stemmer.stem(corrected), unknownWords, contentWords, unknownContentWords, knownContentWords };
  }

  /**
   * An apostrophe left out on SMS glues the elided word to the next one
   * (« jhabite », « jaimerais », « lordinateur », « dabord »): when the word is
   * unknown but what follows the elided letter is a known word starting with a
   * vowel or an h, the two are read apart (« j habite »), as if the apostrophe were there.
   */
  private unelided(word: string): string[] {
    if (this.vocabulary.has(word) || this.isName(word)) return [word];
    // « jen voudrais une autre », « sen occuper », « jy vais »: « en » and « y » are too short for the rule below.
    const pronoun = /^(j|m|t|s|n)(en|y)$/.exec(word);
    if (pronoun) return [pronoun[1], pronoun[2]];
    const elided = /^(j|l|d|m|t|s|n|qu)([aeiouyh].+)$/.exec(word);
    if (elided && elided[2].length >= 3 && this.vocabulary.has(elided[2])) return [elided[1], elided[2]];
    return [word];
  }

  /** Words of commune names, unless several training phrases use them as ordinary words ("près", "sur"). */
  private isName(word: string): boolean {
    return this.names.has(word) && !this.common.has(word);
  }
}
