/**
 * What a beneficiary can book: a carnet with hours left, training places
 * near home, and the free sessions at a place.
 */
import { DateTime } from 'luxon';
import { communePosition } from '../domain/communes';
import { publicHolidayOn } from '../domain/holidays';
import { isOpenAt, PARIS_ZONE } from '../domain/openingHours';
import { isExcluded, type SessionExclusion } from '../domain/sessionExclusions';
import type { Beneficiary, Place, Slot } from '../domain/types';
import type { SlotQuery, Stores } from '../store/repositories';
import { overlaps, timeHolding } from '../domain/sessionTimes';
import { lastBookableMoment } from '../domain/carnetChoice';
import { type LastSession, lastSession } from './lastPlace';
import type { NearbyPlace, PlaceSearch } from './placeSearch';

/** A moment the person named ("jeudi matin", "demain 10h", "en janvier"), resolved in Europe/Paris. */
export interface AskedTime {
  start: Date;
  /** Exclusive end of a day, a range or a month; absent for an instant. */
  end?: Date;
  grain: 'instant' | 'day' | 'range' | 'month';
  /** « l'après-midi »: only sessions starting within these Paris hours [from, to), on every day of the range. */
  hours?: { from: number; to: number };
  /** « pas le lundi », « pas le matin », said at any time of the booking: no session they leave out. */
  exclusions?: SessionExclusion[];
}

/** A session the person holds ahead: no session overlapping it is offered to them. */
export interface OwnSession {
  bookingId: string;
  start: Date;
  end: Date;
  placeId: string;
}

/** What of each day's sessions is wanted: a part of the day, none of those left out. */
export type SlotFilter = Pick<AskedTime, 'hours' | 'exclusions'>;

/** What the person's own words give at a place. */
export type AskedTimeAnswer =
  | { kind: 'exact'; slot: Slot }
  /** The person already has a session then (`held`); `slots`: the other free ones of that day, else the next. */
  | { kind: 'own'; held: OwnSession; slots: Slot[] }
  | { kind: 'within'; slots: Slot[] }
  | { kind: 'past' }
  /** `slots`: the next free ones after that day. */
  | { kind: 'holiday'; name: string; slots: Slot[] }
  | { kind: 'closed'; slots: Slot[] }
  /**
   * `sameDay`: the slots are that day's other sessions (an hour was asked), not the following ones;
   * `inHours`: the following ones are in the part of the day asked (the list must say so, it is no longer « les suivantes »).
   */
  | { kind: 'none'; slots: Slot[]; sameDay?: true; inHours?: true }
  /**
   * After the last session published at the place (`until`: its day), or after the carnet
   * expires (`carnet`): the last free sessions before then.
   */
  | { kind: 'beyond'; until: Date; pastExpiry: boolean; slots: Slot[] };

/** The near places to offer for a booking, the place of the last session first. */
export interface PlacesToOffer {
  places: NearbyPlace[];
  /** The place of the person's most recent booking, near or not. */
  lastPlaceId?: string;
}

/** Sessions starting sooner than this are not offered: the place needs notice. */
export const MIN_NOTICE_MS = 2 * 3_600_000;

/** How many slots of one place a session of the person's may overlap, at most (sessions starting every half hour). */
const OVERLAPS_PER_SESSION = 4;

export class SlotFinder {
  constructor(
    private readonly stores: Stores,
    private readonly placeSearch: PlaceSearch,
  ) {}

  /**
   * Until when a session can be booked: the expiry of the last of the
   * person's carnets that still has a free hour (two carnets: the new one's).
   * Undefined when none has. Which carnet a session is booked on is the
   * booking's own choice (domain/carnetChoice.ts).
   */
  async bookableUntil(beneficiaryId: string, now: Date): Promise<Date | undefined> {
    return lastBookableMoment(await this.stores.voucherBooks.listByBeneficiary(beneficiaryId), now);
  }

  /** Training places nearest the person's commune; empty when we do not know where they live. */
  async placesNear(beneficiary: Beneficiary, limit = 3): Promise<NearbyPlace[]> {
    const commune = beneficiary.communeInsee ? this.placeSearch.communes.getByInsee(beneficiary.communeInsee) : undefined;
    const origin = commune && communePosition(commune);
    if (!origin) return [];
    return this.placeSearch.nearestTrainingPlaces(beneficiary.programmeId, origin, limit);
  }

  /** The person's most recent booking (any status), its place and its session's start, if any. */
  lastSession(beneficiaryId: string): Promise<LastSession | undefined> {
    return lastSession(this.stores, beneficiaryId);
  }

  /**
   * The near places, the one of the last session first when it is among
   * them: people like to go back where they know. Empty when we do not
   * know where the person lives.
   */
  async placesToOffer(beneficiaryId: string, limit = 3): Promise<PlacesToOffer> {
    const beneficiary = await this.stores.beneficiaries.get(beneficiaryId);
    const near = beneficiary ? await this.placesNear(beneficiary, limit) : [];
    const lastPlaceId = (await this.lastSession(beneficiaryId))?.placeId;
    const last = near.find((p) => p.place.id === lastPlaceId);
    return { places: last ? [last, ...near.filter((p) => p !== last)] : near, ...(lastPlaceId ? { lastPlaceId } : {}) };
  }

