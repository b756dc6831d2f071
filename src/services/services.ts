/** The use cases the dialogs call, built once in index.ts around the stores. */
import type { CommuneIndex } from '../domain/communes';
import type { Stores } from '../store/repositories';
import { BookingService } from './bookingService';
import { PlaceSearch } from './placeSearch';

export interface Services {
  stores: Stores;
  booking: BookingService;
  placeSearch: PlaceSearch;
}

export function createServices(stores: Stores, communes: CommuneIndex): Services {
  return { stores, booking: new BookingService(stores), placeSearch: new PlaceSearch(stores, communes) };
}
