/**
 * What a beneficiary can book: a carnet with hours left, training places
 * near home, and the free sessions at a place.
 */
import { communePosition } from '../domain/communes';
import type { Beneficiary, Slot, VoucherBook } from '../domain/types';
import type { Stores } from '../store/repositories';
import type { NearbyPlace, PlaceSearch } from './placeSearch';

/** Sessions starting sooner than this are not offered: the place needs notice. */
export const MIN_NOTICE_MS = 2 * 3_600_000;

export class SessionFinder {
  constructor(
    private readonly stores: Stores,
    private readonly placeSearch: PlaceSearch,
  ) {}

  /** The active carnet with hours left that expires first (use it before it is lost). */
  async usableBook(beneficiaryId: string, now: Date): Promise<VoucherBook | undefined> {
    const books = await this.stores.voucherBooks.listByBeneficiary(beneficiaryId);
    return books
      .filter((b) => b.status === 'active' && b.hoursLeft > 0 && b.expiresAt.getTime() > now.getTime())
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())[0];
  }

  /** Training places nearest the person's commune; empty when we do not know where they live. */
  async placesNear(beneficiary: Beneficiary, limit = 3): Promise<NearbyPlace[]> {
    const commune = beneficiary.communeInsee ? this.placeSearch.communes.getByInsee(beneficiary.communeInsee) : undefined;
    const origin = commune && communePosition(commune);
    if (!origin) return [];
    return this.placeSearch.nearestTrainingPlaces(beneficiary.programmeId, origin, limit);
  }

  /** The place of the person's most recent booking (any status), if any. */
  async lastPlaceId(beneficiaryId: string): Promise<string | undefined> {
    const bookings = await this.stores.bookings.list({ beneficiaryId });
    const latest = bookings.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    return latest && (await this.stores.slots.get(latest.slotId))?.placeId;
  }

  /** Free sessions at a place, soonest first, from `now` plus the notice, before the carnet expires. */
  async freeSlots(placeId: string, now: Date, before: Date, limit = 5, after?: Date): Promise<Slot[]> {
    const from = new Date(Math.max(now.getTime() + MIN_NOTICE_MS, after ? after.getTime() + 1 : 0));
    if (from.getTime() >= before.getTime()) return [];
    return this.stores.slots.list({ placeId, from, to: before, onlyFree: true, limit });
  }
}
