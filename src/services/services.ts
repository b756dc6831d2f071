/** The use cases the dialogs call, built once in index.ts around the stores. */
import type { CommuneIndex } from '../domain/communes';
import type { Stores } from '../store/repositories';
import { BeneficiaryAccount } from './beneficiaryAccount';
import { BookingService } from './bookingService';
import { ChannelKeys } from './channelKeys';
import { ChannelLinks } from './channelLinks';
import { Erasure } from './erasure';
import { IdentityGuard } from './identityGuard';
import { IntentRouting } from './intentRouting';
import { PlaceSearch } from './placeSearch';
import { SessionFinder } from './sessionFinder';
import { Contacts } from './reminders/contacts';

export interface Services {
  stores: Stores;
  booking: BookingService;
  placeSearch: PlaceSearch;
  account: BeneficiaryAccount;
  sessions: SessionFinder;
  channelLinks: ChannelLinks;
  identityGuard: IdentityGuard;
  erasure: Erasure;
  intents: IntentRouting;
  /** Conversation references and consent for proactive messages. */
  contacts: Contacts;
}

export function createServices(stores: Stores, communes: CommuneIndex): Services {
  const placeSearch = new PlaceSearch(stores, communes);
  const booking = new BookingService(stores);
  const channelKeys = new ChannelKeys(stores);
  return {
    stores,
    booking,
    placeSearch,
    account: new BeneficiaryAccount(stores),
    sessions: new SessionFinder(stores, placeSearch),
    channelLinks: new ChannelLinks(stores, channelKeys),
    identityGuard: new IdentityGuard(stores.counters),
    erasure: new Erasure(stores, booking),
    intents: new IntentRouting(),
    contacts: new Contacts(stores, channelKeys),
  };
}
