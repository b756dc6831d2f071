/** Bookings: a status moves only through a conditional `transition`, so it changes once. */
import type { Booking } from '../../../domain/types';
import type { BookingQuery, BookingRepository } from '../../repositories';
import { cloneData } from '../clone';
import { type Doc, type DocumentCollection, type Filter, fromDoc, toDoc } from '../collection';

function bookingFilter(query: BookingQuery): Filter {
  const filter: Filter = {};
  if (query.programmeId !== undefined) filter.programmeId = query.programmeId;
  if (query.beneficiaryId !== undefined) filter.beneficiaryId = query.beneficiaryId;
  if (query.slotId !== undefined) filter.slotId = query.slotId;
  if (query.voucherBookId !== undefined) filter.voucherBookId = query.voucherBookId;
  if (query.statuses !== undefined) filter.status = { $in: query.statuses };
  return filter;
}

export function bookingRepository(collection: DocumentCollection<Doc<Booking>>): BookingRepository {
  const one = async (filter: Filter) => {
    const doc = await collection.findOne(filter);
    return doc ? fromDoc<Booking>(doc) : undefined;
  };
  return {
    insert: (booking) => collection.insert(toDoc(booking)),
    get: (id) => one({ _id: id }),
    getByRequestId: (requestId) => one({ requestId }),
    list: async (query) =>
      (await collection.find(bookingFilter(query), { sort: { createdAt: 1, _id: 1 } })).map((d) => fromDoc<Booking>(d)),
    transition: async (id, from, to, at, patch = {}) => {
      const set: Record<string, unknown> = { ...cloneData(patch), status: to, updatedAt: at };
      const after = await collection.updateOne({ _id: id, status: { $in: from } }, { $set: set });
      return after ? fromDoc<Booking>(after) : undefined;
    },
    forgetSubjects: async (beneficiaryId) => {
      const held = await collection.find({ beneficiaryId, subject: { $exists: true } });
      for (const doc of held) await collection.updateOne({ _id: doc._id }, { $unset: { subject: true } });
      return held.length;
    },
  };
}
