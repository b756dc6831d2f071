/** Slots: seats are taken and released by conditional writes. */
import type { Slot } from '../../../domain/types';
import type { ReleaseSeatOutcome, SlotQuery, SlotRepository, TakeSeatOutcome } from '../../repositories';
import { type Doc, type DocumentCollection, type Filter, fromDoc, toDoc } from '../collection';

function slotFilter(query: SlotQuery = {}): Filter {
  const filter: Filter = {};
  if (query.placeId !== undefined) filter.placeId = query.placeId;
  if (query.programmeId !== undefined) filter.programmeId = query.programmeId;
  const start: Filter = {};
  if (query.from !== undefined) start.$gte = query.from;
  if (query.to !== undefined) start.$lt = query.to;
  if (Object.keys(start).length > 0) filter.start = start;
  if (query.onlyFree) filter.seatsLeft = { $gt: 0 };
  return filter;
}

export function slotRepository(collection: DocumentCollection<Doc<Slot>>): SlotRepository {
  const get = async (id: string) => {
    const doc = await collection.findOne({ _id: id });
    return doc ? fromDoc<Slot>(doc) : undefined;
  };
  return {
    insertMany: (slots) => (slots.length === 0 ? Promise.resolve() : collection.insertMany(slots.map(toDoc))),
    get,
    list: async (query) =>
      (
        await collection.find(slotFilter(query), {
          sort: query.latestFirst ? { start: -1, _id: -1 } : { start: 1, _id: 1 },
          limit: query.limit,
        })
      ).map((d) => fromDoc<Slot>(d)),
    takeSeat: async (slotId, bookingId): Promise<TakeSeatOutcome> => {
      const taken = await collection.updateOne(
        { _id: slotId, seatsLeft: { $gte: 1 }, ...collection.notContains('bookingIds', bookingId) },
        { $inc: { seatsLeft: -1 }, $push: { bookingIds: bookingId } },
      );
      if (taken) return 'taken';
      const slot = await get(slotId);
      if (!slot) return 'not_found';
      return slot.bookingIds.includes(bookingId) ? 'already_held' : 'full';
    },
    releaseSeat: async (slotId, bookingId): Promise<ReleaseSeatOutcome> => {
      const released = await collection.updateOne(
        { _id: slotId, bookingIds: bookingId },
        { $inc: { seatsLeft: 1 }, $pull: { bookingIds: bookingId } },
      );
      return released ? 'released' : 'not_held';
    },
    count: (query) => collection.count(slotFilter(query)),
    removeUnbooked: (slotIds) =>
      slotIds.length === 0 ? Promise.resolve(0) : collection.deleteMany({ _id: { $in: slotIds }, bookingIds: { $size: 0 } }),
  };
}
