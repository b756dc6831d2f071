/**
 * The voucher ledger, the money rule: how each operation moves hours
 * between the buckets of a carnet, what refuses it, and that the history
 * alone gives the balance back. One row per case.
 */
import assert from 'node:assert/strict';
import { applyEntry, balanceFromLedger, isBalanced, type LedgerResult } from '../../../src/domain/voucherLedger';
import type { LedgerOperation, VoucherBook } from '../../../src/domain/types';
import { at, entry, voucherBook } from '../../store/contract/fixtures';

type Operation = Exclude<LedgerOperation, 'issue'>;
type Buckets = Pick<VoucherBook, 'hoursLeft' | 'hoursReserved' | 'hoursConsumed' | 'hoursExpired'>;

/** A 10-hour carnet valid until 2027-01-10, with `reserved` hours already reserved. */
function carnet(reserved: number, overrides: Partial<VoucherBook> = {}): VoucherBook {
  let book = voucherBook(overrides);
  if (reserved > 0) book = (applyEntry(book, entry('reserve', reserved, { operationId: 'op-before' })) as { book: VoucherBook }).book;
  return book;
}

const buckets = (book: VoucherBook): Buckets => ({
  hoursLeft: book.hoursLeft,
  hoursReserved: book.hoursReserved,
  hoursConsumed: book.hoursConsumed,
  hoursExpired: book.hoursExpired,
});

describe('voucher ledger (domain/voucherLedger.ts)', () => {
  const applies: { what: string; reserved: number; op: Operation; hours: number; after: Buckets }[] = [
    {
      what: 'reserve takes from the hours left',
      reserved: 0,
      op: 'reserve',
      hours: 1,
      after: { hoursLeft: 9, hoursReserved: 1, hoursConsumed: 0, hoursExpired: 0 },
    },
    {
      what: 'reserve may take the last hours',
      reserved: 0,
      op: 'reserve',
      hours: 10,
      after: { hoursLeft: 0, hoursReserved: 10, hoursConsumed: 0, hoursExpired: 0 },
    },
    {
      what: 'release gives reserved hours back',
      reserved: 2,
      op: 'release',
      hours: 1,
      after: { hoursLeft: 9, hoursReserved: 1, hoursConsumed: 0, hoursExpired: 0 },
    },
    {
      what: 'consume counts a reserved hour as used',
      reserved: 2,
      op: 'consume',
      hours: 2,
      after: { hoursLeft: 8, hoursReserved: 0, hoursConsumed: 2, hoursExpired: 0 },
    },
    {
      what: 'expire moves the hours left to expired',
      reserved: 3,
      op: 'expire',
      hours: 7,
      after: { hoursLeft: 0, hoursReserved: 3, hoursConsumed: 0, hoursExpired: 7 },
    },
    {
      what: 'half hours move like whole ones',
      reserved: 0,
      op: 'reserve',
      hours: 0.5,
      after: { hoursLeft: 9.5, hoursReserved: 0.5, hoursConsumed: 0, hoursExpired: 0 },
    },
  ];
  for (const row of applies) {
    it(`${row.what} (${row.op} ${row.hours} h with ${row.reserved} h reserved)`, () => {
      const result = applyEntry(carnet(row.reserved), entry(row.op, row.hours));
      assert.equal(result.outcome, 'applied');
      const { book } = result;
      assert.deepEqual(buckets(book), row.after);
      assert.ok(isBalanced(book), 'the buckets still add up to the total');
    });
  }

  const refusals: { what: string; book: () => VoucherBook; op: Operation; hours: number; at?: string; outcome: LedgerResult['outcome'] }[] =
    [
      { what: 'more hours than are left', book: () => carnet(0), op: 'reserve', hours: 11, outcome: 'insufficient' },
      { what: 'releasing hours never reserved', book: () => carnet(0), op: 'release', hours: 1, outcome: 'insufficient' },
      { what: 'consuming more than reserved', book: () => carnet(1), op: 'consume', hours: 2, outcome: 'insufficient' },
      {
        what: 'reserving on the expiry instant',
        book: () => carnet(0),
        op: 'reserve',
        hours: 1,
        at: '2027-01-10T09:00:00Z',
        outcome: 'expired',
      },
      { what: 'reserving after expiry', book: () => carnet(0), op: 'reserve', hours: 1, at: '2027-02-01T09:00:00Z', outcome: 'expired' },
      { what: 'a cancelled carnet', book: () => carnet(0, { status: 'cancelled' }), op: 'reserve', hours: 1, outcome: 'inactive' },
      {
        what: 'an expired carnet, even releasing',
        book: () => carnet(1, { status: 'expired' }),
        op: 'release',
        hours: 1,
        outcome: 'inactive',
      },
    ];
  for (const row of refusals) {
    it(`refuses ${row.what}: ${row.outcome}, nothing changes`, () => {
      const before = row.book();
      const result = applyEntry(before, entry(row.op, row.hours, row.at ? { at: at(row.at) } : {}));
      assert.equal(result.outcome, row.outcome);
      assert.deepEqual((result as { book: VoucherBook }).book, before);
    });
  }

  it('releasing and consuming still apply after expiry (a session booked before it)', () => {
    for (const op of ['release', 'consume'] as const) {
      assert.equal(applyEntry(carnet(1), entry(op, 1, { at: at('2027-06-01T09:00:00Z') })).outcome, 'applied', op);
    }
  });

  it('an operation id applied once is a duplicate the second time, whatever it asks', () => {
    const once = applyEntry(carnet(0), entry('reserve', 1, { operationId: 'reserve:b1' }));
    assert.equal(once.outcome, 'applied');
    const again = applyEntry((once as { book: VoucherBook }).book, entry('reserve', 5, { operationId: 'reserve:b1' }));
    assert.equal(again.outcome, 'duplicate');
    assert.equal((again as { book: VoucherBook }).book.hoursLeft, 9);
  });

  for (const hours of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`throws on ${hours} hours: a programming error, not a refusal`, () => {
      assert.throws(() => applyEntry(carnet(0), entry('reserve', hours)), /positive number/);
    });
  }

  it('the ledger alone gives back the balance stored beside it', () => {
    let book = carnet(0);
    const steps: [Operation, number][] = [
      ['reserve', 2],
      ['consume', 1],
      ['release', 1],
      ['reserve', 3],
      ['consume', 3],
      ['expire', 6],
    ];
    for (const [op, hours] of steps) book = (applyEntry(book, entry(op, hours)) as { book: VoucherBook }).book;
    assert.deepEqual(balanceFromLedger(book.ledger), { hoursTotal: 10, ...buckets(book) });
    assert.deepEqual(buckets(book), { hoursLeft: 0, hoursReserved: 0, hoursConsumed: 4, hoursExpired: 6 });
  });

  const balanced: { what: string; book: Partial<VoucherBook>; ok: boolean }[] = [
    { what: 'buckets adding up to the total', book: { hoursLeft: 6, hoursReserved: 1, hoursConsumed: 3 }, ok: true },
    { what: 'an hour missing', book: { hoursLeft: 6, hoursReserved: 1, hoursConsumed: 2 }, ok: false },
    { what: 'a negative bucket', book: { hoursLeft: 11, hoursReserved: -1 }, ok: false },
  ];
  for (const row of balanced) {
    it(`isBalanced: ${row.what} → ${row.ok}`, () => assert.equal(isBalanced({ ...carnet(0), ...row.book }), row.ok));
  }
});
