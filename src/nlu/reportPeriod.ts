/**
 * The period a question about the programme's figures names, as Paris
 * calendar dates (inclusive), read from the context's "now":
 *
 *   « novembre », « en octobre 2025 »   → that month (a month without a year is the last one begun:
 *                                         « janvier » in December is this January, « novembre » in March last November)
 *   « novembre dernier »                 → the last one before this month
 *   « ce mois ci », « le mois dernier »  → this month so far, the whole previous month
 *   « cette semaine », « la semaine derniere », « aujourd hui », « hier »
 *   « cette annee », « l annee derniere », « en 2025 »
 *   « depuis septembre », « depuis le 15 octobre », « depuis le debut de l annee », « depuis 2025 » → until today
 *   « de septembre a novembre », « du 1er octobre au 15 novembre » → from one to the other
 *
 * A period still under way ends today; one that has not begun yet is
 * `future` (« le mois prochain », « janvier 2027 » in 2026), with its real
 * end, so the answer can say which. Nothing named: undefined (the caller's
 * default, the year so far). Pure.
 */
import { DateTime } from 'luxon';
import { MONTHS } from './birthDate';
import { normalize } from './normalize';

const ZONE = 'Europe/Paris';

export interface ReportPeriod {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  /** The period begins after today: there are no figures yet. */
  future: boolean;
  /** The words that named it, normalised (« le mois dernier »). */
  words: string;
}

/** « sept » is also seven (« les sept derniers jours »): not read as September here. */
const MONTH_NAMES = Object.keys(MONTHS).filter((name) => name !== 'sept');
const MONTH = `(${MONTH_NAMES.join('|')})`;
const YEAR = '((?:19|20)\\d\\d)';
const DAY = '(\\d{1,2}|1er|premier)';

type Reader = (match: RegExpExecArray, today: DateTime) => [DateTime, DateTime] | undefined;

const dayNumber = (day: string | undefined) => (!day ? 1 : day === '1er' || day === 'premier' ? 1 : Number(day));

/** The month said: with its year, or the last one begun (strictly before this one after « dernier »). */
function monthStart(name: string, year: string | undefined, today: DateTime, before = false): DateTime {
  const month = MONTHS[name];
  if (year) return DateTime.fromObject({ year: Number(year), month, day: 1 }, { zone: ZONE });
  const thisYear = month < today.month || (month === today.month && !before);
  return DateTime.fromObject({ year: today.year - (thisYear ? 0 : 1), month, day: 1 }, { zone: ZONE });
}

/** A day of a month said (« le 15 octobre »): invalid days give nothing. */
function dayOf(start: DateTime, day: string | undefined): DateTime | undefined {
  const date = start.set({ day: dayNumber(day) });
  return date.isValid && date.month === start.month ? date : undefined;
}

const wholeMonth = (day: DateTime): [DateTime, DateTime] => [day.startOf('month'), day.endOf('month').startOf('day')];
const wholeWeek = (day: DateTime): [DateTime, DateTime] => [day.startOf('week'), day.endOf('week').startOf('day')];
const wholeYear = (y: number): [DateTime, DateTime] => {
  const start = DateTime.fromObject({ year: y }, { zone: ZONE });
  return [start, start.endOf('year').startOf('day')];
};

/** Tried in order: the longest forms first, so « depuis septembre » is not read as September alone. */
const READERS: [RegExp, Reader][] = [
  // « de septembre a novembre », « du 1er octobre au 15 novembre 2026 », « entre octobre et novembre »
  [
    new RegExp(
      `\\b(?:de|d|du|entre) (?:le )?(?:${DAY} )?${MONTH}(?: ${YEAR})? (?:a|au|et|jusqu a|jusqu au|jusqu en) (?:le )?(?:${DAY} )?${MONTH}(?: ${YEAR})?\\b`,
    ),
    (m, today) => {
      const endMonth = monthStart(m[5], m[6] ?? m[3], today);
      const startYear = m[3] ?? String(MONTHS[m[2]] <= endMonth.month ? endMonth.year : endMonth.year - 1);
      const start = dayOf(monthStart(m[2], startYear, today), m[1]);
      const end = m[4] ? dayOf(endMonth, m[4]) : endMonth.endOf('month').startOf('day');
      return start && end && start <= end ? [start, end] : undefined;
    },
  ],
  [/\bdepuis (?:le )?debut (?:de l annee|de cette annee|d annee)\b/, (_m, today) => [today.startOf('year'), today]],
  [/\bdepuis (?:le )?debut (?:du|de ce) mois\b/, (_m, today) => [today.startOf('month'), today]],
  [
    new RegExp(`\\bdepuis (?:le )?(?:debut )?(?:(?:de |d )?${DAY} )?(?:de |d )?${MONTH}(?: ${YEAR})?\\b`),
    (m, today) => {
      const start = dayOf(monthStart(m[2], m[3], today), m[1]);
      return start ? [start, today] : undefined;
    },
  ],
  [new RegExp(`\\bdepuis ${YEAR}\\b`), (m, today) => [DateTime.fromObject({ year: Number(m[1]) }, { zone: ZONE }), today]],
  [
    new RegExp(`\\b${MONTH}(?: ${YEAR})?( dernier| passe)?\\b`),
    (m, today) => {
      const start = monthStart(m[1], m[2], today, !!m[3]);
      return [start, start.endOf('month').startOf('day')];
    },
  ],
  [/\b(?:le |du )?mois (?:dernier|passe|precedent)\b/, (_m, today) => wholeMonth(today.minus({ months: 1 }))],
  [/\b(?:le |du )?mois prochain\b/, (_m, today) => wholeMonth(today.plus({ months: 1 }))],
  [/\b(?:ce mois(?: ci)?|du mois|le mois en cours|mois en cours)\b/, (_m, today) => [today.startOf('month'), today]],
  [/\b(?:la |de la )?semaine (?:derniere|passee|precedente)\b/, (_m, today) => wholeWeek(today.minus({ weeks: 1 }))],
  [/\b(?:la |de la )?semaine prochaine\b/, (_m, today) => wholeWeek(today.plus({ weeks: 1 }))],
  [/\b(?:cette semaine|de la semaine|semaine en cours)\b/, (_m, today) => [today.startOf('week'), today]],
  [/\baujourd hui\b/, (_m, today) => [today, today]],
  [/\bhier\b/, (_m, today) => [today.minus({ days: 1 }), today.minus({ days: 1 })]],
  [/\b(?:l annee|l an) (?:derniere|dernier|passee|passe|precedente)\b/, (_m, today) => wholeYear(today.year - 1)],
  [/\b(?:l annee prochaine|l an prochain)\b/, (_m, today) => wholeYear(today.year + 1)],
  [/\b(?:cette annee|de l annee|annee en cours|l annee en cours)\b/, (_m, today) => [today.startOf('year'), today]],
  [new RegExp(`\\b(?:en |de |pour |annee )?${YEAR}\\b`), (m) => wholeYear(Number(m[1]))],
];

export function findReportPeriod(text: string, now: Date): ReportPeriod | undefined {
  const said = normalize(text).replace(/\?/g, ' ');
  const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day');
  for (const [pattern, read] of READERS) {
    const match = pattern.exec(said);
    const span = match ? read(match, today) : undefined;
    if (!span) continue;
    const [start, end] = span;
    const future = start > today;
    return { from: start.toISODate()!, to: (future || end <= today ? end : today).toISODate()!, future, words: match![0].trim() };
  }
  return undefined;
}
