/**
 * A correction typed at the confirmation of a new person's file (« non en
 * fait il habite à Florac », « née le 5 mars 1950 », « son portable c'est
 * le 06 12 34 56 78 », « elle s'appelle Josiane Bertrand »): the field it
 * changes, so the prescriber confirms again instead of starting over. A
 * commune outside the prescriber's département is refused with its reason.
 */
import type { TurnContext } from 'botbuilder';
import { normalize } from '../../src/nlu/normalize';
import { birthDateIn, communeIn, readNewPersonDetails, readPhoneAnswer } from '../../src/nlu/newPersonDetails';
import type { NewPerson } from '../../src/services/pro/prescription';
import { type ProDialogDeps, proProgramme } from './proContext';
import { ageOn, checkBirthDate } from '../../src/domain/prescriptionRules';
import { isoDate } from './proFormat';

export type Correction =
  /** The person with the field(s) the sentence changes, and what to say first (« c'est un fixe : pas de SMS »). */
  | { outcome: 'corrected'; person: NewPerson; lines: string[] }
  /** It names a commune the prescriber cannot serve: why, to say before the confirmation again. */
  | { outcome: 'refused'; line: string }
  | { outcome: 'none' };

/** The phone is what the sentence is about: a number, or the words for one. */
const ABOUT_PHONE = /\b(?:portable|telephone|tel|mobile|fixe|sms|numero)\b/;
/** « il s'appelle », « son nom c'est »: a name follows. */
const NAME_FOLLOWS = /(?:s['’\s]?appelle|(?:son|le) (?:nom|prénom|prenom)(?: (?:c['’\s]?est|est))?)\s+(.+)$/i;
/** A phone number in the text. */
const NUMBER = /(?:\+33\s?|0033\s?|0)[1-9](?:[\s.-]?\d{2}){4}/;

export function correctNewPerson(person: NewPerson, text: string, context: TurnContext, deps: ProDialogDeps, now: Date): Correction {
  const communes = deps.services.placeSearch.communes;
  const own = proProgramme(context, deps)?.departement.code;
  const corrected: NewPerson = { ...person };
  const commune = communeIn(
    text,
    communes,
    deps.programmes.map((p) => p.departement.code),
  );
  if (commune && commune.departement !== own) return { outcome: 'refused', line: notServedHere(context, deps, commune.name) };
  if (commune) corrected.communeInsee = commune.insee;
  const birthDate = birthDateIn(text, now);
  if (birthDate) corrected.birthDate = birthDate;
  const lines: string[] = [];
  if (NUMBER.test(text) || ABOUT_PHONE.test(normalize(text))) {
    const phone = readPhoneAnswer(text);
    if (phone?.kind === 'mobile') corrected.phone = phone.phone;
    else if (phone) delete corrected.phone;
    if (phone?.kind === 'landline') lines.push(landlineLine(context, deps));
  }
  const named = NAME_FOLLOWS.exec(text)?.[1];
  const name = named ? readNewPersonDetails(named, now, communes, []) : undefined;
  if (name?.firstName && name.lastName) Object.assign(corrected, { firstName: name.firstName, lastName: name.lastName });
  const changed = (Object.keys({ ...person, ...corrected }) as (keyof NewPerson)[]).some((key) => person[key] !== corrected[key]);
  return changed || lines.length > 0 ? { outcome: 'corrected', person: corrected, lines } : { outcome: 'none' };
}

/**
 * Why a new person's birth date cannot be hers, kindly, for the form and the final confirmation alike:
 * in the future, an age no one has, under a minimum age the programme publishes (an assumed one is
 * the prescriber's to confirm, not refused); undefined when it can be.
 */
export function birthDateRefusal(iso: string, context: TurnContext, deps: ProDialogDeps): string | undefined {
  const { t } = deps;
  const programme = proProgramme(context, deps);
  const now = deps.clock.now();
  const minimum = programme?.minimumAge.value ?? 0;
  const check = checkBirthDate(iso, now, minimum);
  const values = { birth: isoDate(iso, t), age: ageOn(iso, now), minimum, book: programme?.voucherBook.word ?? '' };
  if (check === 'future') return t('pro:new_person.birth_future');
  if (check === 'too_old') return t('pro:new_person.birth_too_old', values);
  if (check === 'too_young' && !programme?.minimumAge.assumed) return t('pro:new_person.birth_too_young', values);
  if (check === 'invalid') return t('pro:new_person.birth_unreadable');
  return undefined;
}

/** « C'est un fixe : pas de SMS possible… » */
export function landlineLine(context: TurnContext, deps: ProDialogDeps): string {
  return deps.t('pro:new_person.landline', { book: proProgramme(context, deps)?.voucherBook.word ?? deps.t('common.book_word') });
}

/** « Valence n'est pas en Lozère : le carnet que vous prescrivez est réservé aux personnes qui habitent en Lozère. » */
export function notServedHere(context: TurnContext, deps: ProDialogDeps, commune: string): string {
  const programme = proProgramme(context, deps);
  return deps.t('pro:new_person.commune_other_departement', {
    commune,
    departement: programme?.departement.name ?? '',
    book: programme?.voucherBook.word ?? deps.t('common.book_word'),
  });
}
