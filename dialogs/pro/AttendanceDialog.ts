/**
 * A trainer's booked sessions (today or this week) at their places; pick
 * one to mark it attended or missed. A session not started yet cannot be
 * marked; one already marked says so.
 */
import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { frenchList, type Translate } from '../../src/i18n';
import { recognizeChoice } from '../../src/nlu/choiceRecognizer';
import type { BookingToMark, BookingRange } from '../../src/services/pro/attendance';
import { shortName } from '../../src/services/pro/beneficiaryLookup';
import { sendProCard } from './cards';
import { type ProDialogDeps, proContext, proProgramme } from './proContext';
import { proDateTime, sendRefusal } from './proFormat';
import { ProPrompt, type ProPromptOptions } from './ProPrompt';

export const ATTENDANCE_DIALOG = 'pro.sessions';
const PICK = 'pro.sessions.pick';
const MARK = 'pro.sessions.mark';

export interface AttendanceOptions {
  range: BookingRange;
}

interface Values {
  bookingIds?: string[];
  labels?: string[];
  chosen?: string;
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
    const range = step.options.range;
    const now = this.deps.clock.now();
    const outcome = await pro.attendance.bookingsToMark(proContext(step.context), range, now);
    if (outcome.outcome === 'refused') {
      await sendRefusal(step.context, outcome, t, proProgramme(step.context, this.deps));
      return step.endDialog();
    }
    if (outcome.bookings.length === 0) {
      await sendProCard(step.context, { lines: [t(`pro:sessions.none_${range}`)] }, t);
      return step.endDialog();
    }
    const programme = proProgramme(step.context, this.deps);
    const themeLabel = (id?: string) => programme?.content.themes.find((theme) => theme.id === id)?.label;
    // Only a session that has started can be marked: the others are listed, not offered.
    const markable = outcome.bookings.filter((s) => s.booking.status === 'confirmed' && s.slot.start.getTime() <= now.getTime());
    // The theme and, when the person wrote some, their own words (« ma déclaration PAC »).
    const subjectOf = ({ themeId, subject }: BookingToMark['booking']) =>
      [themeLabel(themeId), subject ? t('pro:sessions.own_words', { words: subject }) : ''].filter(Boolean).join(' ') || undefined;
    const lines = outcome.bookings.map((s) => bookingLine(s, t, now, subjectOf(s.booking)));
    const card = { title: t(`pro:sessions.title_${range}`), sections: [{ lines }] };
    if (markable.length === 0) {
      await sendProCard(step.context, { ...card, lines: [t('pro:sessions.nothing_to_mark')] }, t);
      return step.endDialog();
    }
    const values = step.values as Values;
    values.bookingIds = markable.map((s) => s.booking.id);
    values.labels = markable.map((s) => bookingChoice(s, t));
    return step.prompt(PICK, {
      card: { ...card, lines: [t('pro:sessions.pick')] },
      choices: [...values.labels, t('pro:menu.back')],
    } as ProPromptOptions);
  }

  private async pick(step: WaterfallStepContext<AttendanceOptions>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const values = step.values as Values;
    const match = recognizeChoice(String(step.result), [...values.labels!, t('pro:menu.back')]);
    if (!match || match.index >= values.bookingIds!.length) return step.endDialog();
    values.chosen = values.bookingIds![match.index];
    return step.prompt(MARK, {
      prompt: t('pro:sessions.ask', { session: values.labels![match.index] }),
      choices: [t('pro:sessions.attended'), t('pro:sessions.missed'), t('pro:sessions.back')],
    });
  }

  private async mark(step: WaterfallStepContext<AttendanceOptions>): Promise<DialogTurnResult> {
    const { t, pro } = this.deps;
    const values = step.values as Values;
    // « presente », « pas venue »: a trainer's own words for the two answers count as them.
    const match = recognizeChoice(String(step.result), [
      { value: t('pro:sessions.attended'), synonyms: frenchList('pro:sessions.attended_synonyms') },
      { value: t('pro:sessions.missed'), synonyms: frenchList('pro:sessions.missed_synonyms') },
      t('pro:sessions.back'),
    ]);
    if (match && match.index < 2) {
      const outcome = await pro.attendance.record(proContext(step.context), values.chosen!, match.index === 0, this.deps.clock.now());
      const book = proProgramme(step.context, this.deps)?.voucherBook.word ?? this.deps.t('common.book_word');
      let line: string;
      if (outcome.outcome === 'refused') line = t(`pro:access.refused.${outcome.reason}`);
      else if (outcome.outcome === 'recorded')
        line =
          outcome.booking.status === 'attended'
            ? t('pro:sessions.recorded_attended', { count: outcome.booking.hours, book })
            : t(`pro:sessions.recorded_missed_${outcome.settlement}`);
      else if (outcome.outcome === 'already_marked')
        line = t('pro:sessions.already_marked', { status: t(`pro:sessions.status.${outcome.booking.status}`) });
      else line = t(`pro:sessions.${outcome.outcome}`);
      await sendProCard(step.context, { lines: [line] }, t);
    }
    return step.replaceDialog(ATTENDANCE_DIALOG, step.options);
  }
}

/** A session in the list: when, who, where, what about, and where it stands. */
export function bookingLine(entry: BookingToMark, t: Translate, now: Date, subject?: string): string {
  const upcoming = entry.booking.status === 'confirmed' && entry.slot.start.getTime() > now.getTime();
  return t('pro:sessions.line', {
    when: proDateTime(entry.slot.start, t),
    person: entry.beneficiary ? shortName(entry.beneficiary) : t('pro:sessions.unknown_person'),
    place: entry.place?.name ?? t('pro:sessions.unknown_place'),
    subject: subject ?? t('pro:sessions.no_subject'),
    status: t(upcoming ? 'pro:sessions.status.upcoming' : `pro:sessions.status.${entry.booking.status}`),
  });
}

/** A button: the session's time and person only; the rest is in the list above it. */
function bookingChoice(entry: BookingToMark, t: Translate): string {
  return t('pro:sessions.choice', {
    when: proDateTime(entry.slot.start, t),
    person: entry.beneficiary ? shortName(entry.beneficiary) : t('pro:sessions.unknown_person'),
  });
}