  /** The sessions the person holds that have not ended: the times no other session of theirs may overlap. */
  async ownSessions(beneficiaryId: string, now: Date): Promise<OwnSession[]> {
    const own: OwnSession[] = [];
    for (const booking of await this.stores.bookings.list({ beneficiaryId, statuses: ['confirmed', 'pending'] })) {
      const slot = await this.stores.slots.get(booking.slotId);
      if (slot && slot.end.getTime() > now.getTime()) {
        own.push({ bookingId: booking.id, start: slot.start, end: slot.end, placeId: slot.placeId });
      }
    }
    return own;
  }

  /**
   * Free slots of a query, without those overlapping the person's own
   * sessions (`busy`): a few more are read so that the page stays full.
   */
  private async listFree(query: SlotQuery, busy: readonly OwnSession[]): Promise<Slot[]> {
    if (busy.length === 0) return this.stores.slots.list({ ...query, onlyFree: true });
    const limit = query.limit === undefined ? undefined : query.limit + busy.length * OVERLAPS_PER_SESSION;
    const slots = (await this.stores.slots.list({ ...query, onlyFree: true, limit })).filter((s) => !busy.some((b) => overlaps(b, s)));
    return query.limit === undefined ? slots : slots.slice(0, query.limit);
  }

  slot(slotId: string): Promise<Slot | undefined> {
    return this.stores.slots.get(slotId);
  }

  place(placeId: string): Promise<Place | undefined> {
    return this.stores.places.get(placeId);
  }

  /** Of the sessions offered earlier, those that still have a seat, in the same order. */
  async stillFree(slotIds: string[], busy: readonly OwnSession[] = []): Promise<Slot[]> {
    const slots = await Promise.all(slotIds.map((id) => this.stores.slots.get(id)));
    return slots.filter((s): s is Slot => !!s && s.seatsLeft > 0 && !busy.some((b) => overlaps(b, s)));
  }

  /**
   * The start of the last session published at a place before `before`
   * (free or not): sessions can be booked until that day.
   */
  async lastPublished(placeId: string, before: Date): Promise<Date | undefined> {
    const [last] = await this.stores.slots.list({ placeId, to: before, latestFirst: true, limit: 1 });
    return last?.start;
  }

  /**
   * The free sessions matching what the person asked for: the very session
   * at an instant, those within a day, a range or a month (in the part of
   * the day said); otherwise why not (past, beyond what is published or the
   * carnet, public holiday, place closed then) with the same day's, the
   * next or the last free sessions to offer instead.
   */
  async forAskedTime(
    placeId: string,
    asked: AskedTime,
    now: Date,
    before: Date,
    limit = 5,
    busy: readonly OwnSession[] = [],
  ): Promise<AskedTimeAnswer> {
    const end = asked.end ?? new Date(asked.start.getTime() + 60_000);
    if (end.getTime() <= now.getTime()) return { kind: 'past' };
    const beyond = await this.beyond(placeId, asked.start, now, before, limit, busy, asked.exclusions);
    if (beyond) return beyond;
    const day = DateTime.fromJSDate(asked.start, { zone: PARIS_ZONE });
    // A public holiday is a reason only for that day: « en janvier » is not the Jour de l'an.
    const oneDay = asked.grain === 'instant' || end.getTime() <= day.startOf('day').plus({ days: 1 }).toMillis();
    const holiday = oneDay ? publicHolidayOn(day.toISODate()!) : undefined;
    if (holiday) {
      // The nearest ones after the holiday, not the soonest from today.
      const after = day.startOf('day').plus({ days: 1 }).toJSDate();
      return {
        kind: 'holiday',
        name: holiday.name,
        slots: await this.freeSlots(placeId, now, before, limit, new Date(after.getTime() - 1), { exclusions: asked.exclusions }, busy),
      };
    }
    // « lundi 14h » while the person has a session then (here or elsewhere): that one, said, and the others.
    const held = asked.grain === 'instant' ? busy[timeHolding(busy, asked.start)] : undefined;
    if (asked.grain === 'instant' && !held) {
      // The very session, looked up by itself: the day's first few (below) may stop before it (« jeudi 16h », the sixth).
      const [exact] = await this.freeSlotsBetween(placeId, asked.start, new Date(asked.start.getTime() + 1), before, now, 1, {}, busy);
      if (exact?.start.getTime() === asked.start.getTime()) return { kind: 'exact', slot: exact };
    }
    const windowFrom = asked.grain === 'instant' ? day.startOf('day').toJSDate() : asked.start;
    const windowTo = asked.grain === 'instant' ? day.endOf('day').toJSDate() : end;
    // An instant asked is that very session; the others offered instead leave out what the person said against.
    const filter: SlotFilter =
      asked.grain === 'instant' ? { exclusions: asked.exclusions } : { hours: asked.hours, exclusions: asked.exclusions };
    const within = await this.freeSlotsBetween(placeId, windowFrom, windowTo, before, now, limit, filter, busy);
    if (held) {
      return {
        kind: 'own',
        held,
        slots:
          within.length > 0
            ? within
            : await this.freeSlots(placeId, now, before, limit, asked.start, { exclusions: asked.exclusions }, busy),
      };
    }
    if (asked.grain === 'instant') {
      const place = await this.stores.places.get(placeId);
      const published = place?.openingHours && !place.openingHoursIsDefault ? place.openingHours : undefined;
      if (published && !isOpenAt(published, asked.start)) {
        const others =
          within.length > 0
            ? within
            : await this.freeSlots(placeId, now, before, limit, asked.start, { exclusions: asked.exclusions }, busy);
        return { kind: 'closed', slots: others };
      }
    } else if (within.length > 0) {
      return { kind: 'within', slots: within };
    }
    if (within.length > 0) return { kind: 'none', slots: within, sameDay: true };
    // The next ones after the moment asked, in the part of the day said when there are some.
    const later = filter.hours ? await this.freeSlotsBetween(placeId, end, before, before, now, limit, filter, busy) : [];
    if (later.length > 0) return { kind: 'none', slots: later, inHours: true };
    return { kind: 'none', slots: await this.freeSlots(placeId, now, before, limit, end, { exclusions: asked.exclusions }, busy) };
  }

