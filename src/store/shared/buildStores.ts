/** Assembles the repositories, written once here, over a store's collections. */
import { type CounterBackend, countersFor } from '../counters';
import type { Stores } from '../repositories';
import type { Collections } from './collections';
import { COLLECTION_NAMES } from './collections';
import { placeRepository, prescriberRepository, programmeRepository, trainerRepository } from './repositories/reference';
import { auditRepository, beneficiaryRepository, channelLinkRepository } from './repositories/people';
import { voucherBookRepository } from './repositories/vouchers';
import { bookingRepository } from './repositories/bookings';
import { slotRepository } from './repositories/slots';
import { metaRepository, stateDocumentRepository } from './repositories/state';
import { contactReferenceRepository, outboxRepository } from './repositories/outbox';

export interface StoreLifecycle {
  kind: Stores['kind'];
  /** Where rate counters live (counters.ts picks the limiter from this). */
  counters: CounterBackend;
  ping(): Promise<void>;
  /** See Stores.compact; absent: nothing to do. */
  compact?(): Promise<void>;
  close(): Promise<void>;
}

export function buildStores(collections: Collections, lifecycle: StoreLifecycle): Stores {
  return {
    kind: lifecycle.kind,
    programmes: programmeRepository(collections.programmes),
    beneficiaries: beneficiaryRepository(collections.beneficiaries),
    voucherBooks: voucherBookRepository(collections.voucherBooks),
    places: placeRepository(collections.places),
    trainers: trainerRepository(collections.trainers),
    prescribers: prescriberRepository(collections.prescribers),
    slots: slotRepository(collections.slots),
    bookings: bookingRepository(collections.bookings),
    audit: auditRepository(collections.audit),
    channelLinks: channelLinkRepository(collections.channelLinks),
    botState: stateDocumentRepository(collections.botState),
    meta: metaRepository(collections.meta),
    contactReferences: contactReferenceRepository(collections.contactReferences, collections.meta),
    outbox: outboxRepository(collections.outbox),
    counters: countersFor(lifecycle.counters, collections.meta),
    ping: () => lifecycle.ping(),
    compact: async () => {
      await lifecycle.compact?.();
    },
    clearAll: async () => {
      for (const name of COLLECTION_NAMES) await collections[name].deleteMany({});
    },
    close: () => lifecycle.close(),
  };
}
