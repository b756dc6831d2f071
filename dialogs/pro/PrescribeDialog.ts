/**
 * Prescribe a carnet: one confirmation, then the service (which enforces
 * the limit atomically), then the outcome and the person's next steps.
 * Every refusal says why and that nothing was written.
 *
 * The prescription's id is drawn when the question is asked and kept in the
 * dialog's state: a « oui » sent again after a turn whose answer was lost
 * (the server killed mid-turn, its state never saved), or two « oui » at
 * once, are the same prescription — one carnet, counted once — and one
 * that a kill left counted without its carnet is completed.
 */
import { randomUUID } from 'node:crypto';
import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { type Programme } from '../../src/domain/programme';
import { ageOn, checkBirthDate, programmeLimits } from '../../src/domain/prescriptionRules';
import { frenchList, type Translate } from '../../src/i18n';
import { matchCommand } from '../../src/nlu/commands';
import { recognizeChoice } from '../../src/nlu/choiceRecognizer';
import type { NewPerson, PrescriptionOutcome } from '../../src/services/pro/prescription';
import type { BalanceSummary } from '../../src/domain/balance';
import { normalize } from '../../src/nlu/normalize';
import { matchProIntent } from '../../src/nlu/proRequest';
import { sendProCard } from './cards';
import { currentProfessional, type ProDialogDeps, proContext, proProgramme } from './proContext';
import { coordinationContact, isoDate, phoneDisplay, proDate, sendRefusal } from './proFormat';
import { ProPrompt } from './ProPrompt';
import { reach } from '../humanContacts';
import { birthDateRefusal, correctNewPerson } from './newPersonCorrection';

export const PRESCRIBE_DIALOG = 'pro.prescribe';
const CONFIRM = 'pro.prescribe.confirm';
const FIX = 'pro.prescribe.fix';

export interface PrescribeOptions {
  beneficiaryId?: string;
  newPerson?: NewPerson;
  /** A question was asked at the confirmation (« elle a combien d'heures déjà ? »): its answer comes with it again, even « none ». */
  askedHours?: boolean;
  /** « prescrire un autre carnet » at the confirmation: said to be what is asked, then the same question. */
  restated?: boolean;
  /** The answer to the confirmation was neither yes nor no (« bof je sais pas »): asked again, once, before nothing is done. */
  unclear?: boolean;
}

/**
 * « ok », « ouais », « ok go » are a yes and « laisse tomber » a no, as at a beneficiary's confirmation
 * (a prescriber's « ok » read as « non » said « Rien n'a été prescrit »); undefined when it is neither.
 */
function yesOrNo(text: string, t: Translate): 'yes' | 'no' | undefined {
  if (matchCommand(text) === 'cancel') return 'no';
  const picked = recognizeChoice(text, [
    { value: t('common.yes'), synonyms: [...frenchList('common.yes_synonyms'), ...frenchList('pro:prescribe.yes_words')] },
    { value: t('common.no'), synonyms: frenchList('common.no_synonyms') },
  ]);
  return picked === undefined ? undefined : picked.index === 0 ? 'yes' : 'no';
}

/** Kept in the waterfall's state between the question and the answer. */
interface PrescribeValues {
  prescriptionId?: string;
  /** « 2e carnet pour Martine Delmas »: what « non » leaves undone, said with it. */
  notDone?: string;
}

export class PrescribeDialog extends ComponentDialog {
  constructor(private readonly deps: ProDialogDeps) {
    super(PRESCRIBE_DIALOG);
    this.addDialog(new ProPrompt(CONFIRM, deps.t));
    this.addDialog(new ProPrompt(FIX, deps.t));
    this.addDialog(
      new WaterfallDialog(`${PRESCRIBE_DIALOG}.flow`, [this.confirm.bind(this), this.prescribe.bind(this), this.afterFix.bind(this)]),
    );
    this.initialDialogId = `${PRESCRIBE_DIALOG}.flow`;
  }

