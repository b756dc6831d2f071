/** The person's most recent booking, whatever became of it: where they went, or are to go, last. */
import type { BookingStatus } from '../domain/types';
import type { Stores } from '../store/repositories';

/** That booking's place, its session's start and its status: enough to word it as past, to come or cancelled (domain/sessionTense). */
export interface LastSession {
  placeId: string;
  start: Date;
  status: BookingStatus;
}

export async function lastSession(stores: Pick<Stores, 'bookings' | 'slots'>, beneficiaryId: string): Promise<LastSession | undefined> {
  const bookings = (await stores.bookings.list({ beneficiaryId })).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  // A session cancelled after another was booked is not « where you went last »: « où vous aviez réservé »
  // read wrong while she still had a session there. The latest one kept wins; a cancelled one only when all are.
  const latest = bookings.find((b) => b.status !== 'cancelled') ?? bookings[0];
  const slot = latest && (await stores.slots.get(latest.slotId));
  return slot ? { placeId: slot.placeId, start: slot.start, status: latest.status } : undefined;
}

export async function lastPlaceId(stores: Pick<Stores, 'bookings' | 'slots'>, beneficiaryId: string): Promise<string | undefined> {
  return (await lastSession(stores, beneficiaryId))?.placeId;
}
