/**
 * A trainer's booked sessions (today, or the next 7 days) at their places;
 * pick one to mark it attended or missed, or say it in a sentence
 * (« elle est pas venue » when one session is to mark). A session not
 * started yet cannot be marked; one already marked says so. The mark just
 * made can be corrected (« oups, elle était là »), when that moves no hour.
 * Looked up by name (« josiane bertrand »), the list holds that person's
 * sessions only, or says no one by that name is booked.
 */
import type { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { frenchList, type Translate } from '../../src/i18n';
import { officialThemeName } from '../../src/domain/programme';
import {
  attendanceClauses,
  readAttendance,
  type SaidAttendance,
  saysCorrection,
  withoutAttendanceWords,
} from '../../src/nlu/attendanceWords';
import { parsePersonQuery } from '../../src/nlu/proRequest';
import { recognizeChoice } from '../../src/nlu/choiceRecognizer';
import { normalize } from '../../src/nlu/normalize';
import type { AttendanceOutcome, BookingToMark, BookingRange, CorrectionOutcome } from '../../src/services/pro/attendance';
import { shortName } from '../../src/services/pro/beneficiaryLookup';
import { sendProCard } from './cards';
import type { FileEnd } from './FileDialog';
import { type ProDialogDeps, proContext, proProgramme } from './proContext';
import { coordinationContact, proDateTime, sendRefusal } from './proFormat';
import { formatDayNoted, formatSlotStartShortFrom } from '../../src/wording';
import { ProPrompt, type ProPromptOptions } from './ProPrompt';

export const ATTENDANCE_DIALOG = 'pro.sessions';
const PICK = 'pro.sessions.pick';
const MARK = 'pro.sessions.mark';

/** The mark made last in this list: what « je me suis trompée » is about. */
export interface JustMarked {
  bookingId: string;
  attended: boolean;
  /** « Martine D. », for the correction button. */
  person: string;
}

export interface AttendanceOptions {
  range: BookingRange;
  /** Only the sessions of people by this name (a trainer typed a name). */
  person?: string;
  /** Only the sessions paid by this carnet (a trainer typed its number, « LOZ-BRGS-K7J »). */
  voucherBookNumber?: string;
  justMarked?: JustMarked;
  /** Attended or missed was said, not for which session: the only one to mark, else ask which. */
  askWhich?: SaidAttendance;
  /** « hier », « lundi »: that day's sessions (a Paris date, yyyy-MM-dd) instead of the range's. */
  day?: string;
  /** « corriger josette »: the one mark of that person's sessions is turned into the other one. */
  correct?: boolean;
}

/** A session shown that is marked already: it can be corrected (turned into the other mark). */
interface MarkedSession {
  bookingId: string;
  person: string;
  attended: boolean;
  /** Her first and last name, normalised words: what a trainer calls her (« josette », « pradel »). */
  names: string[];
}

interface Values {
  bookingIds?: string[];
  labels?: string[];
  /** « Martine D. » for each session offered, to tell by name which one a sentence is about. */
  people?: string[];
  /** The normalised first and last name words of each session offered. */
  names?: string[][];
  /** The sessions shown already marked, each with its « Corriger » button. */
  marked?: MarkedSession[];
  correctLabels?: string[];
  chosen?: string;
  chosenPerson?: string;
}

/** One thing a message says: mark this session, or correct this mark, to attended or missed. */
interface Statement {
  bookingId: string;
  person: string;
  attended: boolean;
  correction: boolean;
}

export class AttendanceDialog extends ComponentDialog {
  constructor(private readonly deps: ProDialogDeps) {
    super(ATTENDANCE_DIALOG);
    this.addDialog(new ProPrompt(PICK, deps.t));
    this.addDialog(new ProPrompt(MARK, deps.t));
    this.addDialog(new WaterfallDialog(`${ATTENDANCE_DIALOG}.flow`, [this.list.bind(this), this.pick.bind(this), this.mark.bind(this)]));
    this.initialDialogId = `${ATTENDANCE_DIALOG}.flow`;
  }

  private async list(step: WaterfallStepContext<AttendanceOptions>): Promise<DialogTurnResult> {
    const { t, pro } = this.deps;
    const { range, justMarked, askWhich, day, voucherBookNumber } = step.options;
    // Shown as typed in capitals: the carnet's number stands for whose sessions these are.
    const person = voucherBookNumber ?? step.options.person;
    const now = this.deps.clock.now();
    const outcome = await pro.attendance.bookingsToMark(
      proContext(step.context),
      range,
      now,
      step.options.person,
      day,
      voucherBookNumber,
      justMarked?.bookingId,
    );
    if (outcome.outcome === 'refused') {
      await sendRefusal(step.context, outcome, t, proProgramme(step.context, this.deps));
      return step.endDialog();
    }
    const programme = proProgramme(step.context, this.deps);
    // The programme's own name of the theme (« Compétences de base »), as trainers know it.
    const themeLabel = (id?: string) => {
      const theme = programme?.content.themes.find((th) => th.id === id);
      return theme && officialThemeName(theme);
    };
    // The theme and, when the person wrote some, their own words (« ma déclaration PAC »).
    const subjectOf = ({ themeId, subject }: BookingToMark['booking']) =>
      [themeLabel(themeId), subject ? t('pro:sessions.own_words', { words: subject }) : ''].filter(Boolean).join(' ') || undefined;
    if (outcome.bookings.length === 0) {
      const dayText = day ? formatDayNoted(DateTime.fromISO(day, { zone: 'Europe/Paris' }).toJSDate(), now, t) : '';
      const none = day ? 'day' : range;
      const lines = [
        person ? this.nobodyLine(step.context, step.options, none, dayText) : t(`pro:sessions.none_${none}`, { day: dayText }),
      ];
      // Nothing in the range is no reason to hide the next booking after it.
      if (outcome.next) lines.push(t('pro:sessions.next', { session: bookingLine(outcome.next, t, now, subjectOf(outcome.next.booking)) }));
      await sendProCard(step.context, { lines }, t);
      return step.endDialog();
    }
    // Only a session that has started can be marked: the others are listed, not offered.
    const markable = outcome.bookings.filter((s) => s.booking.status === 'confirmed' && s.slot.start.getTime() <= now.getTime());
    const lines = outcome.bookings.map((s) => bookingLine(s, t, now, subjectOf(s.booking)));
    const dayText = day ? formatDayNoted(DateTime.fromISO(day, { zone: 'Europe/Paris' }).toJSDate(), now, t) : '';
    const title = day
      ? person
        ? t('pro:sessions.title_person_day', { name: person, day: dayText })
        : t('pro:sessions.title_day', { day: dayText })
      : voucherBookNumber
        ? t('pro:sessions.title_book', { number: voucherBookNumber, book: bookWord(step.context, this.deps) })
        : person
          ? t('pro:sessions.title_person', { name: person })
          : t(`pro:sessions.title_${range}`);
    const card = { title, sections: [{ lines }] };
    const values = step.values as Values;
    // Every mark shown can be corrected, the one just made first (« oups » is about it).
    const marked = outcome.bookings
      .filter((s) => s.booking.status === 'attended' || s.booking.status === 'missed')
      .map((s) => ({
        bookingId: s.booking.id,
        person: s.beneficiary ? shortName(s.beneficiary) : t('pro:sessions.unknown_person'),
        attended: s.booking.status === 'attended',
        names: namesOf(s),
      }))
      .sort((a, b) => Number(b.bookingId === justMarked?.bookingId) - Number(a.bookingId === justMarked?.bookingId));
    values.marked = marked;
    values.correctLabels = marked.map((m) =>
      t('pro:sessions.correct_choice', { person: m.person, status: t(`pro:sessions.status.${m.attended ? 'missed' : 'attended'}`) }),
    );
    // Worded by what is true: every session marked, or the rest not begun.
    const upcoming = outcome.bookings.some((s) => s.booking.status === 'confirmed');
    const nothingLeft = !upcoming ? 'all_marked' : marked.length > 0 ? 'others_not_started' : 'nothing_to_mark';
    // Nothing left to mark and no mark to correct: the list is the answer.
    if (markable.length === 0 && marked.length === 0) {
      await sendProCard(step.context, { ...card, lines: [t(`pro:sessions.${nothingLeft}`)] }, t);
      return step.endDialog();
    }
    values.bookingIds = markable.map((s) => s.booking.id);
    values.labels = markable.map((s) => bookingChoice(s, t, now));
    values.people = markable.map((s) => (s.beneficiary ? shortName(s.beneficiary) : ''));
    values.names = markable.map(namesOf);
    // « martine est pas venue » typed at the menu, one session to mark: that one; none left but one marked: that mark corrected.
    if (askWhich && markable.length === 1)
      return this.apply(step, [
        { bookingId: values.bookingIds[0], person: values.people[0], attended: askWhich === 'attended', correction: false },
      ]);
    if (askWhich && markable.length === 0 && marked.length === 1)
      return this.apply(step, [{ ...marked[0], attended: askWhich === 'attended', correction: true }]);
    // « corriger josette » at the menu: her one mark, turned into the other one.
    if (step.options.correct && marked.length === 1 && markable.length === 0)
      return this.apply(step, [{ ...marked[0], attended: !marked[0].attended, correction: true }]);
    const intro = markable.length === 0 ? nothingLeft : askWhich ? 'which_session' : 'pick';
    const hint = marked.length > 0 && markable.length === 0 ? [t('pro:sessions.correct_hint')] : [];
    return step.prompt(PICK, {
      card: { ...card, lines: [t(`pro:sessions.${intro}`), ...hint] },
      choices: [...values.labels, ...values.correctLabels, t('pro:menu.back')],
    } as ProPromptOptions);
  }

  /**
   * No session for the name or carnet asked: said for what was typed — a carnet, a first name alone (no
   * « tapez seulement son prénom » then), a full name —, and that nothing was marked when a mark was said.
   */
  private nobodyLine(context: TurnContext, options: AttendanceOptions, none: 'day' | BookingRange, day: string): string {
    const { t } = this.deps;
    const kind = options.voucherBookNumber ? 'book' : options.person!.trim().includes(' ') ? 'person' : 'first_name';
    const name = options.voucherBookNumber ?? options.person!;
    const book = bookWord(context, this.deps);
    const line = t(`pro:sessions.none_${kind}_${none}`, { name, day, book });
    return options.askWhich ? `${line} ${t('pro:sessions.nothing_marked')}` : line;
  }

  private async pick(step: WaterfallStepContext<AttendanceOptions>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const values = step.values as Values;
    const text = String(step.result);
    const sessions = values.labels!.length;
    const marked = values.marked ?? [];
    const correctLabels = values.correctLabels ?? [];
    const backIndex = sessions + correctLabels.length;
    const match = recognizeChoice(text, [...values.labels!, ...correctLabels, t('pro:menu.back')]);
    // A « Corriger : … » button: that mark, turned into the other one.
    if (match && match.index >= sessions && match.index < backIndex) {
      const m = marked[match.index - sessions];
      return this.apply(step, [{ ...m, attended: !m.attended, correction: true }]);
    }
    if (match && match.index === backIndex) return step.endDialog();
    // « elle est pas venue », « oups elle était là », « non elle était là, c'est Sylvie qui est pas venue »: what each part says.
    const statements = this.statements(text, values, step.options.justMarked, match && match.index < sessions ? match.index : undefined);
    if (statements === 'which') {
      return step.replaceDialog(ATTENDANCE_DIALOG, { ...step.options, askWhich: readAttendance(text) } satisfies AttendanceOptions);
    }
    if (statements === 'elsewhere') return step.endDialog({ retyped: text } satisfies FileEnd);
    if (statements.length > 0) return this.apply(step, statements);
    // « absente » first, then which session: that one is marked so.
    const asked = step.options.askWhich;
    if (match && asked)
      return this.apply(step, [
        {
          bookingId: values.bookingIds![match.index],
          person: values.people![match.index],
          attended: asked === 'attended',
          correction: false,
        },
      ]);
    if (match) return this.askMark(step, match.index);
    // Another request (a name, « séances de la semaine »): the menu reads it.
    return step.endDialog({ retyped: text } satisfies FileEnd);
  }

  /**
   * What the message says about which sessions: each clause (« elle était
   * là », « c'est Sylvie qui est pas venue ») names a person of the list,
   * or means the mark just made (a correction word, or nobody named), or
   * the one session to mark. `which` when a mark is said and not for whom;
   * `elsewhere` when it names someone not in this list.
   */
  private statements(
    text: string,
    values: Values,
    justMarked: JustMarked | undefined,
    chosen?: number,
  ): Statement[] | 'which' | 'elsewhere' {
    const marked = values.marked ?? [];
    const clauses = attendanceClauses(text);
    const found: Statement[] = [];
    for (const clause of clauses) {
      const said = readAttendance(clause);
      const correcting = saysCorrection(clause);
      if (!said && !correcting) continue;
      const words = new Set(
        normalize(clause)
          .replace(/[?!.,;:]/g, ' ')
          .split(' '),
      );
      const named = (names: string[]) => names.some((n) => n.length > 1 && words.has(n));
      const toMark = (values.names ?? []).flatMap((names, index) => (named(names) ? [index] : []));
      const markedNamed = marked.filter((m) => named(m.names));
      const just = marked.find((m) => m.bookingId === justMarked?.bookingId);
      const offer = (index: number, attended: boolean): Statement => ({
        bookingId: values.bookingIds![index],
        person: values.people![index],
        attended,
        correction: false,
      });
      const fix = (m: MarkedSession, attended: boolean): Statement => ({ ...m, attended, correction: true });
      // « josette présente » at Sylvie's list: about someone not in it, for the menu to look for.
      if (toMark.length === 0 && markedNamed.length === 0 && parsePersonQuery(withoutAttendanceWords(clause))?.name) return 'elsewhere';
      if (toMark.length === 1 && said) found.push(offer(toMark[0], said === 'attended'));
      else if (markedNamed.length === 1) found.push(fix(markedNamed[0], said ? said === 'attended' : !markedNamed[0].attended));
      // « oups elle était là »: the mark just made; « je me suis trompée » alone: its other value.
      else if (just && (correcting || (said && (values.labels ?? []).length === 0)))
        found.push(fix(just, said ? said === 'attended' : !just.attended));
      else if (said && chosen !== undefined) found.push(offer(chosen, said === 'attended'));
      else if (said && (values.labels ?? []).length === 1) found.push(offer(0, said === 'attended'));
      else if (said) return 'which';
    }
    return found;
  }

  private async askMark(step: WaterfallStepContext<AttendanceOptions>, index: number): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const values = step.values as Values;
    values.chosen = values.bookingIds![index];
    values.chosenPerson = values.people![index];
    return step.prompt(MARK, {
      prompt: t('pro:sessions.ask', { session: values.labels![index] }),
      choices: [t('pro:sessions.attended'), t('pro:sessions.missed'), t('pro:sessions.back')],
    });
  }

  private async mark(step: WaterfallStepContext<AttendanceOptions>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const values = step.values as Values;
    const text = String(step.result);
    // « presente », « pas venue »: a trainer's own words for the two answers count as them.
    const said = readAttendance(text);
    const match = said
      ? { index: said === 'attended' ? 0 : 1 }
      : recognizeChoice(text, [
          { value: t('pro:sessions.attended'), synonyms: frenchList('pro:sessions.attended_synonyms') },
          { value: t('pro:sessions.missed'), synonyms: frenchList('pro:sessions.missed_synonyms') },
          t('pro:sessions.back'),
        ]);
    if (match && match.index < 2)
      return this.apply(step, [
        { bookingId: values.chosen!, person: values.chosenPerson ?? '', attended: match.index === 0, correction: false },
      ]);
    return step.replaceDialog(ATTENDANCE_DIALOG, { ...step.options, askWhich: undefined } satisfies AttendanceOptions);
  }

  /**
   * Marks or corrects each session said, one line each (with the person's
   * name when there are several), and shows the list again with the way to
   * correct the last mark made.
   */
  private async apply(step: WaterfallStepContext<AttendanceOptions>, statements: Statement[]): Promise<DialogTurnResult> {
    const { t, pro } = this.deps;
    const ctx = proContext(step.context);
    const now = this.deps.clock.now();
    const book = bookWord(step.context, this.deps);
    const lines: string[] = [];
    let justMarked = step.options.justMarked;
    const values = step.values as Values;
    const people = new Set([...(values.people ?? []), ...(values.marked ?? []).map((m) => m.person)]);
    // A mark said in a sentence about someone (« odette n'est pas venue », a carnet number) names whom it marked.
    const named = statements.length > 1 || people.size > 1 || !!step.options.person || !!step.options.voucherBookNumber;
    for (const said of statements) {
      let saidLines: string[];
      if (said.correction) {
        const outcome = await pro.attendance.correct(ctx, said.bookingId, said.attended, now);
        saidLines = this.correctedLines(outcome, book, step.context);
        if (outcome.outcome === 'corrected') justMarked = { bookingId: said.bookingId, attended: said.attended, person: said.person };
      } else {
        const outcome = await pro.attendance.record(ctx, said.bookingId, said.attended, now);
        saidLines = [this.recordedLine(outcome, book)];
        if (outcome.outcome === 'recorded') justMarked = { bookingId: said.bookingId, attended: said.attended, person: said.person };
      }
      // Who each line is about, once a message said two things or the list holds several people.
      const [first, ...rest] = saidLines;
      lines.push(said.person && named ? t('pro:sessions.about_person', { person: said.person, line: lowerFirst(first) }) : first, ...rest);
    }
    await sendProCard(step.context, { lines }, t);
    return step.replaceDialog(ATTENDANCE_DIALOG, {
      ...step.options,
      askWhich: undefined,
      correct: undefined,
      ...(justMarked ? { justMarked } : {}),
    } satisfies AttendanceOptions);
  }

  private recordedLine(outcome: AttendanceOutcome, book: string): string {
    const { t } = this.deps;
    if (outcome.outcome === 'refused') return t(`pro:access.refused.${outcome.reason}`);
    if (outcome.outcome === 'recorded')
      return outcome.booking.status === 'attended'
        ? t('pro:sessions.recorded_attended', { count: outcome.booking.hours, book })
        : t(`pro:sessions.recorded_missed_${outcome.settlement}`);
    if (outcome.outcome === 'already_marked')
      return t('pro:sessions.already_marked', { status: t(`pro:sessions.status.${outcome.booking.status}`) });
    return t(`pro:sessions.${outcome.outcome}`);
  }

  private correctedLines(outcome: CorrectionOutcome, book: string, context: TurnContext): string[] {
    const { t } = this.deps;
    switch (outcome.outcome) {
      case 'refused':
        return [t(`pro:access.refused.${outcome.reason}`)];
      case 'corrected':
        return [t(`pro:sessions.corrected_${outcome.booking.status === 'attended' ? 'attended' : 'missed'}`, { book })];
      case 'unchanged':
        return [t('pro:sessions.correction_unchanged', { status: t(`pro:sessions.status.${outcome.booking.status}`) })];
      case 'hours_moved': {
        // The hours went one way already: who can put them right, with how to reach them.
        const programme = proProgramme(context, this.deps);
        const line = t(`pro:sessions.correction_hours_moved_${outcome.settlement}`, { book });
        return programme ? [line, coordinationContact(programme, t)] : [line];
      }
      case 'not_marked':
        return [t('pro:sessions.correction_not_marked')];
      default:
        return [t('pro:sessions.not_found')];
    }
  }
}

