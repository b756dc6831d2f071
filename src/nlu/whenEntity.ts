/**
 * The moment a message asks for, read in the programme's time zone from the
 * context's "now" (never the system clock), as one range [start, end):
 *
 *   « demain 10h »        → an instant (grain `instant`, the hour said)
 *   « le 15 »             → the 15th of this month, or of the next one once past
 *   « mardi 15 »          → the Tuesday that is a 15th (not the next Tuesday)
 *   « le 5 janvier »      → that day;  « en janvier » → the whole month (grain `month`)
 *   « jeudi aprem », « lundi matin » → that part of that day, `partOfDay` set
 *   « plutôt l'aprem », « le matin » → every day from now on, `partOfDay` and `anyDay` set (the list is filtered by it)
 *   « hier matin »        → yesterday morning, `past` set: never today
 *   « dans 15 jours »     → that day;  « la semaine prochaine » → Monday to Sunday (grain `range`)
 *   « un autre jour »     → `otherDay` set: any day but `context.proposedDay`
 *
 * Beyond `context.bookableUntil`, `beyondHorizon` is set, so the dialog says
 * until when sessions can be booked. These forms are read here, fast and
 * anywhere in a sentence; anything else that looks like a date goes to
 * @microsoft/recognizers-text-suite (dateTimeEntity.ts), which does the rest
 * well but costs tens of milliseconds.
 */
import { leven } from '@nlpjs/similarity';
import { DateTime } from 'luxon';
import { type PartOfDay, PARTS_OF_DAY, type SessionExclusion } from '../domain/sessionExclusions';
import { MONTHS } from './birthDate';
import { cardinalOf } from './cardinalWords';
import { findDateTimes, RECENT_PAST_DAYS } from './dateTimeEntity';
import { saidAgainst } from './exclusionWords';
import { normalize } from './normalize';

export { type PartOfDay, PARTS_OF_DAY };

export interface WhenEntity {
  /** ISO instants with the zone's offset; `end` is exclusive. */
  start: string;
  end: string;
  /** `instant`: an hour was said (start = that hour, end = one hour later). */
  grain: 'instant' | 'day' | 'range' | 'month';
  /** « matin », « aprem », « soir »: only sessions in that part of the day(s). */
  partOfDay?: PartOfDay;
  /** The whole range is before now (« hier matin », « ce matin » at 3 pm). */
  past?: true;
  /** Starts after `bookableUntil`. */
  beyondHorizon?: true;
  /** « un autre jour »: a day other than `excludedDay`; start/end span what may be offered. */
  otherDay?: true;
  /** The day to leave out for `otherDay` (YYYY-MM-DD). */
  excludedDay?: string;
  /** `said`: « pas mercredi » (`excludes` says what is left out; `excludedDay` is its next day); `proposed`: « un autre jour » (after the day shown). */
  excludedBy?: 'said' | 'proposed';
  /** A part of the day said without a day (« plutôt l'après-midi »): start/end span what may be offered. */
  anyDay?: true;
  /** No day said, only an hour (« à 10h », « le matin à 10h »): today's or the next day's, unless a moment asked before gives the day (refinedMoment). */
  hourAlone?: true;
  /** A weekday said alone (« le jeudi », no date, no « prochain »): the next one, unless a week asked before holds one (refinedMoment). */
  weekdayAlone?: true;
  /** « après le 20 », « à partir du 15 »: from `start` on; `end` is the horizon. */
  fromDay?: true;
  /**
   * « jeudi prochain » said on a Wednesday: the coming Thursday (start/end),
   * or the one a week later — people mean either (readingsOf gives both).
   */
  orWeekAfter?: true;
  /**
   * What the message says against (« pas le lundi », « sauf le matin », « pas
   * lundi prochain »), beside or instead of a moment: left out of the whole
   * booking (domain/sessionExclusions.ts).
   */
  excludes?: SessionExclusion[];
  /** The words that said it. */
  text: string;
}

