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
 *
 * The Teams identity goes to the programme's first trainer who has
 * sessions (the first place may publish no hours), with their sessions of
 * the week before `now`: not offered, one of them is booked by the seed so
 * that this trainer has a session to mark.
 */
import { DateTime } from 'luxon';
import { openIntervals, PARIS_ZONE } from '../domain/openingHours';
import type { Programme } from '../domain/programme';
import { plannedSlots } from '../domain/slotCalendar';
import type { Place, Slot, Trainer } from '../domain/types';

export interface TimetablePlan {
  trainers: Trainer[];
  slots: Slot[];
  /** The trainer who has the Teams identity, and their sessions of the 7 days before `now` (oldest first). */
  teams?: { trainerId: string; past: Slot[] };
}

export interface TimetableOptions {
  programme: Programme;
  /** Places already cleaned, with roles; only this programme's training places are used. */
  places: readonly Place[];
  firstNames: readonly string[];
  /** Teams identity for the programme's first trainer with sessions, so the trainer flows can be tried. */
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
  /** A trainer's sessions between two instants, at each place they work at. */
  const rounds = new Map<string, ((from: Date, until: Date) => Slot[])[]>();
  const assign = (trainer: Trainer, place: Place, weekdays: number[]) => {
    if (!trainer.placeIds.includes(place.id)) trainer.placeIds.push(place.id);
    const days = busy.get(trainer.id) ?? new Set<number>();
    weekdays.forEach((d) => days.add(d));
    busy.set(trainer.id, days);
    const { openingHours } = place;
    if (!openingHours || place.openingHoursIsDefault || weekdays.length === 0) return;
    const round = (from: Date, until: Date) =>
      // plannedSlots, not generateSlots: the demo must not offer a session on 1 January or Easter Monday.
      plannedSlots({
        programmeId: programme.id,
        placeId: place.id,
        trainerId: trainer.id,
        openingHours,
        from,
        to: until,
        now: from,
        sessionMinutes,
        capacity,
        weekdays,
      });
    rounds.set(trainer.id, [...(rounds.get(trainer.id) ?? []), round]);
    slots.push(...round(now, to));
  };

  training.forEach((place, index) => {
    const trainer: Trainer = {
      id: `demo-trainer-${programme.id}-${String(index + 1).padStart(2, '0')}`,
      programmeId: programme.id,
      firstName: options.firstNames[index % options.firstNames.length],
      placeIds: [],
      active: true,
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
  const teams = options.teamsAadObjectId ? trainers.find((t) => slots.some((s) => s.trainerId === t.id)) : undefined;
  if (!teams) return { trainers, slots };
  teams.aadObjectId = options.teamsAadObjectId;
  const weekBefore = new Date(now.getTime() - 7 * 24 * 3_600_000);
  const past = (rounds.get(teams.id) ?? [])
    .flatMap((round) => round(weekBefore, now))
    .filter((s) => s.end.getTime() <= now.getTime())
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  return { trainers, slots, teams: { trainerId: teams.id, past } };
}
