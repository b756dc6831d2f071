/**
 * Whether free words at the subject question (« dites-moi en quelques mots »)
 * can be a subject for the trainer: « internet », « mon telephone », « les
 * photos de mes petits enfants », « la genealogie » are; « euh », « ok »,
 * « azerty », « qsdfgh », « blabla » are not, and the question is asked again
 * (three misses offer a person).
 *
 * A word of the subjects people name (locales/fr/themes.json, `keywords` and
 * `catalogue`) makes a subject, however short (« box », « cv »). Otherwise the
 * words must look like French: some word that is no filler
 * (`book.no_subject_words`), of four letters or more, with vowels and
 * consonants mixed as French words mix them; and no word typed as nonsense
 * (a run of keys of a keyboard row, a syllable repeated, one letter held down).
 */
import { french, frenchList } from '../i18n';
import { normalize } from './normalize';
import { withoutBirthDate } from './birthDate';
import { withoutVoucherBookNumber } from './voucherBookNumberEntity';

/** Four keys in a row of an AZERTY or QWERTY keyboard, either way: typed to type something (« azerty », « qsdfgh »). */
const KEYBOARD_ROWS = ['azertyuiop', 'qsdfghjklm', 'wxcvbn', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const KEY_RUN = 4;
/** A French word has at least this share of vowels, and at most that one (« sdkjfa », « aoeui » are no words). */
const MIN_VOWEL_SHARE = 0.25;
const MAX_VOWEL_SHARE = 0.75;
/** An unknown word shorter than this says too little to be taken as a subject (« ghi », « abc »). */
const MIN_UNKNOWN_LETTERS = 4;
/** Letters French spells few words with: a word made mostly of them is typed at random (« xyzzy »), « wifi », « kiwi », « jazz » are not. */
const RARE_LETTERS = /[kwxz]/g;
const MAX_RARE_SHARE = 0.5;

let known: Set<string> | undefined;
let fillers: Set<string> | undefined;
let keyRuns: Set<string> | undefined;

function knownWords(): Set<string> {
  if (known) return known;
  const themes = french()('themes:keywords', { returnObjects: true }) as Record<string, { words: string[] }>;
  const catalogue = french()('themes:catalogue', { returnObjects: true }) as Record<string, string[] | string>;
  const listed = Object.values(catalogue).filter((v): v is string[] => Array.isArray(v));
  const phrases: string[] = [...Object.values(themes).flatMap((k) => k.words), ...listed.flat()];
  // A phrase's small words (« un » of « envoyer un message ») name nothing; a word alone does, short or not (« cv »).
  known = new Set(
    phrases.flatMap((p) => {
      const words = normalize(p).split(' ');
      return words.length === 1 ? words : words.filter((w) => w.length >= MIN_UNKNOWN_LETTERS);
    }),
  );
  for (const filler of fillerWords()) known.delete(filler);
  return known;
}

function fillerWords(): Set<string> {
  fillers ??= new Set(frenchList('book.no_subject_words').map(normalize));
  return fillers;
}

function keyboardRuns(): Set<string> {
  if (keyRuns) return keyRuns;
  keyRuns = new Set();
  for (const row of KEYBOARD_ROWS) {
    for (const keys of [row, [...row].reverse().join('')]) {
      for (let i = 0; i + KEY_RUN <= keys.length; i += 1) keyRuns.add(keys.slice(i, i + KEY_RUN));
    }
  }
  return keyRuns;
}

/** Typed as nonsense: keys in a row, a syllable said again and again (« blabla », « lalala »), a letter held down, rare letters. */
function isNonsense(word: string): boolean {
  if ((word.match(RARE_LETTERS)?.length ?? 0) > word.length * MAX_RARE_SHARE) return true;
  if (/^(\p{L}{1,4})\1+$/u.test(word) || /(\p{L})\1\1/u.test(word) || /[^aeiouy\d]{5}/.test(word)) return true;
  for (let i = 0; i + KEY_RUN <= word.length; i += 1) if (keyboardRuns().has(word.slice(i, i + KEY_RUN))) return true;
  return false;
}

/** An unknown word that reads as French: letters only, long enough, vowels and consonants mixed. */
function looksFrench(word: string): boolean {
  if (!/^\p{L}+$/u.test(word) || word.length < MIN_UNKNOWN_LETTERS) return false;
  const vowels = word.replace(/[^aeiouy]/g, '').length / word.length;
  return vowels >= MIN_VOWEL_SHARE && vowels <= MAX_VOWEL_SHARE;
}

export function saysASubject(text: string): boolean {
  // A carnet number or a birth date (a message sent again after a lost connection) names no subject.
  const rest = withoutBirthDate(withoutVoucherBookNumber(text));
  const words = normalize(rest).replace(/\?/g, ' ').split(' ').filter(Boolean);
  if (words.length === 0 || words.some(isNonsense)) return false;
  const meaningful = words.filter((w) => !fillerWords().has(w));
  return meaningful.some((w) => knownWords().has(w)) || meaningful.some(looksFrench);
}