  /** A moment after the last published session or the carnet's end: until when, and the last free sessions. */
  private async beyond(
    placeId: string,
    start: Date,
    now: Date,
    before: Date,
    limit: number,
    busy: readonly OwnSession[],
    exclusions?: SessionExclusion[],
  ): Promise<AskedTimeAnswer | undefined> {
    const last = await this.lastPublished(placeId, before);
    const horizon = last ? DateTime.fromJSDate(last, { zone: PARIS_ZONE }).startOf('day').plus({ days: 1 }).toJSDate() : undefined;
    const pastExpiry = start.getTime() >= before.getTime() && (!horizon || before.getTime() <= horizon.getTime());
    if (!pastExpiry && (!horizon || start.getTime() < horizon.getTime())) return undefined;
    const from = new Date(now.getTime() + MIN_NOTICE_MS);
    const to = new Date(Math.min(before.getTime(), horizon?.getTime() ?? before.getTime()));
    const latest =
      from < to ? await this.listFree({ placeId, from, to, latestFirst: true, ...(exclusions?.length ? {} : { limit }) }, busy) : [];
    const slots = latest
      .filter((s) => !isExcluded(exclusions, s.start))
      .slice(0, limit)
      .reverse();
    return { kind: 'beyond', until: pastExpiry ? before : last!, pastExpiry, slots };
  }

  private async freeSlotsBetween(
    placeId: string,
    from: Date,
    to: Date,
    before: Date,
    now: Date,
    limit: number,
    filter: SlotFilter = {},
    busy: readonly OwnSession[] = [],
  ): Promise<Slot[]> {
    const start = new Date(Math.max(from.getTime(), now.getTime() + MIN_NOTICE_MS));
    const stop = new Date(Math.min(to.getTime(), before.getTime()));
    if (start.getTime() >= stop.getTime()) return [];
    if (!filter.hours && !filter.exclusions?.length) return this.listFree({ placeId, from: start, to: stop, limit }, busy);
    // A part of the day, a day left out: a filter on each day's sessions; read the window, keep those wanted.
    const all = await this.listFree({ placeId, from: start, to: stop }, busy);
    return all.filter((s) => wanted(s.start, filter)).slice(0, limit);
  }

  /**
   * Free sessions at a place, soonest first, from `now` plus the notice, before the carnet expires; in a part
   * of the day when `hours` are given (« Voir d'autres dates » after the mornings asked), none of those left out
   * (« pas le lundi », said earlier in the booking).
   */
  async freeSlots(
    placeId: string,
    now: Date,
    before: Date,
    limit = 5,
    after?: Date,
    filter: SlotFilter = {},
    busy: readonly OwnSession[] = [],
  ): Promise<Slot[]> {
    const from = new Date(Math.max(now.getTime() + MIN_NOTICE_MS, after ? after.getTime() + 1 : 0));
    if (from.getTime() >= before.getTime()) return [];
    if (filter.hours || filter.exclusions?.length) return this.freeSlotsBetween(placeId, from, before, before, now, limit, filter, busy);
    return this.listFree({ placeId, from, to: before, limit }, busy);
  }
}

function wanted(start: Date, filter: SlotFilter): boolean {
  const time = DateTime.fromJSDate(start, { zone: PARIS_ZONE });
  if (isExcluded(filter.exclusions, start)) return false;
  return !filter.hours || (time.hour >= filter.hours.from && time.hour < filter.hours.to);
}
