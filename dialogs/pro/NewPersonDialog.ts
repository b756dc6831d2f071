/**
 * A first carnet for someone new: name, birth date, commune, optional
 * mobile for SMS (only the fields the programme needs). What the opening
 * sentence already gave (« nouvelle personne, Mme Josiane Bertrand née le
 * 5 mars 1950 à Langogne ») is taken, and only the rest is asked. Each
 * answer that cannot be used is refused with its reason — a commune
 * outside the prescriber's département as soon as it is typed; a landline
 * is said to take no SMS —; the answer to the name may hold more
 * (« Paul Martin ne le 02/02/1945 »), taken as the opening sentence's; an
 * earlier answer corrected at a later question (« non pardon c'est le
 * 13/12/1950 » at « Sa commune ? ») is taken, as at the final
 * confirmation, and a later one given early (a mobile at the birth date) is
 * noted and not asked again; each said for what it is (« J'ai noté »,
 * « C'est corrigé », « C'est déjà noté »). Nothing is written before the
 * final confirmation. A person already on file goes to their file instead.
 */
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Commune } from '../../src/domain/communes';
import { parseBirthDate } from '../../src/nlu/birthDate';
import { communeSearch } from '../../src/data/communeSearch';
import { communesForAnswer } from '../../src/nlu/communeEntity';
import {
  type NewPersonDetails,
  type PhoneAnswer,
  readNameAnswer,
  readNewPersonDetails,
  readPhoneAnswer,
  yearAlone,
} from '../../src/nlu/newPersonDetails';
import type { NewPerson } from '../../src/services/pro/prescription';
import { ParsedTextPrompt, type ParseResult } from '../prompts/ParsedTextPrompt';
import { sendProCard } from './cards';
import { FILE_DIALOG, FileDialog } from './FileDialog';
import { PRESCRIBE_DIALOG, PrescribeDialog, type PrescribeOptions } from './PrescribeDialog';
import { ageOn, checkBirthDate } from '../../src/domain/prescriptionRules';
import { findYesNo } from '../../src/nlu/smallEntities';
import { type ProDialogDeps, proContext, proProgramme } from './proContext';
import { isoDate, phoneDisplay } from './proFormat';
import { birthDateRefusal, correctNewPerson, landlineLine, notServedHere } from './newPersonCorrection';

export const NEW_PERSON_DIALOG = 'pro.newPerson';
const NAME = 'pro.newPerson.name';
const BIRTH = 'pro.newPerson.birth';
const COMMUNE = 'pro.newPerson.commune';
const PHONE = 'pro.newPerson.phone';
/** A date this far ahead only serves to tell "in the future" from "unreadable". */
const FAR_FUTURE = new Date('2999-12-31T00:00:00Z');
/** A step's answer already given by the opening sentence: the question was not asked. */
const PREFILLED = { prefilled: true } as const;
/** Years before this are no birth date at all; after it, a date too old is read to say so. */
const EARLIEST_READ_YEAR = 1800;
const AGE = 'pro.newPerson.age';

/** The answer to « Avec cette date, la personne a 11 ans… » (an age limit only assumed): go on, or another date. */
type AgeAnswer = { kind: 'confirmed' } | { kind: 'no' } | { kind: 'date'; birthDate: string };

export interface NewPersonOptions {
  /** The sentence that asked for it, which may hold the person's details. */
  utterance?: string;
  /** The form so far, an earlier answer just corrected (« non pardon c'est le 13/12/1950 »): the open questions only. */
  draft?: Draft;
  /** « C'est corrigé : né(e) le 13/12/1950. », « Je ne trouve personne à ce nom… »: said before the first question asked. */
  notice?: string;
}

type Draft = Partial<NewPerson> & {
  /** Told the person is under the programme's assumed minimum age, the prescriber went on. */
  minorConfirmed?: boolean;
};

/** An earlier answer corrected at a later question: the fields it changes, or why it cannot. */
type Fix = { fix: Draft; lines: string[] };
type Field = 'birthDate' | 'communeInsee' | 'phone';

interface Values {
  draft?: Draft;
  /** « née en 1945 »: a year said without the day and month, asked for at the birth-date question. */
  yearOnly?: string;
  /** A commune named up front outside the prescriber's département: said at the commune question. */
  elsewhere?: string;
  /** « Je note : … », said with the first question asked (one card, in order). */
  notice?: string;
}

