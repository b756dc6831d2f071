/**
 * What the person is told once a session is booked: when, where (with the
 * address and the place's phone), with whom, and the hours left on the
 * carnet after it. One read per fact, done here so the dialog only words it.
 */
import type { Booking, Place } from '../domain/types';
import type { Stores } from '../store/repositories';

export interface BookingReceipt {
  start?: Date;
  place?: Place;
  /** The trainer's first name only: enough to be welcomed by name. */
  trainerFirstName?: string;
  hoursLeft?: number;
}

export class BookingReceipts {
  constructor(private readonly stores: Pick<Stores, 'slots' | 'places' | 'voucherBooks' | 'trainers'>) {}

  async of(booking: Pick<Booking, 'slotId' | 'voucherBookId'>): Promise<BookingReceipt> {
    const [slot, book] = await Promise.all([this.stores.slots.get(booking.slotId), this.stores.voucherBooks.get(booking.voucherBookId)]);
    const [place, trainer] = await Promise.all([
      slot ? this.stores.places.get(slot.placeId) : undefined,
      slot?.trainerId ? this.stores.trainers.get(slot.trainerId) : undefined,
    ]);
    return {
      ...(slot ? { start: slot.start } : {}),
      ...(place ? { place } : {}),
      ...(trainer ? { trainerFirstName: trainer.firstName } : {}),
      ...(book ? { hoursLeft: book.hoursLeft } : {}),
    };
  }
}