  private async confirm(step: WaterfallStepContext<PrescribeOptions>): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    const programme = proProgramme(step.context, this.deps);
    if (!programme) return step.endDialog();
    const limits = programmeLimits(programme);
    const book = programme.voucherBook.word;
    let question: string;
    if (step.options.newPerson) {
      const person = step.options.newPerson;
      const commune = services.placeSearch.communes.getByInsee(person.communeInsee);
      const minor = this.minorLine(step, person);
      question =
        (minor ? `${minor}\n` : '') +
        t('pro:prescribe.confirm_new', {
          name: `${person.firstName} ${person.lastName}`,
          birth: isoDate(person.birthDate, t),
          commune: commune?.name ?? person.communeInsee,
          phone: person.phone ? t('pro:prescribe.confirm_phone', { phone: phoneDisplay(person.phone) }) : '',
          book,
          hours: limits.hoursPerBook,
        });
    } else {
      // The person's name and count are read by the service only after the rights check.
      const file = await this.deps.pro.lookup.file(proContext(step.context), step.options.beneficiaryId ?? '', this.deps.clock.now());
      if (file.outcome !== 'file') {
        if (file.outcome === 'refused') await sendRefusal(step.context, file, t, proProgramme(step.context, this.deps));
        else await sendProCard(step.context, { lines: [t('pro:prescribe.not_found')] }, t);
        return step.endDialog();
      }
      const next = file.booksIssued + 1;
      const ordinal = next === 1 ? t('pro:prescribe.ordinal_1') : t('pro:prescribe.ordinal_other', { count: next });
      const name = `${file.beneficiary.firstName} ${file.beneficiary.lastName}`;
      (step.values as PrescribeValues).notDone = t('pro:prescribe.cancelled_existing', { ordinal, book, name });
      // Hours still on a carnet may make this one unneeded: said before « oui », and again when asked.
      const left =
        hoursStillLeft(file.balances, book, t) ?? (step.options.askedHours ? t('pro:prescribe.no_hours_left', { book }) : undefined);
      question = [
        ...(step.options.unclear ? [t('common.didnt_understand')] : []),
        ...(step.options.restated ? [t('pro:prescribe.restated', { book })] : []),
        ...(left ? [left] : []),
        t('pro:prescribe.confirm_existing', { ordinal, book, hours: limits.hoursPerBook, name }),
      ].join('\n');
    }
    (step.values as PrescribeValues).prescriptionId = randomUUID();
    return step.prompt(CONFIRM, { prompt: question, choices: [t('common.yes'), t('common.no')] });
  }

  private async prescribe(step: WaterfallStepContext<PrescribeOptions>): Promise<DialogTurnResult> {
    const { t, pro } = this.deps;
    const text = String(step.result);
    const answer = yesOrNo(text, t);
    const yes = answer && { index: answer === 'yes' ? 0 : 1 };
    const newPerson = step.options.newPerson;
    if (newPerson) {
      // « non en fait il habite à Florac »: that field changes and the confirmation comes again; the rest is kept.
      const fixed = await this.confirmCorrected(step, newPerson, text);
      if (fixed) return fixed;
      // « laisse tomber je verrai demain »: the form is dropped, and said so.
      if (matchCommand(text) === 'cancel') {
        await sendProCard(step.context, { lines: [t('pro:prescribe.cancelled')] }, t);
        return step.endDialog();
      }
      // « non », or something else than « oui »: what to correct, rather than losing the whole form.
      if (!yes || yes.index !== 0) return step.prompt(FIX, { prompt: t('pro:prescribe.what_to_fix'), choices: [t('common.no')] });
    }
    // « attendez elle a combien d'heures deja ? »: a question is no « non »; answered, then the same question again.
    if (!yes && !newPerson && isQuestion(text))
      return step.replaceDialog(PRESCRIBE_DIALOG, { ...step.options, askedHours: true } satisfies PrescribeOptions);
    // « prescrire un autre carnet »: what the question proposes, said again; « oui » still decides.
    if (!yes && !newPerson && matchProIntent(text) === 'prescribe')
      return step.replaceDialog(PRESCRIBE_DIALOG, { ...step.options, restated: true } satisfies PrescribeOptions);
    // Neither yes nor no: the question once more, rather than « Rien n'a été prescrit » for a « bof ».
    if (!yes && !step.options.unclear)
      return step.replaceDialog(PRESCRIBE_DIALOG, { ...step.options, unclear: true } satisfies PrescribeOptions);
    if (!yes || yes.index !== 0) {
      const notDone = (step.values as PrescribeValues).notDone;
      await sendProCard(step.context, { lines: [notDone ?? t('pro:prescribe.cancelled')] }, t);
      return step.endDialog();
    }
    const outcome = await pro.prescription.prescribe(proContext(step.context), {
      requestId: (step.values as PrescribeValues).prescriptionId ?? randomUUID(),
      beneficiaryId: step.options.beneficiaryId,
      newPerson: step.options.newPerson,
      // The « oui » answered a question that said her age against the assumed limit.
      ...(newPerson && this.minorLine(step, newPerson) ? { minorConfirmed: true } : {}),
      now: this.deps.clock.now(),
    });
    const programme = proProgramme(step.context, this.deps)!;
    await sendProCard(
      step.context,
      { lines: outcomeLines(outcome, programme, currentProfessional(step.context)?.structure, t, this.deps.clock.now()) },
      t,
    );
    return step.endDialog(outcome.outcome === 'prescribed' ? outcome.beneficiary.id : undefined);
  }

  /** The answer to « Que faut-il corriger ? »: the correction, else « non » stops, else the confirmation again. */
  private async afterFix(step: WaterfallStepContext<PrescribeOptions>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const text = String(step.result);
    const fixed = await this.confirmCorrected(step, step.options.newPerson!, text);
    if (fixed) return fixed;
    const answer = recognizeChoice(text, [t('common.yes'), t('common.no')]);
    if (answer?.index === 1) {
      await sendProCard(step.context, { lines: [t('pro:prescribe.cancelled')] }, t);
      return step.endDialog();
    }
    await sendProCard(step.context, { lines: [t('pro:prescribe.fix_unreadable')] }, t);
    return step.replaceDialog(PRESCRIBE_DIALOG, step.options);
  }

  /** « Attention : elle a 11 ans… » when the new person is under the programme's minimum age, a limit only assumed. */
  private minorLine(step: WaterfallStepContext, person: NewPerson): string | undefined {
    const programme = proProgramme(step.context, this.deps);
    const now = this.deps.clock.now();
    if (!programme?.minimumAge.assumed || checkBirthDate(person.birthDate, now, programme.minimumAge.value) !== 'too_young')
      return undefined;
    return this.deps.t('pro:prescribe.minor_reminder', {
      name: `${person.firstName} ${person.lastName}`,
      age: ageOn(person.birthDate, now),
      minimum: programme.minimumAge.value,
    });
  }

  /** The confirmation asked again after a correction (or a commune refused); undefined when the text corrects nothing. */
  private async confirmCorrected(
    step: WaterfallStepContext<PrescribeOptions>,
    person: NewPerson,
    text: string,
  ): Promise<DialogTurnResult | undefined> {
    const correction = correctNewPerson(person, text, step.context, this.deps, this.deps.clock.now());
    if (correction.outcome === 'none') return undefined;
    if (correction.outcome === 'refused') {
      await sendProCard(step.context, { lines: [correction.line] }, this.deps.t);
      return step.replaceDialog(PRESCRIBE_DIALOG, step.options);
    }
    // A corrected birth date that cannot be hers (future, 150 years, under a published minimum age): why, and the same form.
    const refused = birthDateRefusal(correction.person.birthDate, step.context, this.deps);
    if (refused && correction.person.birthDate !== person.birthDate) {
      await sendProCard(step.context, { lines: [refused] }, this.deps.t);
      return step.replaceDialog(PRESCRIBE_DIALOG, step.options);
    }
    if (correction.lines.length > 0) await sendProCard(step.context, { lines: correction.lines }, this.deps.t);
    return step.replaceDialog(PRESCRIBE_DIALOG, { ...step.options, newPerson: correction.person } satisfies PrescribeOptions);
  }
}