export class NewPersonDialog extends ComponentDialog {
  constructor(private readonly deps: ProDialogDeps) {
    super(NEW_PERSON_DIALOG);
    const { t } = deps;
    this.addDialog(
      new ParsedTextPrompt<NamedAnswer>(NAME, t, (text) => {
        // « Paul Martin ne le 02/02/1945 »: the name, and the details after it as in an opening sentence.
        const found = readNameAnswer(text, deps.clock.now(), this.communes(), this.servedDepartements());
        if (!found.firstName || !found.lastName) return { retry: t('pro:new_person.name_unreadable') };
        const year = yearAlone(text, deps.clock.now());
        return { value: { ...found, ...(year ? { yearOnly: year } : {}) } };
      }),
    );
    this.addDialog(
      new ParsedTextPrompt<string | Fix>(BIRTH, t, (text, context) => {
        const fixed = this.readFix(text, context, 'birthDate');
        if (fixed) return fixed;
        // Read however old or far ahead, so the answer says what is wrong with it (« dans le futur », « 150 ans »).
        const date = parseBirthDate(text, deps.clock.now(), EARLIEST_READ_YEAR) ?? parseBirthDate(text, FAR_FUTURE);
        if (date) {
          const refused = birthDateRefusal(date, context, this.deps);
          return refused ? { retry: refused } : { value: date };
        }
        const year = yearAlone(text, deps.clock.now());
        if (year) return { retry: t('pro:new_person.birth_year_only', { year }) };
        return { retry: t('pro:new_person.birth_unreadable') };
      }),
    );
    this.addDialog(
      new ParsedTextPrompt<string | Fix>(
        COMMUNE,
        t,
        (text, context) => this.readFix(text, context, 'communeInsee') ?? this.readCommune(text, context),
      ),
    );
    this.addDialog(
      new ParsedTextPrompt<PhoneAnswer | Fix>(PHONE, t, (text, context) => {
        const fixed = this.readFix(text, context, 'phone');
        if (fixed) return fixed;
        const answer = readPhoneAnswer(text);
        if (answer) return { value: answer };
        // « oui » (she accepts SMS): the number is what is missing.
        return { retry: t(findYesNo(text)[0]?.value === true ? 'pro:new_person.phone_yes' : 'pro:new_person.phone_unreadable') };
      }),
    );
    this.addDialog(
      new ParsedTextPrompt<AgeAnswer>(AGE, t, (text) => {
        const birthDate = parseBirthDate(text, deps.clock.now(), EARLIEST_READ_YEAR) ?? parseBirthDate(text, FAR_FUTURE);
        if (birthDate) return { value: { kind: 'date', birthDate } };
        const [answer] = findYesNo(text);
        if (answer) return { value: answer.value ? { kind: 'confirmed' } : { kind: 'no' } };
        return { retry: t('pro:new_person.minor_unreadable') };
      }),
    );
    this.addDialog(new FileDialog(deps));
    this.addDialog(new PrescribeDialog(deps));
    this.addDialog(
      new WaterfallDialog(`${NEW_PERSON_DIALOG}.flow`, [
        this.start.bind(this),
        this.afterName.bind(this),
        this.afterBirth.bind(this),
        this.afterAge.bind(this),
        this.afterCommune.bind(this),
        this.afterPhone.bind(this),
      ]),
    );
    this.initialDialogId = `${NEW_PERSON_DIALOG}.flow`;
  }

  private draft(step: WaterfallStepContext): Draft {
    const values = step.values as Values;
    values.draft ??= {};
    return values.draft;
  }

