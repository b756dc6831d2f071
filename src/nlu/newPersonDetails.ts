/**
 * What a prescriber says about a new person in one sentence, so that only
 * the rest is asked: « nouvelle personne, Mme Josiane Bertrand née le 5 mars
 * 1950 à Langogne » gives the name, the birth date and the commune; « non
 * en fait il habite à Florac » at the confirmation gives the commune. And
 * the phone question's answers: a mobile (SMS possible), a landline (no SMS),
 * or no mobile at all (« il a pas de portable »).
 *
 * The name is the first run of words that are no request, civility or
 * detail words (locales/fr/pro.json); a commune is looked for after those
 * words only (« à Langogne », « habite Florac »), never in the name. The
 * answer to « Prénom et nom ? » is read the same way, its words kept
 * (« LE GOFF marie-claire »): only the details end the name (« Paul Martin
 * ne le 02/02/1945 »).
 */
import type { Commune, CommuneIndex } from '../domain/communes';
import { frenchPhoneE164 } from '../domain/prescriptionRules';
import { frenchList } from '../i18n';
import { parseBirthDate } from './birthDate';
import { communesInSentence } from './communeEntity';
import { personName } from './personName';
import { normalize } from './normalize';

export interface NewPersonDetails {
  firstName?: string;
  lastName?: string;
  /** ISO date. */
  birthDate?: string;
  /** A commune named, in any département (the dialog says when it is not the prescriber's). */
  commune?: Commune;
  /** A mobile number in the sentence (E.164): « … portable 06 12 34 56 78 ». */
  phone?: string;
}

const MONTHS = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'];

function wordSet(...keys: string[]): Set<string> {
  return new Set(keys.flatMap((key) => frenchList(key).flatMap((phrase) => normalize(phrase).split(' '))));
}

/** « s'appelle » is two words once normalised: each must be in the set. */
const within = (set: Set<string>, word: string) => word.split(' ').every((w) => set.has(w));

let skipped: Set<string> | undefined;
let ending: Set<string> | undefined;
let civility: Set<string> | undefined;
let particles: Set<string> | undefined;

/**
 * The details a sentence gives. `departements`: where a commune is looked
 * for first (the served ones); a commune named elsewhere in France is found
 * after « à » too, so the dialog can say it is not served.
 */
export function readNewPersonDetails(text: string, now: Date, communes: CommuneIndex, departements: readonly string[]): NewPersonDetails {
  // Request and civility words before the name are skipped; a detail word after it ends it.
  skipped ??= wordSet('pro:intents.new_person', 'pro:intents.prescribe', 'pro:new_person.skipped_words', 'pro:new_person.civility_words');
  ending ??= wordSet('pro:new_person.detail_words');
  const tokens = text.split(/[\s,;:.!?()/]+/).filter(Boolean);
  const name: string[] = [];
  // Where the details after the name begin (none when the sentence ends with it).
  let rest = tokens.length;
  for (let i = 0; i < tokens.length; i += 1) {
    const word = normalize(tokens[i]);
    const nameLike = /^\p{L}[\p{L}'’-]*$/u.test(tokens[i]) && !MONTHS.includes(word);
    if (name.length === 0 && (within(skipped, word) || within(ending, word))) continue;
    if (!nameLike || within(ending, word) || within(skipped, word)) {
      rest = i;
      break;
    }
    name.push(tokens[i]);
  }
  return withDetails(name, tokens.slice(rest).join(' '), text, now, communes, departements);
}

/**
 * The answer to « Prénom et nom de la personne ? », with what may follow
 * the name (« Paul Martin ne le 02/02/1945 à Mende »). Its words are the
 * name's, civility aside, up to the first detail: a date or a number, a
 * detail word that no name holds (« né », « à », « habite »), or a comma.
 * A particle just before the details is theirs (« Paul Martin le
 * 02/02/1945 »), one inside the name stays (« LE GOFF marie-claire »).
 */
export function readNameAnswer(text: string, now: Date, communes: CommuneIndex, departements: readonly string[]): NewPersonDetails {
  civility ??= wordSet('pro:new_person.civility_words');
  ending ??= wordSet('pro:new_person.detail_words');
  particles ??= wordSet('pro:new_person.name_particles');
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const name: string[] = [];
  let rest = tokens.length;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i].replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '');
    const word = normalize(token);
    if (!token || (name.length === 0 && within(civility, word))) continue;
    if (!/^\p{L}[\p{L}'’-]*$/u.test(token) || (within(ending, word) && !within(particles, word))) {
      rest = i;
      break;
    }
    name.push(token);
    if (/[,;:.!?]$/.test(tokens[i])) {
      rest = i + 1;
      break;
    }
  }
  if (rest < tokens.length) while (name.length > 2 && within(particles, normalize(name[name.length - 1]))) name.pop();
  return withDetails(name, tokens.slice(rest).join(' '), text, now, communes, departements);
}

