/** The place of a person's most recent booking, whatever became of it: where they went last. */
import type { Stores } from '../store/repositories';

export async function lastPlaceId(stores: Pick<Stores, 'bookings' | 'slots'>, beneficiaryId: string): Promise<string | undefined> {
  const bookings = await stores.bookings.list({ beneficiaryId });
  const latest = bookings.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  return latest && (await stores.slots.get(latest.slotId))?.placeId;
}
