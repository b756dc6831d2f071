/**
 * A moment said after another one, in the same booking or move, changes
 * what it says and keeps the rest, as people mean it: « jeudi matin » then
 * « en fait plutôt l'après-midi » is Thursday afternoon (not every
 * afternoon from today), then « le matin à 10h » Thursday at 10 h; « la
 * semaine du 14 » then « le jeudi à 10h30 » is Thursday 17 at 10:30 (not
 * the coming Thursday). A moment that names its own day (« vendredi »,
 * « demain », « le 15 ») replaces the earlier one.
 */
import { DateTime } from 'luxon';
import { PARTS_OF_DAY, type WhenEntity } from './whenEntity';

const DEFAULT_ZONE = 'Europe/Paris';
/** A weekday alone is looked for in an earlier range of at most a week (« la semaine du 14 », « la semaine prochaine »). */
const WEEK_DAYS = 7;

function iso(time: DateTime): string {
  return time.toISO({ suppressMilliseconds: true }) ?? '';
}

/** `said` read in the light of `asked`, the moment asked before it; `said` itself when it names a day of its own. */
export function refinedMoment(asked: WhenEntity | undefined, said: WhenEntity, now: Date, zone = DEFAULT_ZONE): WhenEntity {
  if (!asked || asked.anyDay || asked.otherDay || asked.orWeekAfter || said.otherDay) return said;
  const first = DateTime.fromISO(asked.start, { zone }).startOf('day');
  const last = DateTime.fromISO(asked.end, { zone }).minus({ milliseconds: 1 }).startOf('day');
  const oneDay = first.equals(last);
  const past = (end: DateTime) => (end.toJSDate() <= now ? { past: true as const } : {});
  const { anyDay: _anyDay, hourAlone: _hourAlone, weekdayAlone: _weekdayAlone, past: _past, ...rest } = said;
  if (said.anyDay && said.partOfDay) {
    // « plutôt l'après-midi »: the part of the day changes, the day (or days) asked stays.
    if (!oneDay) return { ...asked, partOfDay: said.partOfDay, text: said.text, ...(said.excludes ? { excludes: said.excludes } : {}) };
    const hours = PARTS_OF_DAY[said.partOfDay];
    const start = first.set({ hour: hours.from });
    const end = first.plus({ hours: hours.to });
    return { ...rest, start: iso(start), end: iso(end), grain: 'range', ...past(end) };
  }
  if (said.hourAlone && oneDay) {
    // « le matin à 10h »: that hour on the day asked.
    const hour = DateTime.fromISO(said.start, { zone });
    const start = first.set({ hour: hour.hour, minute: hour.minute });
    const end = start.plus({ hours: 1 });
    return { ...rest, start: iso(start), end: iso(end), ...past(end) };
  }
  if (said.weekdayAlone && !oneDay && last.diff(first, 'days').days < WEEK_DAYS) {
    // « le jeudi » after « la semaine du 14 »: the Thursday of that week.
    const saidStart = DateTime.fromISO(said.start, { zone });
    const days = [...Array(WEEK_DAYS).keys()].map((n) => first.plus({ days: n })).filter((d) => d <= last);
    const day = days.find((d) => d.weekday === saidStart.weekday);
    if (!day) return said;
    const shift = Math.round(day.diff(saidStart.startOf('day'), 'days').days);
    const start = saidStart.plus({ days: shift });
    const end = DateTime.fromISO(said.end, { zone }).plus({ days: shift });
    return { ...rest, start: iso(start), end: iso(end), ...past(end) };
  }
  return said;
}
