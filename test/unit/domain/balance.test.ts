/**
 * What a person is told about a carnet: the buckets as stored, its euro
 * value when the programme gives one, and whether it is expired. One row
 * per case.
 */
import assert from 'node:assert/strict';
import { summarizeBalance } from '../../../src/domain/balance';
import type { VoucherBook } from '../../../src/domain/types';
import { at, programme, voucherBook } from '../../store/contract/fixtures';

describe('balance (domain/balance.ts)', () => {
  const withEuros = programme();
  const withoutEuros = programme({ voucherBook: { word: 'chéquier', vouchers: 5, hoursPerVoucher: 1 } } as never);
  const halfHourVouchers = programme({ voucherBook: { word: 'carnet', vouchers: 10, hoursPerVoucher: 0.5, euroPerVoucher: 10 } } as never);

  const rows: {
    what: string;
    book: Partial<VoucherBook>;
    programme: typeof withEuros;
    now: string;
    euros: number | undefined;
    expired: boolean;
  }[] = [
    {
      what: '7 hours left at 10 € an hour',
      book: { hoursLeft: 7, hoursReserved: 1, hoursConsumed: 2 },
      programme: withEuros,
      now: '2026-06-01T09:00:00Z',
      euros: 70,
      expired: false,
    },
    {
      what: 'nothing left',
      book: { hoursLeft: 0, hoursConsumed: 10 },
      programme: withEuros,
      now: '2026-06-01T09:00:00Z',
      euros: 0,
      expired: false,
    },
    {
      what: 'a programme without a euro value',
      book: { hoursLeft: 5 },
      programme: withoutEuros,
      now: '2026-06-01T09:00:00Z',
      euros: undefined,
      expired: false,
    },
    {
      what: 'half-hour vouchers at 10 € each',
      book: { hoursLeft: 3 },
      programme: halfHourVouchers,
      now: '2026-06-01T09:00:00Z',
      euros: 60,
      expired: false,
    },
    { what: 'on the expiry instant', book: { hoursLeft: 4 }, programme: withEuros, now: '2027-01-10T09:00:00Z', euros: 40, expired: true },
    {
      what: 'marked expired before its date',
      book: { hoursLeft: 0, hoursExpired: 10, status: 'expired' },
      programme: withEuros,
      now: '2026-06-01T09:00:00Z',
      euros: 0,
      expired: true,
    },
  ];
  for (const row of rows) {
    it(`${row.what}: ${row.euros ?? 'no'} €, ${row.expired ? 'expired' : 'valid'}`, () => {
      const book = { ...voucherBook(), ...row.book };
      const summary = summarizeBalance(book, row.programme, at(row.now));
      assert.equal(summary.eurosLeft, row.euros);
      assert.equal(summary.expired, row.expired);
      assert.deepEqual(
        [summary.hoursTotal, summary.hoursLeft, summary.hoursReserved, summary.hoursConsumed, summary.hoursExpired],
        [book.hoursTotal, book.hoursLeft, book.hoursReserved, book.hoursConsumed, book.hoursExpired],
        'the buckets as stored',
      );
      assert.equal(summary.number, book.number);
    });
  }
});