export interface WhenContext {
  now: Date;
  /** What the pending question asks: a message answering « when? » is worth the slower recognizer. */
  expecting?: string;
  zone?: string;
  proposedDay?: string;
  /** The one day of the sessions the person is looking at (YYYY-MM-DD): a time alone is that day's. */
  listedDay?: string;
  bookableUntil?: string;
  /**
   * A session being moved (its day, YYYY-MM-DD): « la semaine d'après », « la
   * semaine suivante » are the week after that session's week, not after today's.
   */
  movedDay?: string;
}

const DEFAULT_ZONE = 'Europe/Paris';
/** How far « un autre jour » looks without a booking horizon. */
const OTHER_DAY_WEEKS = 8;

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

const MONTH = Object.keys(MONTHS).join('|');
const WEEKDAY = WEEKDAYS.join('|');
// « aprés-midi », « aprs midi », « apres midis », « aprem » (and its typos): the afternoon.
const PART = '(?:(matin(?:ee)?|matinees?)|(apr?e?s ?midis?|apre midi|aprem|apm|aprems|aprm)|(soir(?:ee)?s?))';
const RELATIVE_DAY = '(aujourd hui|auj|ce jour|apres demain|demain|avant hier|hier)';

const OTHER_DAY =
  /\b(?:un autre jour|une autre date|un autre moment|une autre fois|pas ce jour la|un jour different|autre jour|autre date)\b/;
