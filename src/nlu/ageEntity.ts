/**
 * An age said in passing (« j'ai 68 ans », « a 70 ans ») — so that the
 * eligibility questions do not ask « Avez-vous 18 ans ou plus ? » right
 * after. Only a plausible adult or child age with « ans »; « depuis 3 ans »
 * or « il y a 2 ans » is a duration, not an age. « moins de 18 ans » is
 * under 18 (it was read as 18), « plus de 60 ans » over 60.
 *
 * At the age question itself, a number is the age (ageAnswer): « 70 »,
 * « 45ans », « j ai 82 », a year of birth (« 1949 ») or a birth date.
 */
import { DateTime } from 'luxon';
import { normalize } from './normalize';
import { parseBirthDate } from './birthDate';

/** « j ai », « jai », « g » (SMS), « agee de »: what comes before an age said in a sentence. */
const BEFORE_AGE = '(?:j ai|jai|g|ai|a|age de|agee? de|de)';
const AGE = new RegExp(`\\b${BEFORE_AGE}\\s+(\\d{1,3})\\s?ans\\b`);
/** « 45ans », « 82 ans bientot 83 »: the message opens on the age. */
const AGE_FIRST = /^(\d{1,3})\s?ans\b(?! (?:que|depuis|de suite))/;
/** « moins de 18 ans », « pas encore 18 ans », « plus de 60 ans »: a bound, not the age itself. */
const BOUND = /\b(moins de|pas encore|bientot|plus de)\s+(\d{1,3})\s?ans\b/;
const MIN_AGE = 10;
const MAX_AGE = 120;

const plausible = (age: number | undefined): number | undefined =>
  age !== undefined && age >= MIN_AGE && age <= MAX_AGE ? age : undefined;

export function ageIn(text: string): number | undefined {
  const said = normalize(text);
  if (/\b(?:depuis|il y a|pendant|dans)\s+\d{1,3}\s?ans\b/.test(said)) return undefined;
  const bound = BOUND.exec(said);
  // Just under or over the bound: enough to compare with a minimum age.
  if (bound) return plausible(Number(bound[2]) + (bound[1] === 'plus de' ? 1 : -1));
  const match = AGE.exec(said) ?? AGE_FIRST.exec(said);
  return plausible(match ? Number(match[1]) : undefined);
}

/** « 70 », « j ai 82 », « oui 70 », « 70 ans passes »: a number alone, with at most a word or two around it. */
const NUMBER_ALONE = new RegExp(`^(?:(?:oui|non)\\s)?(?:${BEFORE_AGE}\\s)?(\\d{1,4})(?:\\s?ans)?(?:\\s\\w+){0,2}$`);

/**
 * The answer to « Avez-vous 18 ans ou plus ? » a number gives: an age said
 * any way, a number alone (10 to 120; « 1 » and « 2 » are the options, read
 * before), a year of birth or a birth date (« 12/04/1958 »). Only there: at
 * another question « 70 » is no age.
 */
export function ageAnswer(text: string, today: Date): number | undefined {
  const said = ageIn(text);
  if (said !== undefined) return said;
  const birthDate = parseBirthDate(text, today);
  if (birthDate) return yearsSince(birthDate, today);
  const alone = NUMBER_ALONE.exec(normalize(text))?.[1];
  if (!alone) return undefined;
  const number = Number(alone);
  return alone.length === 4 ? plausible(parisToday(today).year - number) : plausible(number);
}

const parisToday = (today: Date) => DateTime.fromJSDate(today, { zone: 'Europe/Paris' });

/** Whole years from an ISO date (YYYY-MM-DD) to today, in Paris. */
function yearsSince(isoDate: string, today: Date): number | undefined {
  const born = DateTime.fromISO(isoDate, { zone: 'Europe/Paris' });
  return plausible(Math.floor(parisToday(today).diff(born, 'years').years));
}
