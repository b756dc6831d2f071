/**
 * The booking rules: what a cancellation does to the hours (the programme's
 * notice, then its late-cancellation policy), and how many hours a session
 * takes. One row per case.
 */
import assert from 'node:assert/strict';
import { cancellationSettlement, slotHours } from '../../../src/domain/bookingRules';
import { at, programme } from '../../store/contract/fixtures';

const sourced = <T>(value: T) => ({ value, assumed: false });

function withPolicy(noticeHours: number, lateCancellation: 'release' | 'consume') {
  return programme({
    cancellation: { noticeHours: sourced(noticeHours), lateCancellation: sourced(lateCancellation), noShow: sourced('consume') },
  } as never);
}

const START = '2027-03-05T13:00:00Z';

describe('booking rules (domain/bookingRules.ts)', () => {
  const rows: { what: string; notice: number; late: 'release' | 'consume'; now: string; settles: 'release' | 'consume' }[] = [
    { what: 'well before the notice', notice: 24, late: 'consume', now: '2027-03-03T13:00:00Z', settles: 'release' },
    { what: 'exactly at the notice', notice: 24, late: 'consume', now: '2027-03-04T13:00:00Z', settles: 'release' },
    { what: 'a minute inside the notice', notice: 24, late: 'consume', now: '2027-03-04T13:01:00Z', settles: 'consume' },
    { what: 'an hour before, late policy consume', notice: 24, late: 'consume', now: '2027-03-05T12:00:00Z', settles: 'consume' },
    { what: 'an hour before, late policy release', notice: 24, late: 'release', now: '2027-03-05T12:00:00Z', settles: 'release' },
    { what: 'a 48-hour notice, a day before', notice: 48, late: 'consume', now: '2027-03-04T13:00:00Z', settles: 'consume' },
    { what: 'no notice at all, a minute before', notice: 0, late: 'consume', now: '2027-03-05T12:59:00Z', settles: 'release' },
  ];
  for (const row of rows) {
    it(`cancelling ${row.what} (${row.notice} h notice): hours ${row.settles === 'release' ? 'come back' : 'stay counted'}`, () => {
      assert.equal(cancellationSettlement(withPolicy(row.notice, row.late), at(START), at(row.now)), row.settles);
    });
  }

  const lengths: { what: string; minutes: number; hours: number }[] = [
    { what: 'a one-hour session', minutes: 60, hours: 1 },
    { what: 'a half-hour session', minutes: 30, hours: 0.5 },
    { what: 'a two-hour workshop', minutes: 120, hours: 2 },
  ];
  for (const row of lengths) {
    it(`${row.what} takes ${row.hours} h from the carnet`, () => {
      const start = at(START);
      assert.equal(slotHours({ start, end: new Date(start.getTime() + row.minutes * 60_000) }), row.hours);
    });
  }
});
