/** Voucher books: the balance and its ledger change in one conditional write. */
import type { LedgerEntry, VoucherBook } from '../../../domain/types';
import { classifyRefusal, ledgerEffect, type LedgerResult } from '../../../domain/voucherLedger';
import type { VoucherBookRepository } from '../../repositories';
import { type DocumentCollection, type Filter, type Update, fromDoc, toDoc } from '../collection';
import type { VoucherBookDoc } from '../collections';

const toBookDoc = (book: VoucherBook): VoucherBookDoc => ({
  ...toDoc(book),
  operationIds: book.ledger.map((e) => e.operationId),
});

function fromBookDoc(doc: VoucherBookDoc): VoucherBook {
  const { operationIds: _derived, ...rest } = doc;
  return fromDoc<VoucherBook>(rest);
}

/**
 * The guarded write for one ledger entry, from the domain's `ledgerEffect`:
 * the filter holds every precondition of `applyEntry` so that the write
 * happens only when the in-memory rule would apply it.
 */
export function ledgerWrite(
  collection: DocumentCollection<VoucherBookDoc>,
  bookId: string,
  entry: LedgerEntry,
): { filter: Filter; update: Update } {
  if (entry.operation === 'issue') throw new Error('issue entries are written when the book is created');
  if (!Number.isFinite(entry.hours) || entry.hours <= 0) throw new Error('ledger hours must be a positive number');
  const effect = ledgerEffect(entry.operation);
  const filter: Filter = {
    _id: bookId,
    status: 'active',
    [effect.from]: { $gte: entry.hours },
    ...collection.notContains('operationIds', entry.operationId),
  };
  if (effect.requiresUnexpired) filter.expiresAt = { $gt: entry.at };
  const update: Update = {
    // A transfer keeps its hours where they are (one key twice in $inc would keep only the last).
    ...(effect.from === effect.to ? {} : { $inc: { [effect.from]: -entry.hours, [effect.to]: entry.hours } }),
    $push: { ledger: entry, operationIds: entry.operationId },
  };
  return { filter, update };
}

export function voucherBookRepository(collection: DocumentCollection<VoucherBookDoc>): VoucherBookRepository {
  const get = async (id: string) => {
    const doc = await collection.findOne({ _id: id });
    return doc ? fromBookDoc(doc) : undefined;
  };
  const list = async (filter: Filter, sortField: string) =>
    (await collection.find(filter, { sort: { [sortField]: 1, _id: 1 } })).map((d) => fromBookDoc(d));
  return {
    create: (book) => collection.insert(toBookDoc(book)),
    get,
    getByNumber: async (number) => {
      const doc = await collection.findOne({ number });
      return doc ? fromBookDoc(doc) : undefined;
    },
    listByBeneficiary: (beneficiaryId) => list({ beneficiaryId }, 'issuedAt'),
    applyEntry: async (bookId, entry): Promise<LedgerResult> => {
      const { filter, update } = ledgerWrite(collection, bookId, entry);
      const after = await collection.updateOne(filter, update);
      if (after) return { outcome: 'applied', book: fromBookDoc(after) };
      // The guard refused: say why from the book as it is now.
      return classifyRefusal(await get(bookId), entry);
    },
    listExpiring: (at) => list({ status: 'active', expiresAt: { $lte: at } }, 'expiresAt'),
    markExpired: async (bookId) =>
      (await collection.updateOne({ _id: bookId, status: 'active' }, { $set: { status: 'expired' } })) !== undefined,
    count: (programmeId) => collection.count(programmeId === undefined ? {} : { programmeId }),
    listByProgramme: (programmeId) => list({ programmeId }, 'issuedAt'),
  };
}
