/**
 * Dates and times in French through @microsoft/recognizers-text-suite
 * (its French DateTime model, cached by the suite after the first call), resolved to instants in
 * Europe/Paris: "demain 10h" → one instant, "mardi prochain après-midi" →
 * a range, "le 3 décembre" → that whole day.
 *
 * The model compiles large regular expressions on first use (seconds) and
 * costs tens of milliseconds a call, so it only runs on messages that look
 * like they hold a date or a time (DATE_HINT), and not on the short answers
 * quickDateTime.ts reads itself with the same result (« jeudi 10h »,
 * « mardi prochain à 14h30 »); the warm-up makes the first call.
 */
import { Culture, recognizeDateTime } from '@microsoft/recognizers-text-suite';
import { DateTime } from 'luxon';
import { normalize } from './normalize';
import { quickDateTime } from './quickDateTime';

export const ZONE = 'Europe/Paris';

const WEEKDAYS = 'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche';
const MONTHS = 'janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|janv|fevr|avr|juil|sept|oct|nov|dec';
const RELATIVE =
  'aujourd hui|demain|hier|ce soir|ce matin|cet apres midi|semaine|mois|matin|apres midi|soir|midi|prochain|prochaine|dans \\d+ jours?';
/** Cheap test on the normalised text before paying for the DateTime model. */
const DATE_HINT = new RegExp(
  `\\b(${WEEKDAYS}|${MONTHS}|${RELATIVE})\\b|\\b\\d{1,2} ?h(\\d\\d)?\\b|\\b\\d{1,2}[/.-]\\d{1,2}\\b|\\b\\d{1,2} (${MONTHS})\\b`,
);

/** "7h–20h": of "10h" read as 10:00 or 22:00, the daytime one is meant (opening hours). */
const DAY_START_HOUR = 7;
const DAY_END_HOUR = 21;

export interface DateTimeEntity {
  type: 'datetime';
  /** ISO instant (Europe/Paris offset): the moment, or the start of the day or range. */
  value: string;
  /** "instant": a time was said; "day": a whole day; "range": a span ("jeudi matin", "la semaine prochaine"). */
  grain: 'instant' | 'day' | 'range';
  start: string;
  /** End of the day or range (exclusive); absent for an instant. */
  end?: string;
  /** The words that said it, and the TIMEX expression the recognizer made of them. */
  text: string;
  timex: string;
}

interface Resolution {
  timex?: string;
  type?: string;
  value?: string;
  start?: string;
  end?: string;
}

interface Candidate {
  start: DateTime;
  end?: DateTime;
  grain: DateTimeEntity['grain'];
  timex: string;
}

export function looksLikeDateTime(text: string): boolean {
  return DATE_HINT.test(normalize(text));
}

/** Local wall time "2025-01-16 10:00:00" (or a time "10:00:00" on `today`) in Paris. */
function local(value: string, today: DateTime): DateTime | undefined {
  const time = /^\d{2}:\d{2}(:\d{2})?$/.test(value);
  const parsed = time ? DateTime.fromISO(`${today.toISODate()}T${value}`, { zone: ZONE }) : DateTime.fromSQL(value, { zone: ZONE });
  return parsed.isValid ? parsed : undefined;
}

function candidate(resolution: Resolution, today: DateTime): Candidate | undefined {
  const timex = resolution.timex ?? '';
  switch (resolution.type) {
    case 'datetime':
    case 'time': {
      const start = resolution.value ? local(resolution.value, today) : undefined;
      return start && { start, grain: 'instant', timex };
    }
    case 'date': {
      const start = resolution.value ? local(resolution.value, today) : undefined;
      return start && { start, end: start.plus({ days: 1 }), grain: 'day', timex };
    }
    case 'daterange':
    case 'datetimerange':
    case 'timerange': {
      const start = resolution.start ? local(resolution.start, today) : undefined;
      const end = resolution.end ? local(resolution.end, today) : undefined;
      return start && { start, end, grain: 'range', timex };
    }
    default:
      return undefined;
  }
}

/**
 * A day said with its month, no year, that went by at most this many days ago is that past day (« le premier
 * décembre » said on the 2nd is yesterday, not next year's): whenEntity.ts reads its own forms so too. Further
 * back, it is next year's (« le 3 décembre » said in mid-January).
 */
export const RECENT_PAST_DAYS = 31;
/** The recognizer's expression of a month and day with no year (« XXXX-12-01 »); a weekday alone is « XXXX-WXX-1 ». */
const MONTH_DAY_TIMEX = /^XXXX-\d{2}-\d{2}/;

/** Of the readings the recognizer offers (last or next Thursday; 10:00 or 22:00), the one meant. */
function pick(candidates: Candidate[], now: DateTime): Candidate | undefined {
  const upcoming = candidates.filter((c) => (c.end ?? c.start) > now);
  const recentPast = candidates.filter(
    (c) => MONTH_DAY_TIMEX.test(c.timex) && (c.end ?? c.start) <= now && now.diff(c.start, 'days').days <= RECENT_PAST_DAYS,
  );
  const pool = recentPast.length > 0 ? recentPast : upcoming.length > 0 ? upcoming : candidates;
  const daytime = pool.filter((c) => c.grain !== 'instant' || (c.start.hour >= DAY_START_HOUR && c.start.hour < DAY_END_HOUR));
  return (daytime.length > 0 ? daytime : pool)[0];
}

function iso(time: DateTime): string {
  return time.toISO({ suppressMilliseconds: true }) ?? '';
}

/** What the model found: the words and their resolution values. */
interface Found {
  text: string;
  values: Resolution[];
}

function modelResults(text: string, reference: DateTime): Found[] {
  // The recognizer reads the reference as wall time: give it Paris's wall time.
  const wallClock = new Date(reference.year, reference.month - 1, reference.day, reference.hour, reference.minute, reference.second);
  return recognizeDateTime(text, Culture.French, undefined, wallClock).map((result) => ({
    text: result.text,
    values: (result.resolution as { values?: Resolution[] } | undefined)?.values ?? [],
  }));
}

export function findDateTimes(text: string, now: Date = new Date()): DateTimeEntity[] {
  if (!looksLikeDateTime(text)) return [];
  const reference = DateTime.fromJSDate(now, { zone: ZONE });
  const quick = quickDateTime(text, reference.startOf('day'));
  const found: DateTimeEntity[] = [];
  for (const result of quick ? [quick] : modelResults(text, reference)) {
    // "à quelle heure": the word alone is no time.
    if (!/\d|[a-z]{4,}/i.test(result.text.replace(/heures?/gi, ''))) continue;
    const values = result.values.map((r) => candidate(r, reference)).filter((c): c is Candidate => c !== undefined);
    const chosen = pick(values, reference);
    if (!chosen) continue;
    found.push({
      type: 'datetime',
      value: iso(chosen.start),
      grain: chosen.grain,
      start: iso(chosen.start),
      ...(chosen.end ? { end: iso(chosen.end) } : {}),
      text: result.text.trim(),
      timex: chosen.timex,
    });
  }
  return found;
}
