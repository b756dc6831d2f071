/** The outbox of proactive messages (leases, retries) and the contact references they are sent through. */
import { type ContactReference, NO_LEASE, type OutboxMessage } from '../../../domain/outbox';
import { DuplicateKeyError } from '../../errors';
import type { ContactReferenceRepository, OutboxRepository } from '../../repositories';
import { type Doc, type DocumentCollection, type Filter, fromDoc, toDoc } from '../collection';
import type { MetaDoc } from '../collections';

/**
 * `meta` holds the SMS opt-outs, one small document per channel key: no
 * collection, schema or index of their own for a yes/no per number.
 */
export function contactReferenceRepository(
  collection: DocumentCollection<Doc<ContactReference>>,
  meta: DocumentCollection<MetaDoc>,
): ContactReferenceRepository {
  const read = (doc: Doc<ContactReference>) => fromDoc<ContactReference>(doc);
  const optOutKey = (channelKey: string) => `smsOptOut:${channelKey}`;
  return {
    put: (reference) => collection.put(toDoc(reference)),
    get: async (id) => {
      const doc = await collection.findOne({ _id: id });
      return doc ? read(doc) : undefined;
    },
    listByBeneficiary: async (beneficiaryId) => (await collection.find({ beneficiaryId }, { sort: { updatedAt: -1, _id: 1 } })).map(read),
    withdrawByChannelKey: async (channelKey, at) => {
      let count = 0;
      for (const doc of await collection.find({ channelKey, consent: true })) {
        if (await collection.updateOne({ _id: doc._id }, { $set: { consent: false, updatedAt: at } })) count += 1;
      }
      return count;
    },
    setOptOut: (channelKey, optedOut, at) =>
      meta.put({ _id: optOutKey(channelKey), value: JSON.stringify({ optedOut, at: at.toISOString() }) }),
    isOptedOut: async (channelKey) => {
      const doc = await meta.findOne({ _id: optOutKey(channelKey) });
      return doc ? (JSON.parse(doc.value) as { optedOut: boolean }).optedOut === true : false;
    },
    deleteBeneficiary: (beneficiaryId) => collection.deleteMany({ beneficiaryId }),
  };
}

export function outboxRepository(collection: DocumentCollection<Doc<OutboxMessage>>): OutboxRepository {
  const read = (doc: Doc<OutboxMessage> | undefined) => (doc ? fromDoc<OutboxMessage>(doc) : undefined);
  /** The holder's writes: guarded by its name on a pending message, and they free the lease. */
  const byHolder = async (id: string, owner: string, set: Record<string, unknown>) =>
    (await collection.updateOne(
      { _id: id, status: 'pending', leaseOwner: owner },
      { $set: { ...set, leaseUntil: NO_LEASE }, $unset: { leaseOwner: true } },
    )) !== undefined;
  return {
    add: async (message) => {
      try {
        await collection.insert(toDoc(message));
        return true;
      } catch (error) {
        if (error instanceof DuplicateKeyError) return false;
        throw error;
      }
    },
    reschedule: async (id, dueAt, now) =>
      (await collection.updateOne(
        { _id: id, status: 'pending' },
        { $set: { dueAt, nextAttemptAt: dueAt, attempts: 0, updatedAt: now } },
      )) !== undefined,
    get: async (id) => read(await collection.findOne({ _id: id })),
    list: async (query) => {
      const filter: Filter = {};
      if (query.beneficiaryId !== undefined) filter.beneficiaryId = query.beneficiaryId;
      if (query.bookingId !== undefined) filter.bookingId = query.bookingId;
      if (query.statuses !== undefined) filter.status = { $in: query.statuses };
      return (await collection.find(filter, { sort: { dueAt: 1, _id: 1 } })).map((d) => read(d)!);
    },
    listDue: async (now, limit) =>
      (
        await collection.find(
          { status: 'pending', nextAttemptAt: { $lte: now }, leaseUntil: { $lte: now } },
          { sort: { nextAttemptAt: 1, _id: 1 }, limit },
        )
      ).map((d) => read(d)!),
    claim: async (id, owner, now, leaseMs) =>
      read(
        await collection.updateOne(
          { _id: id, status: 'pending', nextAttemptAt: { $lte: now }, leaseUntil: { $lte: now } },
          { $set: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now }, $inc: { attempts: 1 } },
        ),
      ),
    markSent: (id, owner, now) => byHolder(id, owner, { status: 'sent', sentAt: now, updatedAt: now }),
    markRetry: (id, owner, nextAttemptAt, reason, now) => byHolder(id, owner, { nextAttemptAt, reason, updatedAt: now }),
    markFailed: (id, owner, reason, now) => byHolder(id, owner, { status: 'failed', reason, updatedAt: now }),
    cancel: async (id, reason, now, owner) => {
      if (owner !== undefined) return byHolder(id, owner, { status: 'cancelled', reason, updatedAt: now });
      return (
        (await collection.updateOne(
          { _id: id, status: 'pending', leaseUntil: { $lte: now } },
          { $set: { status: 'cancelled', reason, updatedAt: now } },
        )) !== undefined
      );
    },
    recordRating: async (id, rating, at) =>
      (await collection.updateOne({ _id: id, kind: 'feedback', status: 'sent' }, { $set: { rating, answeredAt: at, updatedAt: at } })) !==
      undefined,
    deleteBeneficiary: (beneficiaryId) => collection.deleteMany({ beneficiaryId }),
  };
}
