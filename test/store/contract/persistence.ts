/** Contract for durable stores: what was acknowledged is there after closing and reopening. */
import assert from 'node:assert/strict';
import { BotStateStorage } from '../../../src/store/botStateStorage';
import type { Stores } from '../../../src/store/repositories';
import * as f from './fixtures';
import { testNow } from '../../support/clock';

export function persistenceContract(stores: () => Stores, reopen: () => Promise<Stores>): void {
  describe('persistence', () => {
    it('keeps every kind of write across a close and reopen', async () => {
      const s = stores();
      const ben = f.beneficiary();
      const gone = f.beneficiary();
      const book = f.voucherBook({ beneficiaryId: ben.id });
      const slot = f.slot({ capacity: 2 });
      const booking = f.booking({ slotId: slot.id, beneficiaryId: ben.id });
      await s.beneficiaries.create(ben);
      await s.beneficiaries.create(gone);
      await s.beneficiaries.delete(gone.id);
      await s.beneficiaries.setPhone(ben.id, '+33612345678');
      await s.voucherBooks.create(book);
      const reserved = await s.voucherBooks.applyEntry(book.id, f.entry('reserve', 2, { bookingId: booking.id }));
      await s.slots.insertMany([slot]);
      await s.slots.takeSeat(slot.id, booking.id);
      await s.bookings.insert(booking);
      const confirmed = await s.bookings.transition(booking.id, ['pending'], 'confirmed', testNow());
      await new BotStateStorage(s.botState, testNow).write({ 'c/1': { step: 3 } });
      await s.close();

      const again = await reopen();
      try {
        assert.deepEqual(await again.beneficiaries.get(ben.id), { ...ben, phone: '+33612345678' });
        assert.equal(await again.beneficiaries.get(gone.id), undefined);
        assert.ok(reserved.outcome === 'applied');
        assert.deepEqual(await again.voucherBooks.get(book.id), reserved.book);
        assert.equal((await again.slots.get(slot.id))?.seatsLeft, 1);
        assert.deepEqual(await again.bookings.get(booking.id), confirmed);
        assert.equal((await new BotStateStorage(again.botState, testNow).read(['c/1']))['c/1'].step, 3);
      } finally {
        await again.close();
      }
    });

    it('keeps enforcing unique keys after a reopen', async () => {
      const book = f.voucherBook();
      await stores().voucherBooks.create(book);
      await stores().close();
      const again = await reopen();
      try {
        await assert.rejects(again.voucherBooks.create(f.voucherBook({ number: book.number })), {
          name: 'DuplicateKeyError',
        });
      } finally {
        await again.close();
      }
    });
  });
}
