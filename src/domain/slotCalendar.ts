/**
 * The slots a place really offers: its generated slots minus public
 * holidays and its exceptional closures (Paris calendar days). Pure and
 * deterministic, like generateSlots, so regenerating gives the same ids.
 */
import { type ClosureCalendar, dayOff, parisDate } from './closures';
import { generateSlots, type SlotPlan } from './slotGeneration';
import type { Slot } from './types';

/** generateSlots, without the days the place is off. */
export function plannedSlots(plan: SlotPlan, closures: ClosureCalendar = {}): Slot[] {
  return generateSlots(plan).filter((slot) => dayOff(slot.placeId, parisDate(slot.start), closures) === undefined);
}
