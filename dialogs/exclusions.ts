/**
 * What the person said against during a booking (« pas le lundi », « pas le
 * matin »), between the moments they ask for and the sentences that list
 * sessions: which exclusions a moment lifts (« finalement lundi ça va »:
 * Monday asked for after « pas le lundi »), what they are after a message,
 * and how they are said back (« sauf le lundi et le matin »).
 */
import { DateTime, type WeekdayNumbers } from 'luxon';
import type { Translate } from '../src/i18n';
import { type AskedFor, exclusionsWithin, partOfHour, type SessionExclusion, updateExclusions } from '../src/domain/sessionExclusions';
import { formatFrench } from '../src/domain/frenchDayFormat';
import type { WhenEntity } from '../src/nlu/whenEntity';
import { joinWithAnd } from '../src/wording';

const ZONE = 'Europe/Paris';

/** The day and part of the day a moment asks for, as far as they can lift what was said against. */
export function askedFor(when: WhenEntity): AskedFor {
  const part = when.partOfDay ? { part: when.partOfDay } : {};
  if (when.otherDay || when.anyDay || when.fromDay) return part;
  const start = DateTime.fromISO(when.start, { zone: ZONE });
  if (when.grain === 'instant') return { day: start.toISODate()!, part: partOfHour(start.hour) };
  const last = DateTime.fromISO(when.end, { zone: ZONE }).minus({ milliseconds: 1 });
  return start.hasSame(last, 'day') ? { day: start.toISODate()!, ...part } : part;
}

/** The exclusions once a moment is said: those it asks for lifted, those it says against added. */
export function exclusionsAfter(earlier: SessionExclusion[] | undefined, when: WhenEntity | undefined): SessionExclusion[] | undefined {
  if (!when) return earlier;
  return updateExclusions(earlier, when.excludes, askedFor(when));
}

/** « le lundi », « le lundi 7 décembre », « le matin », « le lundi matin », joined: « le lundi et le matin ». */
export function describeExclusions(exclusions: readonly SessionExclusion[], t: Translate): string {
  const words = exclusions.map((e) => {
    const day = e.day
      ? formatFrench(DateTime.fromISO(e.day, { zone: ZONE }).setLocale('fr'), t('moment.format_day'))
      : e.weekday
        ? DateTime.fromObject({ weekday: e.weekday as WeekdayNumbers }, { zone: ZONE })
            .setLocale('fr')
            .toFormat('cccc')
        : undefined;
    if (!day) return t(`moment.parts.${e.part}`);
    return e.part ? t('moment.day_part', { day, part: t(`moment.part.${e.part}`) }) : t('moment.day', { day });
  });
  return joinWithAnd(words, t);
}

/** What is left out of the sessions from `first` to `last` (YYYY-MM-DD), said back; undefined when nothing is. */
export function exceptWords(exclusions: SessionExclusion[] | undefined, first: string, last: string, t: Translate): string | undefined {
  const within = exclusionsWithin(exclusions, first, last);
  return within.length > 0 ? describeExclusions(within, t) : undefined;
}
