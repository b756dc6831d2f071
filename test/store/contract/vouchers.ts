/** Contract: voucher books and their ledger, checked against the domain's in-memory rules. */
import assert from 'node:assert/strict';
import { applyEntry, balanceFromLedger, isBalanced } from '../../../src/domain/voucherLedger';
import type { VoucherBook } from '../../../src/domain/types';
import { DuplicateKeyError } from '../../../src/store/errors';
import type { Stores } from '../../../src/store/repositories';
import * as f from './fixtures';

const buckets = (b: VoucherBook | undefined) =>
  b && { left: b.hoursLeft, reserved: b.hoursReserved, consumed: b.hoursConsumed, expired: b.hoursExpired };

export function voucherBookContract(stores: () => Stores): void {
  const books = () => stores().voucherBooks;
  const created = async (overrides: Partial<VoucherBook> = {}) => {
    const book = f.voucherBook(overrides);
    await books().create(book);
    return book;
  };

  describe('voucher books', () => {
    it('gives back a created book by id and by number', async () => {
      const book = await created();
      assert.deepEqual(await books().get(book.id), book);
      assert.deepEqual(await books().getByNumber(book.number), book);
      assert.equal(await books().getByNumber('N-unknown'), undefined);
    });

    it('refuses a second book with the same carnet number', async () => {
      const book = await created();
      const err = await f.rejection(books().create(f.voucherBook({ number: book.number })));
      assert.ok(err instanceof DuplicateKeyError, String(err));
      assert.equal(await books().count(), 1);
    });

    it('refuses a second book with the same id', async () => {
      const book = await created();
      assert.ok((await f.rejection(books().create({ ...book, number: 'N-other' }))) instanceof DuplicateKeyError);
    });

    it('lists the books of one beneficiary, oldest first', async () => {
      const newer = await created({ beneficiaryId: 'ben-x', issuedAt: f.at('2026-05-01T00:00:00Z') });
      const older = await created({ beneficiaryId: 'ben-x', issuedAt: f.at('2026-01-01T00:00:00Z') });
      await created({ beneficiaryId: 'ben-y' });
      assert.deepEqual(
        (await books().listByBeneficiary('ben-x')).map((b) => b.id),
        [older.id, newer.id],
      );
    });

    it('lists active books expiring at or before a date', async () => {
      const due = await created({ expiresAt: f.at('2026-06-01T00:00:00Z') });
      const dueExactly = await created({ expiresAt: f.at('2026-06-30T00:00:00Z') });
      await created({ expiresAt: f.at('2026-07-01T00:00:00Z') });
      await created({ expiresAt: f.at('2026-05-01T00:00:00Z'), status: 'expired' });
      const ids = (await books().listExpiring(f.at('2026-06-30T00:00:00Z'))).map((b) => b.id);
      assert.deepEqual(ids.sort(), [due.id, dueExactly.id].sort());
    });

    it('marks an active book expired once', async () => {
      const book = await created();
      assert.equal(await books().markExpired(book.id), true);
      assert.equal((await books().get(book.id))?.status, 'expired');
      assert.equal(await books().markExpired(book.id), false);
      assert.equal(await books().markExpired('book-unknown'), false);
    });

    it('counts all books or those of one programme', async () => {
      await created();
      await created({ programmeId: 'drome' });
      assert.equal(await books().count(), 2);
      assert.equal(await books().count('drome'), 1);
    });

    it('lists every book of one programme, oldest issue first, whatever its status', async () => {
      const late = await created({ issuedAt: f.at('2026-05-01T00:00:00Z') });
      const early = await created({ issuedAt: f.at('2026-02-01T00:00:00Z') });
      await created({ programmeId: 'drome' });
      await books().markExpired(early.id);
      assert.deepEqual(
        (await books().listByProgramme('lozere')).map((b) => b.id),
        [early.id, late.id],
      );
      assert.deepEqual(await books().listByProgramme('nowhere'), []);
    });
  });

  describe('voucher ledger', () => {
    it('reserves: hours move from left to reserved and the entry is kept', async () => {
      const book = await created({ hoursTotal: 10 });
      const e = f.entry('reserve', 2, { bookingId: 'booking-1' });
      const result = await books().applyEntry(book.id, e);
      assert.equal(result.outcome, 'applied');
      assert.deepEqual(buckets(await books().get(book.id)), { left: 8, reserved: 2, consumed: 0, expired: 0 });
      assert.deepEqual((await books().get(book.id))?.ledger.at(-1), e);
    });

    it('returns the book as it is after the entry', async () => {
      const book = await created();
      const result = await books().applyEntry(book.id, f.entry('reserve', 1));
      assert.ok(result.outcome === 'applied');
      assert.deepEqual(result.book, await books().get(book.id));
    });

    it('releases and consumes reserved hours, and expires left ones', async () => {
      const book = await created({ hoursTotal: 10 });
      for (const e of [f.entry('reserve', 3), f.entry('release', 1), f.entry('consume', 2), f.entry('expire', 4)]) {
        assert.equal((await books().applyEntry(book.id, e)).outcome, 'applied', e.operation);
      }
      assert.deepEqual(buckets(await books().get(book.id)), { left: 4, reserved: 0, consumed: 2, expired: 4 });
    });

    it('refuses to reserve more than is left, changing nothing', async () => {
      const book = await created({ hoursTotal: 2 });
      const result = await books().applyEntry(book.id, f.entry('reserve', 3));
      assert.equal(result.outcome, 'insufficient');
      assert.deepEqual(await books().get(book.id), book);
    });

    it('refuses to consume hours that were never reserved', async () => {
      const book = await created();
      assert.equal((await books().applyEntry(book.id, f.entry('consume', 1))).outcome, 'insufficient');
    });

    it('refuses a reservation at or after the expiry date', async () => {
      const book = await created({ expiresAt: f.at('2026-03-01T10:00:00Z') });
      const result = await books().applyEntry(book.id, f.entry('reserve', 1, { at: f.at('2026-03-01T10:00:00Z') }));
      assert.equal(result.outcome, 'expired');
      assert.deepEqual(await books().get(book.id), book);
    });

    it('still releases hours of a book past its expiry date', async () => {
      const book = await created({ expiresAt: f.at('2026-03-01T00:00:00Z') });
      await books().applyEntry(book.id, f.entry('reserve', 1, { at: f.at('2026-02-01T00:00:00Z') }));
      assert.equal((await books().applyEntry(book.id, f.entry('release', 1))).outcome, 'applied');
    });

    it('refuses any entry on a book that is not active', async () => {
      const book = await created({ status: 'cancelled' });
      assert.equal((await books().applyEntry(book.id, f.entry('reserve', 1))).outcome, 'inactive');
    });

    it('applies a replayed operation id once: the replay is a duplicate and changes nothing', async () => {
      const book = await created({ hoursTotal: 5 });
      const e = f.entry('reserve', 2);
      assert.equal((await books().applyEntry(book.id, e)).outcome, 'applied');
      const before = await books().get(book.id);
      const replay = await books().applyEntry(book.id, { ...e, hours: 1, at: f.at('2026-03-02T00:00:00Z') });
      assert.equal(replay.outcome, 'duplicate');
      assert.deepEqual(await books().get(book.id), before);
    });

    it('says not_found for an unknown book', async () => {
      assert.deepEqual(await books().applyEntry('book-unknown', f.entry('reserve', 1)), { outcome: 'not_found' });
    });

    it('rejects issue entries and non-positive hours as programming errors', async () => {
      const book = await created();
      await assert.rejects(books().applyEntry(book.id, { ...f.entry('reserve', 1), operation: 'issue' }));
      await assert.rejects(books().applyEntry(book.id, f.entry('reserve', 0)));
      await assert.rejects(books().applyEntry(book.id, f.entry('reserve', -1)));
    });

    it('agrees with the domain rules, entry after entry, and stays consistent with its ledger', async () => {
      let reference = await created({ hoursTotal: 4, expiresAt: f.at('2026-03-10T00:00:00Z') });
      const reserve = f.entry('reserve', 3);
      const sequence = [
        reserve,
        f.entry('reserve', 2),
        reserve,
        f.entry('consume', 1),
        f.entry('release', 3),
        f.entry('release', 2),
        f.entry('reserve', 1, { at: f.at('2026-03-10T00:00:00Z') }),
        f.entry('expire', 1),
        f.entry('consume', 0.5),
        f.entry('reserve', 0.5),
      ];
      for (const e of sequence) {
        const expected = applyEntry(reference, e);
        const actual = await books().applyEntry(reference.id, e);
        assert.equal(actual.outcome, expected.outcome, `${e.operation} ${e.hours}`);
        if (expected.outcome === 'applied') reference = expected.book;
      }
      const stored = await books().get(reference.id);
      assert.deepEqual(stored, reference);
      assert.ok(stored && isBalanced(stored));
      const { hoursTotal, hoursLeft, hoursReserved, hoursConsumed, hoursExpired } = stored;
      assert.deepEqual(balanceFromLedger(stored.ledger), {
        hoursTotal,
        hoursLeft,
        hoursReserved,
        hoursConsumed,
        hoursExpired,
      });
    });
  });
}
