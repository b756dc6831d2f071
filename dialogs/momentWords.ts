/**
 * The moment a person asked for, said back in the bot's own French — never
 * their words echoed (« 15 decembre », « aprem »): « le mardi 15 décembre »,
 * « le jeudi 3 décembre après-midi », « du lundi 7 au dimanche 13 décembre,
 * l'après-midi », « en janvier ». It completes sentences such as
 * « Voici les séances libres {{when}} : ».
 */
import { DateTime } from 'luxon';
import type { Translate } from '../src/i18n';
import type { WhenEntity } from '../src/nlu/whenEntity';
import { formatFrench } from '../src/domain/frenchDayFormat';
import { formatSlotStart } from '../src/wording';

const ZONE = 'Europe/Paris';

function paris(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: ZONE }).setLocale('fr');
}

/** « mardi 15 décembre » */
export function formatDay(date: Date | string, t: Translate): string {
  const day = typeof date === 'string' ? paris(date) : DateTime.fromJSDate(date, { zone: ZONE }).setLocale('fr');
  return formatFrench(day, t('moment.format_day'));
}

export function describeMoment(
  when: Pick<WhenEntity, 'start' | 'end' | 'grain' | 'partOfDay' | 'anyDay' | 'fromDay'>,
  t: Translate,
): string {
  if (when.anyDay && when.partOfDay) return t(`moment.parts.${when.partOfDay}`);
  if (when.fromDay) {
    const from = t('moment.from', { day: formatFrench(paris(when.start), t('moment.format_day')) });
    return when.partOfDay ? t('moment.several_days_part', { moment: from, part: t(`moment.parts.${when.partOfDay}`) }) : from;
  }
  const start = paris(when.start);
  // The end is exclusive: the last day of a range is the day before it.
  const last = paris(when.end).minus({ milliseconds: 1 });
  const oneDay = start.hasSame(last, 'day');
  if (when.grain === 'instant') return t('moment.instant', { session: formatSlotStart(start.toJSDate(), t) });
  if (oneDay) {
    const day = formatFrench(start, t('moment.format_day'));
    return when.partOfDay ? t('moment.day_part', { day, part: t(`moment.part.${when.partOfDay}`) }) : t('moment.day', { day });
  }
  const whole = when.grain === 'month' && start.day === 1 && last.hasSame(start, 'month') && last.day === start.daysInMonth;
  const span = whole
    ? t('moment.month', { month: formatFrench(start, t('moment.format_month')) })
    : t('moment.range', {
        from: formatFrench(start, t(start.hasSame(last, 'month') ? 'moment.format_day_short' : 'moment.format_day')),
        to: formatFrench(last, t('moment.format_day')),
      });
  return when.partOfDay ? t('moment.several_days_part', { moment: span, part: t(`moment.parts.${when.partOfDay}`) }) : span;
}
