/**
 * What a person said they cannot do while booking: « pas le lundi » (every
 * Monday), « pas lundi prochain » (that one date), « pas le matin » (every
 * morning), « pas le lundi matin » (Monday mornings). Said once, it holds for
 * the whole booking: every page of sessions, and every later moment asked
 * (« jeudi » lists Thursday's sessions but the mornings), until the person
 * asks for what was left out (« finalement lundi ça va », « lundi 10 h »).
 * Plain JSON (weekday numbers, YYYY-MM-DD days, part names): it lives in
 * dialog state. Pure rules, in Europe/Paris.
 */
import { DateTime } from 'luxon';
import { PARIS_ZONE } from './openingHours';

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** Hours of each part of the day, [from, to). */
export const PARTS_OF_DAY: Record<PartOfDay, { from: number; to: number }> = {
  morning: { from: 0, to: 12 },
  afternoon: { from: 12, to: 18 },
  evening: { from: 18, to: 24 },
};

/** One thing left out: the sessions matching every field given (at least one is). */
export interface SessionExclusion {
  /** ISO weekday, 1 = Monday … 7 = Sunday: every such day. */
  weekday?: number;
  /** One date (YYYY-MM-DD, Paris). */
  day?: string;
  part?: PartOfDay;
}

/** A moment asked, as far as it can lift an exclusion: its one day (if it is one day), its part of the day. */
export interface AskedFor {
  /** YYYY-MM-DD, when the moment is within one day. */
  day?: string;
  part?: PartOfDay;
}

export function partOfHour(hour: number): PartOfDay {
  return (Object.keys(PARTS_OF_DAY) as PartOfDay[]).find((p) => hour >= PARTS_OF_DAY[p].from && hour < PARTS_OF_DAY[p].to)!;
}

function sameExclusion(a: SessionExclusion, b: SessionExclusion): boolean {
  return a.weekday === b.weekday && a.day === b.day && a.part === b.part;
}

/** Whether a session starting at `start` is left out. */
export function isExcluded(exclusions: readonly SessionExclusion[] | undefined, start: Date): boolean {
  if (!exclusions?.length) return false;
  const time = DateTime.fromJSDate(start, { zone: PARIS_ZONE });
  const day = time.toISODate();
  const part = partOfHour(time.hour);
  return exclusions.some(
    (e) =>
      (e.weekday === undefined || e.weekday === time.weekday) &&
      (e.day === undefined || e.day === day) &&
      (e.part === undefined || e.part === part) &&
      (e.weekday !== undefined || e.day !== undefined || e.part !== undefined),
  );
}

/**
 * Whether the moment asked lies wholly within what an exclusion leaves out:
 * « lundi » within « pas le lundi », « jeudi matin » within « pas le matin ».
 * Over several days only a part of the day can be (« plutôt le matin »).
 */
function covers(exclusion: SessionExclusion, asked: AskedFor): boolean {
  if (exclusion.weekday === undefined && exclusion.day === undefined) return exclusion.part !== undefined && exclusion.part === asked.part;
  if (!asked.day) return false;
  const weekday = DateTime.fromISO(asked.day, { zone: PARIS_ZONE }).weekday;
  const dayMatches =
    (exclusion.weekday === undefined || exclusion.weekday === weekday) && (exclusion.day === undefined || exclusion.day === asked.day);
  return dayMatches && (exclusion.part === undefined || exclusion.part === asked.part);
}

/**
 * The exclusions after a message: those it lifts (the moment it asks for is
 * within them — a change of mind) are dropped, those it says are added.
 * Undefined when none is left.
 */
export function updateExclusions(
  earlier: readonly SessionExclusion[] | undefined,
  said: readonly SessionExclusion[] | undefined,
  askedFor?: AskedFor,
): SessionExclusion[] | undefined {
  const kept = (earlier ?? []).filter((e) => !askedFor || !covers(e, askedFor));
  for (const e of said ?? []) if (!kept.some((k) => sameExclusion(k, e))) kept.push(e);
  return kept.length > 0 ? kept : undefined;
}

/** The exclusions that can leave out a session of these days (YYYY-MM-DD, inclusive): a Thursday list is not « sauf le lundi ». */
export function exclusionsWithin(exclusions: readonly SessionExclusion[] | undefined, first: string, last: string): SessionExclusion[] {
  if (!exclusions?.length) return [];
  const from = DateTime.fromISO(first, { zone: PARIS_ZONE });
  const to = DateTime.fromISO(last, { zone: PARIS_ZONE });
  const days = Math.round(to.diff(from, 'days').days) + 1;
  const weekdays = new Set(Array.from({ length: Math.min(7, Math.max(days, 0)) }, (_, i) => from.plus({ days: i }).weekday));
  return exclusions.filter(
    (e) => (e.day === undefined || (e.day >= first && e.day <= last)) && (e.weekday === undefined || weekdays.has(e.weekday)),
  );
}