  private async gaveUp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await sendProCard(step.context, { lines: [this.deps.t('pro:new_person.gave_up')] }, this.deps.t);
    return step.endDialog();
  }

  /** The details of the opening sentence, said back in one line; then the first question still open. */
  private async start(step: WaterfallStepContext<NewPersonOptions>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const utterance = step.options?.utterance;
    const draft = this.draft(step);
    if (step.options?.draft) Object.assign(draft, step.options.draft);
    if (step.options?.notice) (step.values as Values).notice = step.options.notice;
    if (utterance) {
      const found = readNewPersonDetails(utterance, this.deps.clock.now(), this.communes(), this.servedDepartements());
      this.take(step, found, yearAlone(utterance, this.deps.clock.now()), false);
    }
    if (draft.firstName) return step.next(PREFILLED);
    return this.ask(step, NAME, t('pro:new_person.ask_name'));
  }

  /**
   * What a sentence gives (the opening one, or the answer to the name), taken and said back in one line;
   * a name alone answering « Prénom et nom ? » (`nameAsked`) needs no saying back.
   */
  private take(step: WaterfallStepContext, found: NewPersonDetails, yearOnly: string | undefined, nameAsked: boolean): void {
    const { t } = this.deps;
    const draft = this.draft(step);
    const values = step.values as Values;
    const said: string[] = [];
    if (found.firstName && found.lastName) {
      Object.assign(draft, { firstName: found.firstName, lastName: found.lastName });
      said.push(t('pro:new_person.prefilled_name', { name: `${found.firstName} ${found.lastName}` }));
    }
    if (found.birthDate) {
      draft.birthDate = found.birthDate;
      said.push(t('pro:new_person.prefilled_birth', { birth: isoDate(found.birthDate, t) }));
    } else if (yearOnly) values.yearOnly = yearOnly;
    if (found.commune && found.commune.departement === this.ownDepartement(step.context)?.code) {
      draft.communeInsee = found.commune.insee;
      said.push(t('pro:new_person.prefilled_commune', { commune: found.commune.name }));
    } else if (found.commune) values.elsewhere = found.commune.name;
    // « … portable 06 12 34 56 78 » in the opening sentence: not asked again.
    if (found.phone) {
      draft.phone = found.phone;
      said.push(t('pro:new_person.prefilled_phone', { phone: phoneDisplay(found.phone) }));
    }
    if (said.length > (nameAsked ? 1 : 0)) {
      const noted = t('pro:new_person.prefilled', { details: said.join(', ') });
      values.notice = values.notice ? `${values.notice}\n${noted}` : noted;
    }
  }

  /** A question, after what was noted from the opening sentence when it is the first one asked. */
  private ask(step: WaterfallStepContext, dialogId: string, question: string): Promise<DialogTurnResult> {
    const values = step.values as Values;
    const prompt = values.notice ? `${values.notice}\n${question}` : question;
    delete values.notice;
    return step.prompt(dialogId, { prompt });
  }

  private async afterName(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!step.result) return this.gaveUp(step);
    const draft = this.draft(step);
    if (!isPrefilled(step.result)) {
      const { yearOnly, ...found } = step.result as NamedAnswer;
      this.take(step, found, yearOnly, true);
    }
    if (draft.birthDate) return step.next(PREFILLED);
    // « née en 1945 »: the full date is what the question asks.
    const year = (step.values as Values).yearOnly;
    const question = year ? this.deps.t('pro:new_person.birth_year_only', { year }) : this.deps.t('pro:new_person.ask_birth_date');
    return this.ask(step, BIRTH, question);
  }

  private async afterBirth(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!step.result) return this.gaveUp(step);
    if (isFix(step.result)) return this.refill(step, step.result);
    const draft = this.draft(step);
    if (!isPrefilled(step.result)) draft.birthDate = String(step.result);
    // A date from the opening sentence or a correction is checked as a typed one is: why, then the question again.
    const refused = birthDateRefusal(draft.birthDate!, step.context, this.deps);
    if (refused) {
      const { birthDate: _refused, ...rest } = draft;
      return step.replaceDialog(NEW_PERSON_DIALOG, { draft: rest, notice: refused } satisfies NewPersonOptions);
    }
    // Already on file? Then it is their file, not a new person.
    const found = await this.deps.pro.lookup.search(proContext(step.context), {
      name: `${draft.firstName} ${draft.lastName}`,
      birthDate: draft.birthDate,
    });
    if (found.outcome === 'found' && found.matches.length > 0) {
      await sendProCard(step.context, { lines: [this.deps.t('pro:new_person.already_known')] }, this.deps.t);
      return step.replaceDialog(FILE_DIALOG, { beneficiaryId: found.matches[0].id });
    }
    // Under an age limit the Département has not published: the prescriber is told, and decides.
    const minor = this.minorToConfirm(draft, step.context);
    if (minor) return this.ask(step, AGE, minor);
    return step.next(PREFILLED);
  }

  /** « oui » to the age said: on to the commune; another date: checked again; « non »: the date asked again. */
  private async afterAge(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!step.result) return this.gaveUp(step);
    const draft = this.draft(step);
    if (!isPrefilled(step.result)) {
      const answer = step.result as AgeAnswer;
      if (answer.kind === 'confirmed') draft.minorConfirmed = true;
      else {
        const { birthDate: _wrong, minorConfirmed: _unsaid, ...rest } = draft;
        const next = answer.kind === 'date' ? { ...rest, birthDate: answer.birthDate } : rest;
        return step.replaceDialog(NEW_PERSON_DIALOG, { draft: next } satisfies NewPersonOptions);
      }
    }
    if (draft.communeInsee) return step.next(PREFILLED);
    const elsewhere = (step.values as Values).elsewhere;
    const prompt = elsewhere ? this.otherDepartement(step.context, elsewhere) : this.deps.t('pro:new_person.ask_commune');
    return this.ask(step, COMMUNE, prompt);
  }

  /** « Avec cette date, la personne a 11 ans… » when she is under an assumed minimum age not yet confirmed. */
  private minorToConfirm(draft: Draft, context: TurnContext): string | undefined {
    const programme = proProgramme(context, this.deps);
    if (!programme || draft.minorConfirmed || !draft.birthDate) return undefined;
    const now = this.deps.clock.now();
    if (checkBirthDate(draft.birthDate, now, programme.minimumAge.value) !== 'too_young') return undefined;
    return this.deps.t('pro:new_person.minor_confirm', {
      birth: isoDate(draft.birthDate, this.deps.t),
      age: ageOn(draft.birthDate, now),
      minimum: programme.minimumAge.value,
    });
  }

  private async afterCommune(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!step.result) return this.gaveUp(step);
    if (isFix(step.result)) return this.refill(step, step.result);
    const draft = this.draft(step);
    if (!isPrefilled(step.result)) draft.communeInsee = String(step.result);
    // A mobile given at an earlier question was noted: not asked again.
    if (draft.phone) return step.next({ kind: 'mobile', phone: draft.phone } satisfies PhoneAnswer);
    return this.ask(step, PHONE, this.deps.t('pro:new_person.ask_phone'));
  }

  private async afterPhone(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (isFix(step.result)) return this.refill(step, step.result);
    const answer = step.result as PhoneAnswer | undefined;
    if (answer === undefined) return this.gaveUp(step);
    const { t } = this.deps;
    // A landline takes no SMS, and the file keeps a mobile only (the one SMS go to): said, then on without it.
    if (answer.kind === 'landline') await sendProCard(step.context, { lines: [landlineLine(step.context, this.deps)] }, t);
    const draft = this.draft(step);
    const person: NewPerson = {
      firstName: draft.firstName!,
      lastName: draft.lastName!,
      birthDate: draft.birthDate!,
      communeInsee: draft.communeInsee!,
      ...(answer.kind === 'mobile' ? { phone: answer.phone } : {}),
    };
    return step.replaceDialog(PRESCRIBE_DIALOG, { newPerson: person } satisfies PrescribeOptions);
  }

  /**
   * An answer to an earlier question typed at this one (« ah non pardon
   * c'est le 13/12/1950 » at « Sa commune ? », « il s'appelle Robert
   * Malzac » at the phone): the fields it gives other than the one asked,
   * read as at the final confirmation; a landline there is said to take no
   * SMS (at the phone question, it is that question's own answer).
   * Undefined when it gives none, so the question reads its own answer.
   */
  private readFix(text: string, context: TurnContext, asked: Field): ParseResult<Fix> | undefined {
    const read = correctNewPerson({} as NewPerson, text, context, this.deps, this.deps.clock.now());
    if (read.outcome === 'none') return undefined;
    // A commune elsewhere is no correction: words like « pas » name some (Le Pas), and the commune question refuses its own.
    if (read.outcome === 'refused') return undefined;
    const fix: Draft = read.person;
    const others = (Object.keys(fix) as (keyof NewPerson)[]).filter((key) => key !== asked && fix[key] !== undefined);
    if (others.length === 0 && (asked === 'phone' || read.lines.length === 0)) return undefined;
    return { value: { fix, lines: read.lines } };
  }

  /**
   * The form with what an answer gave for other questions, its open
   * questions asked again after saying what changed: « J'ai noté … » for a
   * field still empty, « C'est corrigé : … » for one given before, « C'est
   * déjà noté : … » when all it gave was there already.
   */
  private async refill(step: WaterfallStepContext, { fix, lines }: Fix): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const before = this.draft(step);
    const said: Record<'noted' | 'corrected' | 'same', string[]> = { noted: [], corrected: [], same: [] };
    const give = (was: string | undefined, now: string, words: string, values: Record<string, string>) => {
      if (was === undefined) said.noted.push(t(`pro:new_person.noted_${words}`, values));
      else said[was === now ? 'same' : 'corrected'].push(t(`pro:new_person.prefilled_${words}`, values));
    };
    const name = (person: Draft) => (person.firstName ? `${person.firstName} ${person.lastName}` : undefined);
    if (fix.firstName) give(name(before), name(fix)!, 'name', { name: name(fix)! });
    if (fix.birthDate) give(before.birthDate, fix.birthDate, 'birth', { birth: isoDate(fix.birthDate, t) });
    if (fix.communeInsee) {
      const commune = this.communes().getByInsee(fix.communeInsee)?.name ?? fix.communeInsee;
      give(before.communeInsee, fix.communeInsee, 'commune', { commune });
    }
    if (fix.phone) give(before.phone, fix.phone, 'phone', { phone: phoneDisplay(fix.phone) });
    const notice = [
      ...(said.corrected.length > 0 ? [t('pro:new_person.corrected', { details: said.corrected.join(', ') })] : []),
      ...(said.noted.length > 0 ? [t('pro:new_person.noted', { details: said.noted.join(' et ') })] : []),
      ...(said.corrected.length + said.noted.length === 0 && said.same.length > 0
        ? [t('pro:new_person.already_noted', { details: said.same.join(', ') })]
        : []),
      ...lines,
    ].join('\n');
    return step.replaceDialog(NEW_PERSON_DIALOG, { draft: { ...before, ...fix }, notice } satisfies NewPersonOptions);
  }

  private communes() {
    return this.deps.services.placeSearch.communes;
  }

  private servedDepartements(): string[] {
    return this.deps.programmes.map((p) => p.departement.code);
  }

  private ownDepartement(context: TurnContext) {
    return proProgramme(context, this.deps)?.departement;
  }

  /** « Valence n'est pas en Lozère : … Sa commune en Lozère ? » */
  private otherDepartement(context: TurnContext, commune: string): string {
    const departement = this.ownDepartement(context)?.name ?? '';
    return `${notServedHere(context, this.deps, commune)} ${this.deps.t('pro:new_person.ask_commune_in', { departement })}`;
  }

  /**
   * A commune of the prescriber's département: one elsewhere (another
   * served département, or anywhere in France) is refused at once, kindly,
   * rather than by the prescription after « oui ».
   */
  private readCommune(text: string, context: TurnContext): ParseResult<string> {
    // Typo-tolerant, and « Florac » is Florac Trois Rivières: the search every commune question uses.
    const found = communesForAnswer(this.communes(), communeSearch(), text, this.servedDepartements());
    const own = this.ownDepartement(context)?.code;
    const commune: Commune | undefined = found.find((c) => c.departement === own) ?? found[0];
    if (!commune) return { retry: this.deps.t('pro:new_person.commune_unknown') };
    if (commune.departement !== own) return { retry: this.otherDepartement(context, commune.name) };
    return { value: commune.insee };
  }
}

/** The name question's answer: the name, what followed it, and a year said alone (« née en 1945 »). */
type NamedAnswer = NewPersonDetails & { yearOnly?: string };

function isFix(result: unknown): result is Fix {
  return typeof result === 'object' && result !== null && 'fix' in result;
}

function isPrefilled(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as { prefilled?: unknown }).prefilled === true;
}
