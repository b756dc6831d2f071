/**
 * Do the carnets' ledgers and the stored bookings tell the same story? An
 * hour reserved for a booking must have its booking, still holding a seat
 * (pending, confirmed or cancelling); a confirmed booking must have its
 * hour reserved. A booking lost from its datafile leaves exactly such a
 * gap (issue 16). Pure: the caller reads the books and bookings.
 */
import type { Booking, BookingStatus, VoucherBook } from './types';
import { heldBookingIds } from './voucherLedger';

export interface LedgerMismatch {
  voucherBookId: string;
  bookingId: string;
  /** `no_booking`: hours held for a booking that is not stored (or has ended); `no_reservation`: the reverse. */
  kind: 'no_booking' | 'no_reservation';
}

const HOLDING: readonly BookingStatus[] = ['pending', 'confirmed', 'cancelling'];

export function ledgerMismatches(books: readonly VoucherBook[], bookings: readonly Booking[]): LedgerMismatch[] {
  const byId = new Map(bookings.map((b) => [b.id, b]));
  const mismatches: LedgerMismatch[] = [];
  const reserved = new Set<string>();
  for (const book of books) {
    for (const bookingId of heldBookingIds(book.ledger)) {
      reserved.add(bookingId);
      const booking = byId.get(bookingId);
      if (!booking || !HOLDING.includes(booking.status)) mismatches.push({ voucherBookId: book.id, bookingId, kind: 'no_booking' });
    }
  }
  for (const booking of bookings) {
    if (booking.status === 'confirmed' && !reserved.has(booking.id)) {
      mismatches.push({ voucherBookId: booking.voucherBookId, bookingId: booking.id, kind: 'no_reservation' });
    }
  }
  return mismatches;
}
