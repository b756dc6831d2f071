/**
 * Regenerates a trainer's slots at a place over a window, after its hours,
 * the trainer's days, a public holiday list or its closures changed:
 * slots the plan now offers and the store lacks are added; free slots the
 * plan no longer offers are removed; a slot somebody booked is never
 * touched, even when the plan drops it (the trainer or coordinator decides
 * about that session, and `keptBooked` lists it for them).
 */
import type { ClosureCalendar } from '../domain/closures';
import { plannedSlots } from '../domain/slotCalendar';
import type { SlotPlan } from '../domain/slotGeneration';
import type { SlotRepository } from '../store/repositories';

export interface SlotRegeneration {
  created: number;
  removed: number;
  unchanged: number;
  /** Slots the plan no longer offers but that hold a booking: kept as they are. */
  keptBooked: string[];
}

export async function regenerateSlots(slots: SlotRepository, plan: SlotPlan, closures: ClosureCalendar = {}): Promise<SlotRegeneration> {
  const wanted = plannedSlots(plan, closures);
  const from = new Date(Math.max(plan.from.getTime(), plan.now.getTime()));
  const existing = (await slots.list({ placeId: plan.placeId, programmeId: plan.programmeId, from, to: plan.to })).filter(
    (s) => (s.trainerId ?? undefined) === plan.trainerId,
  );
  const existingIds = new Set(existing.map((s) => s.id));
  const wantedIds = new Set(wanted.map((s) => s.id));

  const toAdd = wanted.filter((s) => !existingIds.has(s.id));
  const dropped = existing.filter((s) => !wantedIds.has(s.id));
  const keptBooked = dropped.filter((s) => s.bookingIds.length > 0).map((s) => s.id);
  const removable = dropped.filter((s) => s.bookingIds.length === 0).map((s) => s.id);

  // Removal is guarded in the store too: a seat taken since the list keeps its slot.
  const removed = await slots.removeUnbooked(removable);
  if (removed < removable.length) {
    for (const id of removable) if (await slots.get(id)) keptBooked.push(id);
  }
  await slots.insertMany(toAdd);
  return { created: toAdd.length, removed, unchanged: existing.length - dropped.length, keptBooked };
}
