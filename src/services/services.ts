/** The use cases the dialogs call, built once in index.ts around the stores. */
import { type Clock, systemClock } from '../domain/clock';
import type { CommuneIndex } from '../domain/communes';
import type { Stores } from '../store/repositories';
import { BeneficiaryAccount } from './beneficiaryAccount';
import { BookingReceipts } from './bookingReceipt';
import { BookingService } from './bookingService';
import { ChannelKeys } from './channelKeys';
import { ChannelLinks } from './channelLinks';
import { Erasure } from './erasure';
import { IdentityGuard } from './identityGuard';
import { IntentRouting } from '../nlu/intentRouting';
import { HumanContacts } from './humanContacts';
import { PlaceSearch } from './placeSearch';
import { SlotFinder } from './slotFinder';
import { AccessLog } from './pro/accessLog';
import { ReminderAnswers } from './reminders/answers';
import { Contacts } from './reminders/contacts';
import { planLockedBookAlert } from './reminders/prescriberAlerts';

/** No `stores` here on purpose: dialogs and middleware reach data through these use cases only. */
export interface Services {
  booking: BookingService;
  /** What the person is told once booked. */
  receipts: BookingReceipts;
  placeSearch: PlaceSearch;
  account: BeneficiaryAccount;
  /** Whom a person can talk to, each with a phone (or an address and hours). */
  humanContacts: HumanContacts;
  slots: SlotFinder;
  channelLinks: ChannelLinks;
  identityGuard: IdentityGuard;
  erasure: Erasure;
  intents: IntentRouting;
  /** Conversation references and consent for proactive messages. */
  contacts: Contacts;
  /** « ANNULER » after a reminder, a rating after the feedback question. */
  reminderAnswers: ReminderAnswers;
  /** « Qui a consulté mon dossier ? », for the beneficiary. */
  accessLog: AccessLog;
}

export function createServices(stores: Stores, communes: CommuneIndex, clock: Clock = systemClock): Services {
  const placeSearch = new PlaceSearch(stores, communes);
  const booking = new BookingService(stores);
  const channelKeys = new ChannelKeys(stores);
  const channelLinks = new ChannelLinks(stores, channelKeys);
  return {
    booking,
    receipts: new BookingReceipts(stores),
    placeSearch,
    account: new BeneficiaryAccount(stores, clock),
    humanContacts: new HumanContacts(placeSearch),
    slots: new SlotFinder(stores, placeSearch),
    channelLinks,
    // A carnet locked for good: its prescriber is told (services/reminders/prescriberAlerts).
    identityGuard: new IdentityGuard(stores.counters, {
      onLockedForGood: async (number) => {
        await planLockedBookAlert(stores, number, clock.now());
      },
    }),
    erasure: new Erasure(stores, booking),
    intents: new IntentRouting(undefined, clock),
    contacts: new Contacts(stores, channelKeys),
    reminderAnswers: new ReminderAnswers(stores, channelLinks),
    accessLog: new AccessLog(stores),
  };
}
