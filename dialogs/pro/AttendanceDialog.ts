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
import { readAttendance, type SaidAttendance, saysCorrection } from '../../src/nlu/attendanceWords';
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
  justMarked?: JustMarked;
  /** Attended or missed was said, not for which session: the only one to mark, else ask which. */
  askWhich?: SaidAttendance;
  /** « hier », « lundi »: that day's sessions (a Paris date, yyyy-MM-dd) instead of the range's. */
  day?: string;
}

interface Values {
  bookingIds?: string[];
  labels?: string[];
  /** « Martine D. » for each session offered, to tell by name which one a sentence is about. */
  people?: string[];
  chosen?: string;
  chosenPerson?: string;
  /** The label of the correction button, when one is offered. */
  correctLabel?: string;
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
    const { range, person, justMarked, askWhich, day } = step.options;
    const now = this.deps.clock.now();
    const outcome = await pro.attendance.bookingsToMark(proContext(step.context), range, now, person, day);
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
        person ? t(`pro:sessions.none_person_${none}`, { name: person, day: dayText }) : t(`pro:sessions.none_${none}`, { day: dayText }),
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
      : person
        ? t('pro:sessions.title_person', { name: person })
        : t(`pro:sessions.title_${range}`);
    const card = { title, sections: [{ lines }] };
    const values = step.values as Values;
    values.correctLabel = justMarked
      ? t('pro:sessions.correct_choice', {
          person: justMarked.person,
          status: t(`pro:sessions.status.${justMarked.attended ? 'missed' : 'attended'}`),
        })
      : undefined;
    // Worded by what is true: every session marked, or the rest not begun.
    const upcoming = outcome.bookings.some((s) => s.booking.status === 'confirmed');
    const marked = outcome.bookings.some((s) => s.booking.status !== 'confirmed');
    const nothingLeft = !upcoming ? 'all_marked' : marked ? 'others_not_started' : 'nothing_to_mark';
    // Nothing left to mark and no mark to correct: the list is the answer.
    if (markable.length === 0 && !values.correctLabel) {
      await sendProCard(step.context, { ...card, lines: [t(`pro:sessions.${nothingLeft}`)] }, t);
      return step.endDialog();
    }
    values.bookingIds = markable.map((s) => s.booking.id);
    values.labels = markable.map((s) => bookingChoice(s, t, now));
    values.people = markable.map((s) => (s.beneficiary ? shortName(s.beneficiary) : ''));
    // « martine est pas venue » typed at the menu, one session to mark: that one.
    if (askWhich && markable.length === 1) return this.record(step, values.bookingIds[0], values.people[0], askWhich === 'attended');
    const intro = markable.length === 0 ? nothingLeft : askWhich ? 'which_session' : 'pick';
    return step.prompt(PICK, {
      card: { ...card, lines: [t(`pro:sessions.${intro}`)] },
      choices: [...values.labels, ...(values.correctLabel ? [values.correctLabel] : []), t('pro:menu.back')],
    } as ProPromptOptions);
  }

  private async pick(step: WaterfallStepContext<AttendanceOptions>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const values = step.values as Values;
    const text = String(step.result);
    const sessions = values.labels!.length;
    const correctIndex = values.correctLabel ? sessions : -1;
    const backIndex = sessions + (values.correctLabel ? 1 : 0);
    const match = recognizeChoice(text, [...values.labels!, ...(values.correctLabel ? [values.correctLabel] : []), t('pro:menu.back')]);
    const justMarked = step.options.justMarked;
    // « elle est pas venue », « oups elle était là », « 2 absente »: the session the sentence is about.
    const said = readAttendance(text);
    if (said) {
      if (justMarked && (saysCorrection(text) || sessions === 0)) return this.correct(step, justMarked, said === 'attended');
      const index = this.sessionMeant(text, values) ?? (match && match.index < sessions ? match.index : undefined);
      if (index !== undefined) return this.record(step, values.bookingIds![index], values.people![index], said === 'attended');
      return step.replaceDialog(ATTENDANCE_DIALOG, { ...step.options, askWhich: said } satisfies AttendanceOptions);
    }
    // « je me suis trompée » alone: a mark has two values, the other one is meant.
    if (justMarked && ((match && match.index === correctIndex) || (!match && saysCorrection(text))))
      return this.correct(step, justMarked, !justMarked.attended);
    if (match && match.index === backIndex) return step.endDialog();
    // « absente » first, then which session: that one is marked so.
    const asked = step.options.askWhich;
    if (match && asked) return this.record(step, values.bookingIds![match.index], values.people![match.index], asked === 'attended');
    if (match) return this.askMark(step, match.index);
    // Another request (a name, « séances de la semaine »): the menu reads it.
    return step.endDialog({ retyped: text } satisfies FileEnd);
  }

  /** The one session offered, or the one whose person the sentence names (« martine est pas venue »). */
  private sessionMeant(text: string, values: Values): number | undefined {
    const people = values.people ?? [];
    if (people.length === 1) return 0;
    const words = new Set(normalize(text).split(' '));
    const named = people.flatMap((person, index) => (words.has(normalize(person.split(' ')[0])) ? [index] : []));
    return named.length === 1 ? named[0] : undefined;
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
    if (match && match.index < 2) return this.record(step, values.chosen!, values.chosenPerson ?? '', match.index === 0);
    return step.replaceDialog(ATTENDANCE_DIALOG, { ...step.options, askWhich: undefined } satisfies AttendanceOptions);
  }

  /** Marks one session, says so in one line, and shows the list again (with the way to correct that mark). */
  private async record(
    step: WaterfallStepContext<AttendanceOptions>,
    bookingId: string,
    person: string,
    attended: boolean,
  ): Promise<DialogTurnResult> {
    const { t, pro } = this.deps;
    const outcome = await pro.attendance.record(proContext(step.context), bookingId, attended, this.deps.clock.now());
    await sendProCard(step.context, { lines: [this.recordedLine(outcome, bookWord(step.context, this.deps))] }, t);
    const justMarked = outcome.outcome === 'recorded' ? { bookingId, attended, person } : step.options.justMarked;
    return step.replaceDialog(ATTENDANCE_DIALOG, {
      ...step.options,
      askWhich: undefined,
      ...(justMarked ? { justMarked } : {}),
    } satisfies AttendanceOptions);
  }

  private async correct(
    step: WaterfallStepContext<AttendanceOptions>,
    justMarked: JustMarked,
    attended: boolean,
  ): Promise<DialogTurnResult> {
    const { t, pro } = this.deps;
    const outcome = await pro.attendance.correct(proContext(step.context), justMarked.bookingId, attended, this.deps.clock.now());
    await sendProCard(step.context, { lines: this.correctedLines(outcome, bookWord(step.context, this.deps), step.context) }, t);
    const corrected = outcome.outcome === 'corrected' ? { ...justMarked, attended } : justMarked;
    return step.replaceDialog(ATTENDANCE_DIALOG, {
      ...step.options,
      askWhich: undefined,
      justMarked: corrected,
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
