/**
 * After the store is loaded: do ledgers and bookings agree? Said at start
 * (a warning line with counts and ids, never people) and in /readyz.
 */
import { type LedgerMismatch, ledgerMismatches } from '../domain/ledgerConsistency';
import type { Stores } from '../store/repositories';

export async function checkLedgerAgainstBookings(stores: Stores, programmeIds: readonly string[]): Promise<LedgerMismatch[]> {
  const books = (await Promise.all(programmeIds.map((id) => stores.voucherBooks.listByProgramme(id)))).flat();
  const bookings = (await Promise.all(programmeIds.map((programmeId) => stores.bookings.list({ programmeId })))).flat();
  return ledgerMismatches(books, bookings);
}
