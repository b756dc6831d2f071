/**
 * The store contract: one behaviour suite that every Stores implementation
 * must pass. `factory` returns fresh, empty stores for each test; `reopen`,
 * for durable stores, opens again the data of the last stores opened (after
 * the test closed them).
 */
import type { Stores } from '../../src/store/repositories';
import { concurrencyContract } from './contract/concurrency';
import { copyContract } from './contract/copies';
import { outboxContract } from './contract/outbox';
import { peopleContract } from './contract/people';
import { persistenceContract } from './contract/persistence';
import { quotaContract } from './contract/quota';
import { referenceDataContract } from './contract/referenceData';
import { sessionTimesContract } from './contract/sessionTimes';
import { slotBookingContract } from './contract/slotsAndBookings';
import { stateContract } from './contract/state';
import { voucherBookContract } from './contract/vouchers';

export interface ContractOptions {
  reopen?: () => Promise<Stores>;
}

export function storeContract(name: string, factory: () => Promise<Stores>, options: ContractOptions = {}): void {
  describe(`store contract: ${name}`, () => {
    let current: Stores | undefined;
    const stores = (): Stores => {
      if (!current) throw new Error('stores not opened');
      return current;
    };

    beforeEach(async () => {
      current = await factory();
    });

    afterEach(async () => {
      await current?.close();
      current = undefined;
    });

    referenceDataContract(stores);
    peopleContract(stores);
    quotaContract(stores);
    sessionTimesContract(stores);
    voucherBookContract(stores);
    slotBookingContract(stores);
    stateContract(stores);
    copyContract(stores);
    concurrencyContract(stores);
    outboxContract(stores);
    if (options.reopen) persistenceContract(stores, options.reopen);
  });
}
