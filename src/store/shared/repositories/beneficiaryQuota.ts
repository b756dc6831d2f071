/**
 * The programme limit per person (Drôme: 8 chéquiers, 40 hours) kept by ONE
 * conditional single-document write on the beneficiary: the counters move
 * only while they stay within the limits and the prescription is not
 * counted yet. Two prescribers at the same moment can therefore never pass
 * the limit, on any store, without a transaction.
 */
import type { Beneficiary } from '../../../domain/types';
import type { BeneficiaryRepository, QuotaClaimOutcome } from '../../repositories';
import { type Doc, type DocumentCollection, type Filter, fromDoc } from '../collection';

type QuotaMethods = Pick<BeneficiaryRepository, 'listByProgramme' | 'initQuota' | 'claimBookQuota' | 'releaseBookQuota'>;

export function beneficiaryQuota(collection: DocumentCollection<Doc<Beneficiary>>): QuotaMethods {
  return {
    listByProgramme: async (programmeId) =>
      (await collection.find({ programmeId }, { sort: { createdAt: 1, _id: 1 } })).map((d) => fromDoc<Beneficiary>(d)),

    initQuota: async (id, quota) =>
      (await collection.updateOne(
        { _id: id, booksIssued: { $exists: false } },
        { $set: { booksIssued: quota.booksIssued, hoursIssued: quota.hoursIssued, prescriptionIds: [] } },
      )) !== undefined,

    claimBookQuota: async (id, claim): Promise<QuotaClaimOutcome> => {
      if (!Number.isFinite(claim.hours) || claim.hours <= 0) throw new Error('a carnet holds a positive number of hours');
      const filter: Filter = {
        _id: id,
        booksIssued: claim.maxBooks === null ? { $exists: true } : { $lte: claim.maxBooks - 1 },
        ...collection.notContains('prescriptionIds', claim.prescriptionId),
      };
      if (claim.maxHours !== null) filter.hoursIssued = { $lte: claim.maxHours - claim.hours };
      const after = await collection.updateOne(filter, {
        $inc: { booksIssued: 1, hoursIssued: claim.hours },
        $push: { prescriptionIds: claim.prescriptionId },
      });
      if (after) return 'claimed';
      // The guard refused: say why from the document as it is now.
      const now = await collection.findOne({ _id: id });
      if (!now) return 'not_found';
      if (now.booksIssued === undefined) return 'uninitialised';
      if ((now.prescriptionIds ?? []).includes(claim.prescriptionId)) return 'duplicate';
      return 'limit';
    },

    releaseBookQuota: async (id, prescriptionId, hours) =>
      (await collection.updateOne(
        { _id: id, prescriptionIds: prescriptionId },
        { $inc: { booksIssued: -1, hoursIssued: -hours }, $pull: { prescriptionIds: prescriptionId } },
      )) !== undefined,
  };
}