/** « C'est noté » → « c'est noté », after « Josette P. — ». */
function lowerFirst(line: string): string {
  return line.charAt(0).toLowerCase() + line.slice(1);
}

/** A session's person as a trainer calls her: her first and last name, normalised words. */
function namesOf(entry: BookingToMark): string[] {
  return entry.beneficiary ? normalize(`${entry.beneficiary.firstName} ${entry.beneficiary.lastName}`).split(' ') : [];
}

/** « carnet », « chéquier »: the programme's word. */
function bookWord(context: TurnContext, deps: ProDialogDeps): string {
  return proProgramme(context, deps)?.voucherBook.word ?? deps.t('common.book_word');
}

/** A session in the list: when, who, where, what about, and where it stands. */
export function bookingLine(entry: BookingToMark, t: Translate, now: Date, subject?: string): string {
  const upcoming = entry.booking.status === 'confirmed' && entry.slot.start.getTime() > now.getTime();
  return t('pro:sessions.line', {
    when: proDateTime(entry.slot.start, now, t),
    person: entry.beneficiary ? shortName(entry.beneficiary) : t('pro:sessions.unknown_person'),
    place: entry.place?.name ?? t('pro:sessions.unknown_place'),
    subject: subject ?? t('pro:sessions.no_subject'),
    status: t(upcoming ? 'pro:sessions.status.upcoming' : `pro:sessions.status.${entry.booking.status}`),
  });
}

/** A button: the session's time and person only; the rest is in the list above it. */
function bookingChoice(entry: BookingToMark, t: Translate, now: Date): string {
  return t('pro:sessions.choice', {
    when: formatSlotStartShortFrom(entry.slot.start, now, t),
    person: entry.beneficiary ? shortName(entry.beneficiary) : t('pro:sessions.unknown_person'),
  });
}
