/**
 * What a beneficiary can book: a carnet with hours left, training places
 * near home, and the free sessions at a place.
 */
import { DateTime } from 'luxon';
import { communePosition } from '../domain/communes';
import { publicHolidayOn } from '../domain/holidays';
import { isOpenAt, PARIS_ZONE } from '../domain/openingHours';
import type { Beneficiary, Place, Slot, VoucherBook } from '../domain/types';
import type { Stores } from '../store/repositories';
import { lastPlaceId } from './lastPlace';
import type { NearbyPlace, PlaceSearch } from './placeSearch';

/** A moment the person named ("jeudi matin", "demain 10h"), resolved in Europe/Paris. */
export interface AskedTime {
  start: Date;
  /** Exclusive end of a day or a range; absent for an instant. */
  end?: Date;
  grain: 'instant' | 'day' | 'range';
}

/** What the person's own words give at a place. */
export type AskedTimeAnswer =
  | { kind: 'exact'; slot: Slot }
  | { kind: 'within'; slots: Slot[] }
  | { kind: 'past' }
  | { kind: 'holiday'; name: string }
  | { kind: 'closed'; slots: Slot[] }
  | { kind: 'none'; slots: Slot[] };

/** The near places to offer for a booking, the place of the last session first. */
export interface PlacesToOffer {
  places: NearbyPlace[];
  /** The place of the person's most recent booking, near or not. */
  lastPlaceId?: string;
}

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
  lastPlaceId(beneficiaryId: string): Promise<string | undefined> {
    return lastPlaceId(this.stores, beneficiaryId);
  }

  /**
   * The near places, the one of the last session first when it is among
   * them: people like to go back where they know. Empty when we do not
   * know where the person lives.
   */
  async placesToOffer(beneficiaryId: string, limit = 3): Promise<PlacesToOffer> {
    const beneficiary = await this.stores.beneficiaries.get(beneficiaryId);
    const near = beneficiary ? await this.placesNear(beneficiary, limit) : [];
    const lastPlaceId = await this.lastPlaceId(beneficiaryId);
    const last = near.find((p) => p.place.id === lastPlaceId);
    return { places: last ? [last, ...near.filter((p) => p !== last)] : near, ...(lastPlaceId ? { lastPlaceId } : {}) };
  }

  slot(slotId: string): Promise<Slot | undefined> {
    return this.stores.slots.get(slotId);
  }

  place(placeId: string): Promise<Place | undefined> {
    return this.stores.places.get(placeId);
  }

  /** Of the sessions offered earlier, those that still have a seat, in the same order. */
  async stillFree(slotIds: string[]): Promise<Slot[]> {
    const slots = await Promise.all(slotIds.map((id) => this.stores.slots.get(id)));
    return slots.filter((s): s is Slot => !!s && s.seatsLeft > 0);
  }

  /**
   * The free sessions matching what the person asked for: the very session
   * at an instant, those within a day or a range; otherwise why not (past,
   * public holiday, place closed then) with the same day's or the next
   * free sessions to offer instead.
   */
  async forAskedTime(placeId: string, asked: AskedTime, now: Date, before: Date, limit = 5): Promise<AskedTimeAnswer> {
    const end = asked.end ?? new Date(asked.start.getTime() + 60_000);
    if (end.getTime() <= now.getTime()) return { kind: 'past' };
    const day = DateTime.fromJSDate(asked.start, { zone: PARIS_ZONE });
    const holiday = publicHolidayOn(day.toISODate()!);
    if (holiday) return { kind: 'holiday', name: holiday.name };
    const windowFrom = asked.grain === 'instant' ? day.startOf('day').toJSDate() : asked.start;
    const windowTo = asked.grain === 'instant' ? day.endOf('day').toJSDate() : end;
    const within = await this.freeSlotsBetween(placeId, windowFrom, windowTo, before, now, limit);
    if (asked.grain === 'instant') {
      const exact = within.find((s) => s.start.getTime() === asked.start.getTime());
      if (exact) return { kind: 'exact', slot: exact };
      const place = await this.stores.places.get(placeId);
      const published = place?.openingHours && !place.openingHoursIsDefault ? place.openingHours : undefined;
      if (published && !isOpenAt(published, asked.start)) {
        return { kind: 'closed', slots: within.length > 0 ? within : await this.freeSlots(placeId, now, before, limit, asked.start) };
      }
    } else if (within.length > 0) {
      return { kind: 'within', slots: within };
    }
    return { kind: 'none', slots: within.length > 0 ? within : await this.freeSlots(placeId, now, before, limit, end) };
  }

  private async freeSlotsBetween(placeId: string, from: Date, to: Date, before: Date, now: Date, limit: number): Promise<Slot[]> {
    const start = new Date(Math.max(from.getTime(), now.getTime() + MIN_NOTICE_MS));
    const stop = new Date(Math.min(to.getTime(), before.getTime()));
    if (start.getTime() >= stop.getTime()) return [];
    return this.stores.slots.list({ placeId, from: start, to: stop, onlyFree: true, limit });
  }

  /** Free sessions at a place, soonest first, from `now` plus the notice, before the carnet expires. */
  async freeSlots(placeId: string, now: Date, before: Date, limit = 5, after?: Date): Promise<Slot[]> {
    const from = new Date(Math.max(now.getTime() + MIN_NOTICE_MS, after ? after.getTime() + 1 : 0));
    if (from.getTime() >= before.getTime()) return [];
    return this.stores.slots.list({ placeId, from, to: before, onlyFree: true, limit });
  }
}