/** « dans 15 jours », « dans quinze jours », « dans vingt et un jours »: digits, or number words read by cardinalWords. */
const IN_DAYS = /\bdans (\d{1,3}|[a-z]+(?: [a-z]+){0,3}?) (jours?|semaines?|mois)\b/;
const NEXT_WEEK = /\b(?:la semaine prochaine|semaine prochaine|la semaine d apres|semaine pro)\b/;
/** « la semaine d'après », « la semaine suivante », « la semaine apres »: after a week already in question. */
const WEEK_AFTER = /\b(?:la semaine d apres|la semaine suivante|semaine suivante|la semaine apres)\b/;
const THIS_WEEK = /\b(?:cette semaine|dans la semaine)\b/;
/** « ce week-end », « le we »: Saturday and Sunday (the coming ones). */
const WEEKEND = /\b(?:ce |le |en |du |pour le )?(?:week end|weekend|we)\b(?: prochain)?/;
/** « la semaine du 14 »: the week (Monday to Sunday) holding that day. */
const WEEK_OF = /\bsemaine du (\d{1,2})(?:er)?\b/;
/** « après le 20 », « à partir du 15 », « dès lundi »: from that day on. */
const FROM_DAY = /\b(apres(?! demain\b| midi)|a partir du|a partir de|des|a compter du)(?: le)? (?=\S)/;
const NEXT_MONTH = /\b(?:le mois prochain|mois prochain)\b/;
const THIS_PART = new RegExp(`\\b(?:ce |cet |cette )${PART}\\b`);
const WEEKDAY_DATE = new RegExp(
  `\\b(${WEEKDAY})(?: (prochain|prochaine|d apres))?(?: (\\d{1,2})(?:er)?(?! ?h\\b| ?heures?\\b|\\d)(?: (${MONTH}))?)?\\b`,
);
/** « le 5 janvier », « 1er décembre », « le premier décembre » (the 1st alone is said in words). */
const DAY_MONTH = new RegExp(`\\b(\\d{1,2}|premier)(?:er)? (${MONTH})(?: (\\d{4}))?\\b`);
const NUMERIC_DATE = /\b(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?\b/;
/**
 * Days people name by their feast (« après Noël », « après les fêtes »): the
 * day itself, so that « après » and « à partir de » read on from it. « Les
 * fêtes » end with New Year's Day.
 */
const FEAST_DAYS: readonly { words: RegExp; month: number; day: number }[] = [
  { words: /\b(?:(?:le )?jour de )?noel\b/, month: 12, day: 25 },
  { words: /\b(?:(?:le )?jour de l an|(?:le )?nouvel an|(?:le )?premier de l an|(?:les )?fetes(?: de fin d annee)?)\b/, month: 1, day: 1 },
  { words: /\b(?:la )?toussaint\b/, month: 11, day: 1 },
];
const DAY_ALONE =
  /(?:^|\b(?:le|du|pour le|au)) (\d{1,2})(?:er)?(?! ?h\b| ?heures?\b| ?[/.:]?\d| ?ans\b| ?jours?\b| ?semaines?\b| ?mois\b| ?min)/;
const MONTH_ALONE = new RegExp(
  `\\b(?:(debut|fin|mi|courant) )?(?:(?:en|au mois de|le mois de|mois de|pour|d ici|pour le mois de) )?(${MONTH})(?: (\\d{4}))?\\b`,
);
const TIME = /\b(?:a |vers |pour |des )?(\d{1,2}) ?(?:h|heures?)(?: ?(\d{2}))?\b|\b(\d{1,2}):(\d{2})\b|(?<!\bapr?e?s? ?|\bapre )\b(midi)\b/;
/** Words one typo away from a weekday that are words of their own. */
const NOT_WEEKDAY_TYPOS = new Set(['mari', 'mardis', 'lundis', 'jeudis', 'samedis', 'vendredis', 'dimanches', 'mercredis']);

function partOf(match: RegExpExecArray | null, offset: number): PartOfDay | undefined {
  if (!match) return undefined;
  if (match[offset]) return 'morning';
  if (match[offset + 1]) return 'afternoon';
  if (match[offset + 2]) return 'evening';
  return undefined;
}

const PART_ANYWHERE = new RegExp(`\\b${PART}\\b`);

interface Reading {
  start: DateTime;
  end: DateTime;
  grain: WhenEntity['grain'];
  text: string;
  /** « jeudi prochain » with Thursday tomorrow: that day, or the same a week later. */
  orWeekAfter?: boolean;
  otherDay?: boolean;
  /** « à partir du 15 »: from that day until the horizon. */
  fromDay?: boolean;
  /** A weekday alone (« jeudi »): today's when said on that day, the next one once its moment is past. */
  weekdayAlone?: boolean;
  /** A weekday with no date nor « prochain » (« le jeudi »), whatever the day today. */
  bareWeekday?: boolean;
}

/** The next date (from today) with this day number, in this month or the following ones. */
function nextDayNumber(today: DateTime, day: number, weekday?: number): DateTime | undefined {
  for (let months = 0; months < 14; months += 1) {
    const month = today.startOf('month').plus({ months });
    if (day > month.daysInMonth!) continue;
    const date = month.set({ day });
    if (date < today) continue;
    if (weekday === undefined || date.weekday === weekday) return date;
  }
  return undefined;
}

/**
 * This year's date, or next year's once past — but a day said with its month that went by a few weeks ago
 * (RECENT_PAST_DAYS, `recentPast`) is that past day: « le 1er décembre » said on the 2nd is yesterday (the booking
 * says so and shows the next sessions), never the 1st of December of next year.
 */
function nextDate(today: DateTime, month: number, day: number, year?: number, recentPast = true): DateTime | undefined {
  const build = (y: number) => DateTime.fromObject({ year: y, month, day }, { zone: today.zone });
  if (year) {
    const date = build(year);
    return date.isValid ? date : undefined;
  }
  let date = build(today.year);
  const recent = recentPast && today.diff(date, 'days').days <= RECENT_PAST_DAYS;
  if (date.isValid && date < today && !recent) date = build(today.year + 1);
  return date.isValid ? date : undefined;
}

/** « X prochain » whose coming X is tomorrow, or later in the current week (Monday to Sunday): it may mean the X after. */
function nextIsAmbiguous(today: DateTime, coming: DateTime): boolean {
  const days = coming.diff(today, 'days').days;
  return days >= 1 && (days === 1 || coming.hasSame(today, 'week'));
}

function day(start: DateTime, text: string): Reading {
  return { start, end: start.plus({ days: 1 }), grain: 'day', text };
}

function readDay(said: string, raw: string, today: DateTime): Reading | undefined {
  const other = OTHER_DAY.exec(said);
  if (other) return { start: today, end: today, grain: 'range', text: other[0], otherDay: true };

  const weekOf = WEEK_OF.exec(said);
  if (weekOf) {
    const date = nextDayNumber(today, Number(weekOf[1]));
    if (date) {
      const monday = date.startOf('week');
      return { start: monday < today ? today : monday, end: monday.plus({ weeks: 1 }), grain: 'range', text: weekOf[0] };
    }
  }
  const weekend = WEEKEND.exec(said);
  if (weekend) {
    const saturday = today.weekday === 7 ? today.minus({ days: 1 }) : today.plus({ days: 6 - today.weekday });
    return { start: saturday < today ? today : saturday, end: saturday.plus({ days: 2 }), grain: 'range', text: weekend[0].trim() };
  }

  const weekdayDate = WEEKDAY_DATE.exec(said);
  if (weekdayDate) {
    const [text, name, next, number, monthName] = weekdayDate;
    const weekday = WEEKDAYS.indexOf(name) + 1;
    if (number && monthName) {
      const date = nextDate(today, MONTHS[monthName], Number(number));
      if (date) return day(date, text);
    }
    if (number) {
      const date = nextDayNumber(today, Number(number), weekday) ?? nextDayNumber(today, Number(number));
      if (date) return day(date, text);
    }
    let date = today.plus({ days: (weekday - today.weekday + 7) % 7 });
    // « lundi prochain » said on a Monday is next week's.
    if (next && date.equals(today)) date = date.plus({ weeks: 1 });
    // « jeudi prochain » said on a Wednesday, « samedi prochain » on a Wednesday, « lundi prochain » on a Sunday:
    // the coming one is tomorrow or in this very week, which « demain » or « ce jeudi » would have said, and many
    // people mean the one of the week after. Both are kept: the booking asks which.
    return {
      ...day(date, text),
      ...(next && nextIsAmbiguous(today, date) ? { orWeekAfter: true } : {}),
      ...(!next && date.equals(today) ? { weekdayAlone: true } : {}),
      ...(!next ? { bareWeekday: true } : {}),
    };
  }

  for (const feast of FEAST_DAYS) {
    const named = feast.words.exec(said);
    // « après Noël » said on the 26th: the next one (a feast is named ahead, its date is no slip).
    const date = named && nextDate(today, feast.month, feast.day, undefined, false);
    if (named && date) return day(date, named[0]);
  }

  const dayMonth = DAY_MONTH.exec(said);
  if (dayMonth) {
    const dayNumber = dayMonth[1] === 'premier' ? 1 : Number(dayMonth[1]);
    const date = nextDate(today, MONTHS[dayMonth[2]], dayNumber, dayMonth[3] ? Number(dayMonth[3]) : undefined);
    // « le 31 février » is no day: not « le 31 » of some other month either.
    return date ? day(date, dayMonth[0]) : undefined;
  }

  // Slashes are gone from the normalised text: « 12/01 » is read from the raw one.
  const numeric = NUMERIC_DATE.exec(raw);
  if (numeric) {
    const year = numeric[3] ? (numeric[3].length === 2 ? 2000 + Number(numeric[3]) : Number(numeric[3])) : undefined;
    const date = nextDate(today, Number(numeric[2]), Number(numeric[1]), year);
    if (date) return day(date, numeric[0]);
  }

  const relative = new RegExp(`\\b${RELATIVE_DAY}\\b`).exec(said);
  if (relative) {
    const offsets: Record<string, number> = {
      'aujourd hui': 0,
      auj: 0,
      'ce jour': 0,
      demain: 1,
      'apres demain': 2,
      hier: -1,
      'avant hier': -2,
    };
    return day(today.plus({ days: offsets[relative[1]] }), relative[0]);
  }
  if (THIS_PART.test(said)) return day(today, THIS_PART.exec(said)![0]);

  const inDays = IN_DAYS.exec(said);
  const n = inDays ? (/^\d/.test(inDays[1]) ? Number(inDays[1]) : cardinalOf(inDays[1].split(' '))) : undefined;
  if (inDays && n !== undefined) {
    const unit = inDays[2].startsWith('jour') ? 'days' : inDays[2].startsWith('semaine') ? 'weeks' : 'months';
    return day(today.plus({ [unit]: n }), inDays[0]);
  }
  const nextWeek = NEXT_WEEK.exec(said);
  if (nextWeek) {
    const monday = today.startOf('week').plus({ weeks: 1 });
    return { start: monday, end: monday.plus({ weeks: 1 }), grain: 'range', text: nextWeek[0] };
  }
  const thisWeek = THIS_WEEK.exec(said);
  if (thisWeek) return { start: today, end: today.startOf('week').plus({ weeks: 1 }), grain: 'range', text: thisWeek[0] };
  const nextMonth = NEXT_MONTH.exec(said);
  if (nextMonth) {
    const first = today.startOf('month').plus({ months: 1 });
    return { start: first, end: first.plus({ months: 1 }), grain: 'month', text: nextMonth[0] };
  }

  const dayAlone = DAY_ALONE.exec(said);
  if (dayAlone) {
    const date = nextDayNumber(today, Number(dayAlone[1]));
    if (date) return day(date, dayAlone[0].trim());
  }

  const monthAlone = MONTH_ALONE.exec(said);
  // « sept » is also seven, « mars » a planet: alone they need « en », « mois de »… or the whole message.
  if (monthAlone && (monthAlone[0].includes(' ') || said === monthAlone[2])) {
    const [text, part, name, year] = monthAlone;
    const month = MONTHS[name];
    let first = today.startOf('month').set({ month, ...(year ? { year: Number(year) } : {}) });
    if (!year && first < today.startOf('month')) first = first.plus({ years: 1 });
    let start = first;
    let end = first.plus({ months: 1 });
    if (part === 'debut') end = first.plus({ days: 10 });
    if (part === 'mi') [start, end] = [first.plus({ days: 9 }), first.plus({ days: 20 })];
    if (part === 'fin') start = end.minus({ days: 10 });
    // This month: what is left of it.
    if (start < today) start = today;
    return { start, end, grain: 'month', text };
  }
  return undefined;
}

function readTime(said: string): { hour: number; minute: number; text: string } | undefined {
  const match = TIME.exec(said);
  if (!match) return undefined;
  if (match[5]) return { hour: 12, minute: 0, text: match[0] };
  const hour = Number(match[1] ?? match[3]);
  const minute = Number(match[2] ?? match[4] ?? 0);
  if (hour > 23 || minute > 59) return undefined;
  // « 9h » for a training session is 9:00, « 2h » is 14:00: sessions are held in the daytime.
  return { hour: hour >= 1 && hour <= 6 ? hour + 12 : hour, minute, text: match[0].trim() };
}

function iso(time: DateTime): string {
  return time.toISO({ suppressMilliseconds: true }) ?? '';
}

/** Words without which no form above can match: most messages skip the date arithmetic. */
const MAY_SAY_WHEN = new RegExp(
  `\\d|\\b(?:${WEEKDAY}|${MONTH}|matin|matinee|matinees|apres|aprem|apm|aprems|aprm|soir|soiree|soirs|midi|aujourd|auj|jour|demain|hier|semaine|mois|autre|autres|dans|week|weekend|we|noel|an|fetes|toussaint)\\b`,
);

/** « jedi », « mecredi », « samdi »: a weekday typed one letter wrong (plurals kept: « les mardis »). */
/** Long date words typed one letter off (« la semaine prochainne »); their plurals are words of their own. */
const LONG_DATE_WORDS = ['prochaine', 'prochain', 'semaine'];
const LONG_DATE_WORD_FORMS = new Set(['prochaines', 'prochains', 'semaines']);

function weekdayTypos(said: string): string {
  return said
    .split(' ')
    .map((word) => {
      if (word.length < 4 || WEEKDAYS.includes(word) || NOT_WEEKDAY_TYPOS.has(word) || /\d/.test(word)) return word;
      const weekday = WEEKDAYS.find((day) => day[0] === word[0] && leven(word, day) === 1);
      if (weekday) return weekday;
      if (word.length < 7 || LONG_DATE_WORDS.includes(word) || LONG_DATE_WORD_FORMS.has(word)) return word;
      return LONG_DATE_WORDS.find((w) => w[0] === word[0] && leven(word, w) === 1) ?? word;
    })
    .join(' ');
}

const SLASHED_DATE = /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?\b/;
/** The longest month (any year: « le 29 février » exists, in leap years). */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * « le 30 février », « le 31 novembre », « le 32/12 », « le 12/13 »: a day of no calendar, as typed (its
 * month may be none either). readWhen reads no day from it, and the time beside it (« à 10 h ») would stand for
 * today's: whoever reads a moment says it does not exist and asks again.
 */
export function impossibleDateIn(text: string): { day: number; month: number } | undefined {
  const said = normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim();
  const named = DAY_MONTH.exec(said);
  // Slashes only: « 14.30 » is a time.
  const numeric = named ? undefined : SLASHED_DATE.exec(text);
  if (!named && !numeric) return undefined;
  const dayNumber = named ? (named[1] === 'premier' ? 1 : Number(named[1])) : Number(numeric![1]);
  const month = named ? MONTHS[named[2]] : Number(numeric![2]);
  const known = month >= 1 && month <= 12;
  if (known && dayNumber >= 1 && dayNumber <= DAYS_IN_MONTH[month - 1]) return undefined;
  return { day: dayNumber, month };
}

export function readWhen(text: string, context: WhenContext): WhenEntity | undefined {
  const said = weekdayTypos(normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim());
  if (!said || !MAY_SAY_WHEN.test(said)) return undefined;
  const against = saidAgainst(said);
  const zone = context.zone ?? DEFAULT_ZONE;
  const now = DateTime.fromJSDate(context.now, { zone });
  const excludes = against ? exclusionsOf(against.targets, now.startOf('day')) : [];
  if (!against || excludes.length === 0) return readMoment(said, text, context, true);
  // « pas le vendredi, mardi matin c'est bien »: the moment asked is read without the words said against.
  const rest = against.rest;
  const asked = rest && MAY_SAY_WHEN.test(rest) ? readMoment(rest, rest, context, false) : undefined;
  if (asked) return { ...asked, excludes };
  // Nothing asked but what is left out: every day until the horizon, but those.
  const first = excludes.find((e) => e.day)?.day ?? nextWeekday(now.startOf('day'), excludes.find((e) => e.weekday)?.weekday);
  return {
    start: iso(now),
    end: iso(horizonOf(context, now.startOf('day'), zone)),
    grain: 'range',
    text: against.targets.join(' '),
    otherDay: true,
    excludedBy: 'said',
    ...(first ? { excludedDay: first } : {}),
    excludes,
  };
}

/** The next such weekday from today (today included), YYYY-MM-DD. */
function nextWeekday(today: DateTime, weekday: number | undefined): string | undefined {
  return weekday ? (today.plus({ days: (weekday - today.weekday + 7) % 7 }).toISODate() ?? undefined) : undefined;
}

const WEEKDAY_ALONE = new RegExp(`^(${WEEKDAY})s?(?: ${PART})?$`);
const THIS_ONE = /^(?:ce|cet|cette) /;

/**
 * What each thing said against leaves out: « lundi » every Monday, « lundi
 * prochain », « ce lundi », « le 15 », « demain » that one date (« lundi
 * prochain » said on a Sunday may be either Monday: both), « matin » every
 * morning, « lundi matin » Monday mornings.
 */
function exclusionsOf(targets: readonly string[], today: DateTime): SessionExclusion[] {
  const found: SessionExclusion[] = [];
  const add = (e: SessionExclusion) => {
    if (!found.some((f) => f.weekday === e.weekday && f.day === e.day && f.part === e.part)) found.push(e);
  };
  for (const target of targets) {
    const part = partOf(PART_ANYWHERE.exec(target), 1);
    const withPart = part ? { part } : {};
    const weekday = WEEKDAY_ALONE.exec(target);
    if (weekday) {
      add({ weekday: WEEKDAYS.indexOf(weekday[1]) + 1, ...withPart });
      continue;
    }
    const dayWords = target
      .replace(new RegExp(`\\b${PART}\\b`), ' ')
      .replace(THIS_ONE, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (!dayWords) {
      add(THIS_ONE.test(target) ? { day: today.toISODate()!, ...withPart } : withPart);
      continue;
    }
    const reading = readDay(dayWords, dayWords, today);
    if (!reading || reading.grain !== 'day') continue;
    add({ day: reading.start.toISODate()!, ...withPart });
    if (reading.orWeekAfter) add({ day: reading.start.plus({ weeks: 1 }).toISODate()!, ...withPart });
  }
  return found;
}

/** « la semaine d'après » at a move: Monday to Sunday of the week after the moved session's. */
function weekAfterMoved(said: string, context: WhenContext, zone: string): Reading | undefined {
  const words = context.movedDay ? WEEK_AFTER.exec(said) : null;
  if (!words) return undefined;
  const monday = DateTime.fromISO(context.movedDay!, { zone }).startOf('week').plus({ weeks: 1 });
  return { start: monday, end: monday.plus({ weeks: 1 }), grain: 'range', text: words[0] };
}

/** The moment a message asks for (without the words said against it). */
function readMoment(said: string, text: string, context: WhenContext, recognizer: boolean): WhenEntity | undefined {
  const zone = context.zone ?? DEFAULT_ZONE;
  const now = DateTime.fromJSDate(context.now, { zone });
  const today = now.startOf('day');

  const reading = weekAfterMoved(said, context, zone) ?? fromDayOn(said, readDay(said, text.toLowerCase(), today), context, today, zone);
  const part = partOf(PART_ANYWHERE.exec(said), 1);
  // « 14:30 » lost its colon in the normalised text: that form is read from the raw one.
  const colon = /\b(\d{1,2}):(\d{2})\b/.exec(text);
  const time = colon ? readTime(colon[0]) : readTime(said);
  if (!reading && !part && !time) {
    const worth = recognizer ? worthTheRecognizer(said, context) : worthTheRecognizer(said, { now: context.now });
    return worth ? fromRecognizer(text, context, now) : undefined;
  }

  let { start, end, grain } = reading ?? day(today, '');
  const words = [reading?.text];
  if (!reading && !time && part) {
    // « l'aprem » alone: afternoons from now on, not only this one.
    const until = horizonOf(context, today, zone);
    const entity: WhenEntity = {
      start: iso(now),
      end: iso(until),
      grain: 'range',
      partOfDay: part,
      anyDay: true,
      text: PART_ANYWHERE.exec(said)![0],
    };
    return entity;
  }
  if (time && grain !== 'range' && grain !== 'month') {
    // A time alone is the day's of the list the person is looking at; else today's, or tomorrow's once past.
    const listed = !reading && context.listedDay ? DateTime.fromISO(context.listedDay, { zone }) : undefined;
    let at = (listed ?? start).set({ hour: time.hour, minute: time.minute });
    if (!reading && !listed && at < now) at = at.plus({ days: 1 });
    start = at;
    end = at.plus({ hours: 1 });
    grain = 'instant';
    words.push(time.text);
  } else if (part) {
    const partWords = PART_ANYWHERE.exec(said)![0];
    if (!reading?.text.includes(partWords)) words.push(partWords);
    // « ce soir », « jeudi aprem »: that part of that day; over several days the list is filtered instead.
    if (grain === 'day') {
      const hours = PARTS_OF_DAY[part];
      end = start.set({ hour: 0 }).plus({ hours: hours.to });
      start = start.set({ hour: hours.from });
      grain = 'range';
    }
  }
  // « jeudi matin » said on a Thursday afternoon: no one asks for a morning gone, it is next Thursday's.
  if (reading?.weekdayAlone && (part || time) && end <= now) [start, end] = [start.plus({ weeks: 1 }), end.plus({ weeks: 1 })];
  const entity: WhenEntity = { start: iso(start), end: iso(end), grain, text: words.filter(Boolean).join(' ') };
  if (part) entity.partOfDay = part;
  if (reading?.fromDay) entity.fromDay = true;
  if (reading?.orWeekAfter) entity.orWeekAfter = true;
  if (!reading && time) entity.hourAlone = true;
  if (reading?.bareWeekday) entity.weekdayAlone = true;
  if (reading?.otherDay) {
    const horizon = horizonOf(context, today, zone);
    entity.start = iso(now);
    entity.end = iso(horizon);
    entity.otherDay = true;
    // « un autre jour »: after the one proposed (« pas mercredi » is read by readWhen, with what it leaves out).
    const excluded = context.proposedDay && DateTime.fromISO(context.proposedDay, { zone }).toISODate();
    if (excluded) Object.assign(entity, { excludedDay: excluded, excludedBy: 'proposed' });
    return entity;
  }
  return flagged(entity, end, start, now, context, zone);
}

/** « après le 20 » → from the 21st on; « à partir du 15 », « dès lundi » → from that day on, until the horizon. */
function fromDayOn(said: string, reading: Reading | undefined, context: WhenContext, today: DateTime, zone: string): Reading | undefined {
  if (!reading || reading.grain !== 'day' || reading.otherDay) return reading;
  const from = FROM_DAY.exec(said);
  if (!from || !said.slice(from.index).includes(reading.text)) return reading;
  const start = from[1] === 'apres' ? reading.start.plus({ days: 1 }) : reading.start;
  const text = said.slice(from.index, said.indexOf(reading.text, from.index) + reading.text.length);
  return { start, end: horizonOf(context, today, zone), grain: 'range', text, fromDay: true };
}

/** Until when « un autre jour » or « l'après-midi » look: the booking horizon, or some weeks. */
function horizonOf(context: WhenContext, today: DateTime, zone: string): DateTime {
  return context.bookableUntil ? DateTime.fromISO(context.bookableUntil, { zone }) : today.plus({ weeks: OTHER_DAY_WEEKS });
}

function flagged(entity: WhenEntity, end: DateTime, start: DateTime, now: DateTime, context: WhenContext, zone: string): WhenEntity {
  if (end <= now) entity.past = true;
  if (context.bookableUntil && start >= DateTime.fromISO(context.bookableUntil, { zone })) entity.beyondHorizon = true;
  return entity;
}

/**
 * The suite costs tens of milliseconds a call (hundreds on its first ones): only for a
 * message that answers « when? », or holds a digit, a weekday or a month — not for
 * « ma prochaine séance » or « à la prochaine », whose « prochain » is no date.
 */
function worthTheRecognizer(said: string, context: WhenContext): boolean {
  return context.expecting === 'when' || /\d/.test(said) || new RegExp(`\\b(?:${WEEKDAY}|${MONTH})\\b`).test(said);
}

/** What the recognizers suite reads, when none of the forms above is there. */
function fromRecognizer(text: string, context: WhenContext, now: DateTime): WhenEntity | undefined {
  const zone = context.zone ?? DEFAULT_ZONE;
  const [found] = findDateTimes(text, context.now);
  if (!found) return undefined;
  const start = DateTime.fromISO(found.start, { zone });
  const end = found.end ? DateTime.fromISO(found.end, { zone }) : start.plus({ hours: 1 });
  const entity: WhenEntity = { start: iso(start), end: iso(end), grain: found.grain, text: found.text };
  return flagged(entity, end, start, now, context, zone);
}

/**
 * What a moment may mean: itself, or for « jeudi prochain » said on a
 * Wednesday (`orWeekAfter`), the coming Thursday and the one a week later —
 * same hours, each without the flag. Weeks are added on the Paris calendar,
 * so a daylight-saving change between them keeps the hour said.
 */
export function readingsOf(when: WhenEntity, zone = DEFAULT_ZONE): WhenEntity[] {
  const { orWeekAfter, ...one } = when;
  if (!orWeekAfter) return [when];
  const later = (time: string) => iso(DateTime.fromISO(time, { zone }).plus({ weeks: 1 }));
  return [one, { ...one, start: later(one.start), end: later(one.end) }];
}
