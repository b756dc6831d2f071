/** Contract: the store hands out and takes in copies, never shared objects. */
import assert from 'node:assert/strict';
import type { Stores } from '../../../src/store/repositories';
import * as f from './fixtures';

export function copyContract(stores: () => Stores): void {
  describe('copies', () => {
    it('is not changed by mutating a returned object, its arrays or its dates', async () => {
      const book = f.voucherBook();
      await stores().voucherBooks.create(book);
      const read = await stores().voucherBooks.get(book.id);
      assert.ok(read);
      read.hoursLeft = 0;
      read.ledger.push(f.entry('reserve', 1));
      read.expiresAt.setFullYear(2000);
      read.ledger[0].at.setFullYear(2000);
      assert.deepEqual(await stores().voucherBooks.get(book.id), book);
    });

    it('is not changed by mutating an object after writing it', async () => {
      const b = f.beneficiary();
      const expected = structuredClone(b);
      await stores().beneficiaries.create(b);
      b.firstName = 'Changed';
      b.createdAt.setFullYear(2000);
      assert.deepEqual(await stores().beneficiaries.get(b.id), expected);
    });

    it('is not changed by mutating a ledger entry after applying it', async () => {
      const book = f.voucherBook();
      await stores().voucherBooks.create(book);
      const e = f.entry('reserve', 1);
      const kept = structuredClone(e);
      await stores().voucherBooks.applyEntry(book.id, e);
      e.at.setFullYear(2000);
      e.reason = 'changed';
      assert.deepEqual((await stores().voucherBooks.get(book.id))?.ledger.at(-1), kept);
    });

    it('treats a field set to undefined as absent', async () => {
      const b = { ...f.beneficiary(), phone: undefined };
      await stores().beneficiaries.create(b);
      const book = f.voucherBook();
      await stores().voucherBooks.create(book);
      await stores().voucherBooks.applyEntry(book.id, { ...f.entry('reserve', 1), bookingId: undefined });
      const read = await stores().beneficiaries.get(b.id);
      assert.ok(read && !('phone' in read));
      const last = (await stores().voucherBooks.get(book.id))?.ledger.at(-1);
      assert.ok(last && !('bookingId' in last));
    });

    it('is not changed by mutating a returned list', async () => {
      const s = f.slot();
      await stores().slots.insertMany([s]);
      const [listed] = await stores().slots.list({});
      listed.bookingIds.push('intruder');
      listed.start.setFullYear(2000);
      assert.deepEqual(await stores().slots.get(s.id), s);
    });
  });
}
