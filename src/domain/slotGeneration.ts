/**
 * Session slots at a place: `sessionMinutes` long, inside its opening
 * intervals (Europe/Paris), never across a closing time, never in the past.
 * Pure and deterministic: the same plan gives the same slots and ids, so
 * generating twice never doubles a timetable.
 */
import { DateTime } from 'luxon';
import { openIntervals, PARIS_ZONE } from './openingHours';
import type { Slot } from './types';

export interface SlotPlan {
  programmeId: string;
  placeId: string;
  trainerId?: string;
  /** OSM opening_hours of the place (validated beforehand). */
  openingHours: string;
  /** Window: slots start at or after `from` and end at or before `to`. */
  from: Date;
  to: Date;
  /** Nothing starts before `now`. */
  now: Date;
  sessionMinutes: number;
  capacity: number;
  /** Start times fall on multiples of this many minutes (30: on the hour or half-hour). */
  alignMinutes?: number;
  /** Only these ISO weekdays (1 = Monday … 7 = Sunday, Paris time): a trainer's permanence days. */
  weekdays?: readonly number[];
}

const MINUTE = 60_000;

/** Stable id of a slot: the same place, trainer and start always give the same id. */
export function slotId(placeId: string, start: Date, trainerId?: string): string {
  const stamp = DateTime.fromJSDate(start, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmm'Z'");
  return `slot:${placeId}:${trainerId ?? '-'}:${stamp}`;
}

/**
 * First aligned instant at or after `t`. Paris is a whole number of hours
 * off UTC all year, so a multiple of 30 (or 60) minutes in UTC is one on
 * the Paris wall clock too.
 */
function alignUp(t: number, alignMinutes: number): number {
  const step = alignMinutes * MINUTE;
  return Math.ceil(t / step) * step;
}

export function generateSlots(plan: SlotPlan): Slot[] {
  const { sessionMinutes, capacity } = plan;
  const alignMinutes = plan.alignMinutes ?? 30;
  if (!Number.isInteger(sessionMinutes) || sessionMinutes <= 0) throw new Error('sessionMinutes must be a positive integer');
  if (!Number.isInteger(capacity) || capacity <= 0) throw new Error('capacity must be a positive integer');
  if (!Number.isInteger(alignMinutes) || alignMinutes <= 0 || 60 % alignMinutes !== 0) throw new Error('alignMinutes must divide 60');
  const weekdays = plan.weekdays ? new Set(plan.weekdays) : undefined;
  const start = new Date(Math.max(plan.from.getTime(), plan.now.getTime()));
  const slotMs = sessionMinutes * MINUTE;
  const slots: Slot[] = [];
  for (const interval of openIntervals(plan.openingHours, start, plan.to)) {
    const close = interval.end.getTime();
    for (let t = alignUp(interval.start.getTime(), alignMinutes); t + slotMs <= close; t += slotMs) {
      const begins = new Date(t);
      if (weekdays && !weekdays.has(DateTime.fromJSDate(begins, { zone: PARIS_ZONE }).weekday)) continue;
      slots.push({
        id: slotId(plan.placeId, begins, plan.trainerId),
        programmeId: plan.programmeId,
        placeId: plan.placeId,
        ...(plan.trainerId ? { trainerId: plan.trainerId } : {}),
        start: begins,
        end: new Date(t + slotMs),
        capacity,
        seatsLeft: capacity,
        bookingIds: [],
      });
    }
  }
  return slots;
}