/** Reads a carnet number aloud: "L O Z - 7 K 3 F - 9 Q X". */
function spelled(number: string): string {
  return number
    .split('-')
    .map((part) => [...part].join(' '))
    .join(' – ');
}

export function outcomeLines(
  outcome: PrescriptionOutcome,
  programme: Programme,
  structure: string | undefined,
  t: Translate,
  now: Date,
): string[] {
  const book = programme.voucherBook.word;
  switch (outcome.outcome) {
    case 'prescribed': {
      const name = `${outcome.beneficiary.firstName} ${outcome.beneficiary.lastName}`;
      const lines: string[] = [];
      if (outcome.created) lines.push(t('pro:prescribe.created', { name }));
      lines.push(
        t('pro:prescribe.done', {
          book,
          number: outcome.book.number,
          hours: outcome.book.hoursTotal,
          date: proDate(outcome.book.expiresAt, t),
          structure: outcome.book.structure ?? structure ?? '',
          name,
          used: outcome.booksIssued,
          bookWord: book,
          plural: outcome.booksIssued > 1 ? 's' : '',
          ofMax: outcome.limits.maxBooks === null ? '' : t('pro:prescribe.of_max', { max: outcome.limits.maxBooks }),
        }),
        t('pro:prescribe.read_number', { spelled: spelled(outcome.book.number) }),
      );
      // Each place with its phone, or its address and hours: the person must be able to reach it.
      const places = outcome.nearestPlaces.flatMap(({ place }) => {
        const contact = reach(place, t, now);
        return contact ? [{ place, contact }] : [];
      });
      if (places.length) {
        lines.push(t('pro:prescribe.places_intro'));
        for (const { place, contact } of places) {
          lines.push(`- ${t('pro:prescribe.place_line', { name: place.name, commune: place.commune, reach: contact })}`);
        }
      } else lines.push(t('pro:prescribe.no_places', { coordination: coordinationContact(programme, t) }));
      const sms = outcome.sms;
      lines.push(
        sms.sent
          ? t('pro:prescribe.sms_sent', { book })
          : sms.reason === 'not_configured'
            ? t('pro:prescribe.sms_not_configured', { book })
            : sms.reason === 'opted_out'
              ? t('pro:prescribe.sms_opted_out', { book })
              : sms.reason === 'failed'
                ? t('pro:prescribe.sms_failed', { book })
                : t('pro:prescribe.sms_none', { book }),
      );
      return lines;
    }
    case 'limit':
      return [
        outcome.limits.maxBooks === null
          ? t('pro:prescribe.limit_short')
          : t('pro:prescribe.limit', {
              used: outcome.booksIssued,
              hours: outcome.hoursIssued,
              max: outcome.limits.maxBooks,
              maxHours: outcome.limits.maxHours ?? '—',
              bookWord: book,
            }),
      ];
    case 'birth_date':
      return [t(`pro:prescribe.birth_date.${outcome.problem}`, { age: programme.minimumAge.value })];
    case 'refused':
      return [t(`pro:access.refused.${outcome.reason}`)];
    default:
      return [t(`pro:prescribe.${outcome.outcome}`)];
  }
}

/** « Il lui reste 7 h sur son carnet, valables jusqu'au 30/06/2027. », or undefined when none is left. */
function hoursStillLeft(balances: readonly BalanceSummary[], book: string, t: Translate): string | undefined {
  const active = balances.filter((b) => !b.expired && b.hoursLeft + b.hoursReserved > 0);
  if (active.length === 0) return undefined;
  const hours = active.reduce((sum, b) => sum + b.hoursLeft, 0);
  const until = active.map((b) => b.expiresAt).sort((a, b) => b.getTime() - a.getTime())[0];
  return t('pro:prescribe.hours_still_left', { count: hours, book, date: proDate(until, t) });
}

/** A question rather than an answer: a « ? », or the words that ask (« combien », « reste »). */
function isQuestion(text: string): boolean {
  return text.includes('?') || /\b(?:combien|reste|restant|restantes|solde|deja|encore)\b/.test(normalize(text));
}
