/** The use cases the dialogs call, built once in index.ts around the stores. */
import type { Stores } from '../store/repositories';
import { BookingService } from './bookingService';

export interface Services {
  stores: Stores;
  booking: BookingService;
}

export function createServices(stores: Stores): Services {
  return { stores, booking: new BookingService(stores) };
}