/** The name read, the birth date anywhere in the text, the commune in what follows the name. */
function withDetails(
  name: readonly string[],
  rest: string,
  text: string,
  now: Date,
  communes: CommuneIndex,
  departements: readonly string[],
): NewPersonDetails {
  const details: NewPersonDetails = {};
  // One word is no « prénom et nom »: the question asks for both.
  if (name.length >= 2) Object.assign(details, personName(name));
  const birthDate = birthDateIn(text, now);
  if (birthDate) details.birthDate = birthDate;
  const commune = communeIn(rest, communes, departements);
  if (commune) details.commune = commune;
  const phone = PHONE_IN_TEXT.test(text) ? readPhoneAnswer(text) : undefined;
  if (phone?.kind === 'mobile') details.phone = phone.phone;
  return details;
}

/** The birth date in a sentence, its phone numbers aside: « 06 12 34 56 78 » is no 6 December 1934. */
export function birthDateIn(text: string, now: Date): string | undefined {
  return parseBirthDate(text.replace(new RegExp(PHONE_IN_TEXT.source, 'g'), ' '), now);
}

/**
 * « née en 1945 », « 1945 »: a year, the only number said, with no day
 * nor month (the question asks for them too). Undefined otherwise
 * (« 31/02/1950 » is a date that does not exist, no year alone).
 */
export function yearAlone(text: string, now: Date): string | undefined {
  if (birthDateIn(text, now)) return undefined;
  const numbers = text.replace(new RegExp(PHONE_IN_TEXT.source, 'g'), ' ').match(/\d+/g) ?? [];
  const year = numbers.length === 1 ? numbers[0] : '';
  return /^(?:19|20)\d\d$/.test(year) && Number(year) <= now.getUTCFullYear() ? year : undefined;
}

/** The commune named in what follows the name: served first, else one named whole after « à » anywhere in France. */
export function communeIn(text: string, communes: CommuneIndex, departements: readonly string[]): Commune | undefined {
  if (!text.trim()) return undefined;
  const served = communesInSentence(communes, text, departements);
  if (served[0]) return served[0];
  const words = normalize(text).split(' ');
  for (let i = 1; i < words.length; i += 1) {
    if (!PLACE_WORDS.has(words[i - 1])) continue;
    for (let size = Math.min(6, words.length - i); size >= 1; size -= 1) {
      const [found] = communes.findByName(words.slice(i, i + size).join(' '));
      if (found) return found;
    }
  }
  return undefined;
}

/** Words after which a commune's name comes (« à Valence », « habite Lyon »). */
const PLACE_WORDS = new Set(['a', 'habite', 'vit', 'demeurant', 'domicilie', 'domiciliee']);

export type PhoneAnswer =
  /** A mobile: SMS can be sent (E.164). */
  | { kind: 'mobile'; phone: string }
  /** A landline (or another number no SMS reaches), or « elle a que le fixe ». */
  | { kind: 'landline'; phone?: string }
  /** No mobile, or no SMS wanted. */
  | { kind: 'none' };

/** A French phone number inside a sentence (« elle a que le fixe 04 75 21 00 00 »). */
const PHONE_IN_TEXT = /(?:\+33\s?|0033\s?|0)[1-9](?:[\s.-]?\d{2}){4}/;

/** French mobiles: 06 and 07 (E.164 +336, +337). */
const MOBILE = /^\+33[67]/;

/** What an answer to « son téléphone portable ? » says; undefined when it says nothing readable. */
export function readPhoneAnswer(text: string): PhoneAnswer | undefined {
  const number = PHONE_IN_TEXT.exec(text)?.[0];
  const phone = number ? frenchPhoneE164(number) : frenchPhoneE164(text);
  if (phone) return MOBILE.test(phone) ? { kind: 'mobile', phone } : { kind: 'landline', phone };
  const said = ` ${normalize(text)} `;
  const says = (key: string) => frenchList(key).some((phrase) => said.includes(` ${normalize(phrase)} `));
  if (says('pro:new_person.landline_words')) return { kind: 'landline' };
  if (says('pro:new_person.no_phone_words')) return { kind: 'none' };
  return undefined;
}
