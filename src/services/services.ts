/** The use cases the dialogs call, built once in index.ts around the stores. */
import type { CommuneIndex } from '../domain/communes';
import type { Stores } from '../store/repositories';
import { BeneficiaryAccount } from './beneficiaryAccount';
import { BookingService } from './bookingService';
import { PlaceSearch } from './placeSearch';

export interface Services {
  stores: Stores;
  booking: BookingService;
  placeSearch: PlaceSearch;
  account: BeneficiaryAccount;
}

export function createServices(stores: Stores, communes: CommuneIndex): Services {
  return {
    stores,
    booking: new BookingService(stores),
    placeSearch: new PlaceSearch(stores, communes),
    account: new BeneficiaryAccount(stores),
  };
}
