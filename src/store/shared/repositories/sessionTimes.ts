/**
 * A person never holds two sessions that overlap, kept by ONE conditional
 * write on the person's document: a time is added only while the version
 * read with the times is still the stored one, so of two requests made at
 * the same moment for overlapping sessions, the second reads the first's
 * time and is refused (or, not overlapping, is added after it). No
 * transaction, the same on every store.
 */
import { clashingTime, type SessionTime } from '../../../domain/sessionTimes';
import type { Beneficiary } from '../../../domain/types';
import type { BeneficiaryRepository, SessionTimeClaim } from '../../repositories';
import { type Doc, type DocumentCollection } from '../collection';

type SessionTimeMethods = Pick<BeneficiaryRepository, 'initSessionTimes' | 'claimSessionTime' | 'releaseSessionTime'>;

/** Each lost race reads again; a person's bookings do not come by the hundred at once. */
const MAX_ATTEMPTS = 200;

export function sessionTimes(collection: DocumentCollection<Doc<Beneficiary>>): SessionTimeMethods {
  return {
    initSessionTimes: async (id, times) =>
      (await collection.updateOne(
        { _id: id, sessionTimesVersion: { $exists: false } },
        { $set: { sessionTimes: times.map((time) => ({ ...time })), sessionTimesVersion: 0 } },
      )) !== undefined,

    claimSessionTime: async (id, time, except): Promise<SessionTimeClaim> => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const doc = await collection.findOne({ _id: id });
        if (!doc) return { outcome: 'not_found' };
        if (doc.sessionTimesVersion === undefined) return { outcome: 'uninitialised' };
        const held = doc.sessionTimes ?? [];
        if (held.some((t) => t.bookingId === time.bookingId)) return { outcome: 'claimed' };
        const clash = clashingTime(held, time, except);
        if (clash) return { outcome: 'overlaps', held: clash };
        const after = await collection.updateOne(
          { _id: id, sessionTimesVersion: doc.sessionTimesVersion },
          { $push: { sessionTimes: { ...time } }, $inc: { sessionTimesVersion: 1 } },
        );
        if (after) return { outcome: 'claimed' };
      }
      throw new Error('session times: too many concurrent changes');
    },

    releaseSessionTime: async (id, bookingId) => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const doc = await collection.findOne({ _id: id });
        const held = doc?.sessionTimes ?? [];
        if (!doc || !held.some((t) => t.bookingId === bookingId)) return false;
        // The rest written whole under the same guard ($pull by a field of an element is not on every store: FerretDB).
        const after = await collection.updateOne(
          { _id: id, sessionTimesVersion: doc.sessionTimesVersion },
          { $set: { sessionTimes: held.filter((t) => t.bookingId !== bookingId) }, $inc: { sessionTimesVersion: 1 } },
        );
        if (after) return true;
      }
      throw new Error('session times: too many concurrent changes');
    },
  };
}

export type { SessionTime };
