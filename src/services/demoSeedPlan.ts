/**
 * The demo timetable, computed without touching a store: which trainers
 * work at which training places on which weekdays, and the slots that
 * follows over the next weeks. Deterministic for a given `now`.
 *
 * Each training place with published opening hours gets one trainer on up
 * to three of its open weekdays; every fourth place also gets the previous
 * place's trainer on up to two other days (an itinerant conseiller), never
 * on a day that trainer already works elsewhere. Places whose hours are the
 * programme's assumed default get a trainer but no slots: the demo should
 * not invent hours at a real place.
 */
import { DateTime } from 'luxon';
import { openIntervals, PARIS_ZONE } from '../domain/openingHours';
import type { Programme } from '../domain/programme';
import { plannedSlots } from '../domain/slotCalendar';
import type { Place, Slot, Trainer } from '../domain/types';

export interface TimetablePlan {
  trainers: Trainer[];
  slots: Slot[];
}

export interface TimetableOptions {
  programme: Programme;
  /** Places already cleaned, with roles; only this programme's training places are used. */
  places: readonly Place[];
  firstNames: readonly string[];
  /** Teams identity for the programme's first trainer, so the trainer flows can be tried. */
  teamsAadObjectId?: string;
  now: Date;
  weeks: number;
}

const PRIMARY_DAYS = 3;
const SHARED_DAYS = 2;
const SHARED_EVERY = 4;

/** ISO weekdays (Paris) on which the place opens in the week after `now`. */
function openWeekdays(openingHours: string, now: Date): number[] {
  const weekEnd = new Date(now.getTime() + 7 * 24 * 3_600_000);
  const days = new Set<number>();
  for (const interval of openIntervals(openingHours, now, weekEnd)) {
    days.add(DateTime.fromJSDate(interval.start, { zone: PARIS_ZONE }).weekday);
  }
  return [...days].sort((a, b) => a - b);
}

/** Up to `count` days spread over the list (Mon, Wed, Fri rather than Mon, Tue, Wed). */
function spread(days: readonly number[], count: number): number[] {
  if (days.length <= count) return [...days];
  const picked: number[] = [];
  for (let i = 0; i < count; i += 1) picked.push(days[Math.floor((i * days.length) / count)]);
  return picked;
}

export function planTimetable(options: TimetableOptions): TimetablePlan {
  const { programme, now } = options;
  const to = new Date(now.getTime() + options.weeks * 7 * 24 * 3_600_000);
  const sessionMinutes = programme.slots.sessionMinutes.value;
  const capacity = programme.slots.capacity.value;
  const training = options.places.filter((p) => p.programmes.some((r) => r.programmeId === programme.id && r.roles.includes('training')));

  const trainers: Trainer[] = [];
  const busy = new Map<string, Set<number>>();
  const slots: Slot[] = [];
  const assign = (trainer: Trainer, place: Place, weekdays: number[]) => {
    if (!trainer.placeIds.includes(place.id)) trainer.placeIds.push(place.id);
    const days = busy.get(trainer.id) ?? new Set<number>();
    weekdays.forEach((d) => days.add(d));
    busy.set(trainer.id, days);
    if (!place.openingHours || place.openingHoursIsDefault || weekdays.length === 0) return;
    slots.push(
      // plannedSlots, not generateSlots: the demo must not offer a session on 1 January or Easter Monday.
      ...plannedSlots({
        programmeId: programme.id,
        placeId: place.id,
        trainerId: trainer.id,
        openingHours: place.openingHours,
        from: now,
        to,
        now,
        sessionMinutes,
        capacity,
        weekdays,
      }),
    );
  };

  training.forEach((place, index) => {
    const trainer: Trainer = {
      id: `demo-trainer-${programme.id}-${String(index + 1).padStart(2, '0')}`,
      programmeId: programme.id,
      firstName: options.firstNames[index % options.firstNames.length],
      placeIds: [],
      active: true,
      ...(index === 0 && options.teamsAadObjectId ? { aadObjectId: options.teamsAadObjectId } : {}),
    };
    trainers.push(trainer);
    const open = place.openingHours ? openWeekdays(place.openingHours, now) : [];
    const primaryDays = spread(open, PRIMARY_DAYS);
    assign(trainer, place, primaryDays);

    const previous = trainers[index - 1];
    if (index % SHARED_EVERY === SHARED_EVERY - 1 && previous) {
      const taken = busy.get(previous.id) ?? new Set<number>();
      const free = open.filter((d) => !primaryDays.includes(d) && !taken.has(d));
      if (free.length > 0) assign(previous, place, spread(free, SHARED_DAYS));
    }
  });
  return { trainers, slots };
}
