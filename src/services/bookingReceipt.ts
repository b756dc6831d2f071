/**
 * What the person is told once a session is booked: when, where (with the
 * address and the place's phone), with whom, and the hours left after it
 * in all the person's carnets (two carnets: both count). One read per fact, done here so the dialog only words it.
 */
import { hoursLeftInAll } from '../domain/carnetChoice';
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

  async of(booking: Pick<Booking, 'slotId' | 'beneficiaryId'>, now: Date): Promise<BookingReceipt> {
    const [slot, books] = await Promise.all([
      this.stores.slots.get(booking.slotId),
      this.stores.voucherBooks.listByBeneficiary(booking.beneficiaryId),
    ]);
    const [place, trainer] = await Promise.all([
      slot ? this.stores.places.get(slot.placeId) : undefined,
      slot?.trainerId ? this.stores.trainers.get(slot.trainerId) : undefined,
    ]);
    return {
      ...(slot ? { start: slot.start } : {}),
      ...(place ? { place } : {}),
      ...(trainer ? { trainerFirstName: trainer.firstName } : {}),
      ...(books.length > 0 ? { hoursLeft: hoursLeftInAll(books, now) } : {}),
    };
  }
}
