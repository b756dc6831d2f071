import assert from 'node:assert/strict';
import { loadProgrammes } from '../../src/data/programmes';
import { computeReport, NOT_GIVEN, type ReportRow } from '../../src/domain/programmeReport';
import type { Actor, Booking, LedgerEntry, Slot, VoucherBook } from '../../src/domain/types';
import { applyEntry, issueVoucherBook } from '../../src/domain/voucherLedger';
import { french } from '../../src/i18n';
import { seedDemo } from '../../src/services/demoSeed';
import { buildProgrammeReport, reportCsv, reportText, type ReportWords } from '../../src/services/programmeReport';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';

const t = french() as unknown as ReportWords;
const programmes = loadProgrammes(['lozere', 'drome']);
const SYSTEM: Actor = { kind: 'system', id: 'test' };
const sum = (rows: ReportRow[], field: keyof ReportRow) => rows.reduce((n, r) => n + (r[field] as number), 0);

describe('programme report', () => {
  describe('on the demo data', () => {
    let stores: Stores;
    before(async () => {
      stores = await openStores({ inMemory: true });
      await seedDemo(stores, { programmes, now: new Date('2026-03-20T09:15:00Z') });
    });
    after(async () => {
      await stores.close();
    });

    for (const programmeId of ['lozere', 'drome']) {
      it(`${programmeId}: reconciles, and every grouping adds up to the totals`, async () => {
        const report = await buildProgrammeReport(stores, programmeId, '2025-01-01', '2026-12-31');
        const r = report.reconciliation;
        assert.equal(r.ok, true, JSON.stringify(r));
        assert.ok(r.books > 0);
        assert.equal(r.hoursPrescribed, r.hoursLeft + r.hoursReserved + r.hoursConsumed + r.hoursExpired);
        assert.equal(report.totals.books, r.books);
        for (const field of ['books', 'hoursPrescribed', 'hoursReserved', 'hoursConsumed', 'hoursReleased', 'hoursExpired'] as const) {
          assert.equal(sum(report.byMonth, field), report.totals[field], `by month: ${field}`);
          assert.equal(sum(report.byStructure, field), report.totals[field], `by structure: ${field}`);
        }
        // Every hour moved has a theme and a place (« non renseigné » at worst), and its person is counted there.
        for (const field of ['hoursReserved', 'hoursConsumed', 'hoursReleased', 'hoursExpired'] as const) {
          assert.equal(sum(report.byTheme, field), report.totals[field], `by theme: ${field}`);
          assert.equal(sum(report.byPlace, field), report.totals[field], `by place: ${field}`);
        }
        for (const row of [...report.byTheme, ...report.byPlace, ...report.byStructure, ...report.byMonth]) {
          assert.ok(row.beneficiaries > 0, `${row.key || 'non renseigné'} counts the people whose hours it holds`);
          assert.ok(row.beneficiaries <= report.totals.beneficiaries);
        }
        const text = reportText(report, t, { programme: programmeId, book: 'carnet' });
        assert.match(text, /Rapprochement OK/);
        assert.ok(
          report.byTheme.every((row) => row.key === NOT_GIVEN),
          'bookings carry no theme yet',
        );
        if (report.byTheme.length > 0) assert.match(text, /non renseigné/);
        assert.match(reportCsv(report, t), /^\uFEFFregroupement,valeur,bénéficiaires,/);
      });
    }

    it('says when a stored balance no longer matches its ledger', async () => {
      const [book] = await stores.voucherBooks.listByProgramme('lozere');
      const tampered: VoucherBook = { ...book, hoursLeft: book.hoursLeft + 1, hoursTotal: book.hoursTotal + 1 };
      const report = computeReport({
        programmeId: 'lozere',
        from: '2025-01-01',
        to: '2026-12-31',
        books: [tampered],
        bookings: [],
        slots: [],
        placeNames: new Map(),
      });
      assert.equal(report.reconciliation.ok, false);
      assert.deepEqual(report.reconciliation.unbalancedBookIds, [book.id]);
      assert.match(reportText(report, t, { programme: 'lozere', book: 'carnet' }), /Rapprochement EN ÉCART/);
    });
  });

  describe('the figures of a known history', () => {
    const at = (iso: string) => new Date(iso);
    const entry = (operation: LedgerEntry['operation'], iso: string, bookingId?: string): LedgerEntry => ({
      operationId: `${operation}:${bookingId ?? iso}`,
      operation,
      hours: 1,
      at: at(iso),
      by: SYSTEM,
      reason: 'test',
      ...(bookingId ? { bookingId } : {}),
    });
    const slot = (id: string, iso: string): Slot => ({
      id,
      programmeId: 'lozere',
      placeId: 'p1',
      start: at(iso),
      end: at(iso),
      capacity: 1,
      seatsLeft: 0,
      bookingIds: [],
    });
    const booking = (id: string, slotId: string, status: Booking['status']): Booking => ({
      id,
      programmeId: 'lozere',
      slotId,
      beneficiaryId: 'ben-1',
      voucherBookId: 'book-1',
      hours: 1,
      status,
      activeKey: id,
      requestId: id,
      createdAt: at('2026-01-10T10:00:00Z'),
      updatedAt: at('2026-01-10T10:00:00Z'),
      createdBy: SYSTEM,
    });

    /** Martine's carnet of `hours` hours, issued in January 2026, with these entries applied (each must apply). */
    const carnetWith = (hours: number, entries: LedgerEntry[]) => {
      let book = issueVoucherBook({
        id: 'book-1',
        number: 'LOZ-TEST-001',
        programmeId: 'lozere',
        beneficiaryId: 'ben-1',
        hours,
        issuedAt: at('2026-01-05T10:00:00Z'),
        expiresAt: at('2027-01-05T10:00:00Z'),
        issuedBy: SYSTEM,
        structure: 'CMS de Mende',
        reason: 'test',
      });
      for (const e of entries) {
        const result = applyEntry(book, e);
        assert.equal(result.outcome, 'applied', e.operation);
        if (result.outcome === 'applied') book = result.book;
      }
      return book;
    };

    it('counts reserved, consumed, released hours and the no-show rate, by place and month', () => {
      const book = carnetWith(10, [
        entry('reserve', '2026-01-10T10:00:00Z', 'b1'),
        entry('consume', '2026-01-20T10:00:00Z', 'b1'),
        entry('reserve', '2026-02-10T10:00:00Z', 'b2'),
        entry('consume', '2026-02-20T10:00:00Z', 'b2'),
        entry('reserve', '2026-03-10T10:00:00Z', 'b3'),
        entry('release', '2026-03-11T10:00:00Z', 'b3'),
      ]);
      const report = computeReport({
        programmeId: 'lozere',
        from: '2026-01-01',
        to: '2026-12-31',
        books: [book],
        bookings: [booking('b1', 's1', 'attended'), booking('b2', 's2', 'missed'), booking('b3', 's3', 'cancelled')],
        slots: [slot('s1', '2026-01-20T09:00:00Z'), slot('s2', '2026-02-20T09:00:00Z'), slot('s3', '2026-03-20T09:00:00Z')],
        placeNames: new Map([['p1', 'Médiathèque de Mende']]),
      });
      assert.deepEqual(
        { ...report.totals },
        {
          beneficiaries: 1,
          books: 1,
          hoursPrescribed: 10,
          hoursReserved: 3,
          hoursConsumed: 2,
          hoursReleased: 1,
          hoursExpired: 0,
          attended: 1,
          missed: 1,
          cancelled: 1,
          noShowRate: 0.5,
          ratings: 0,
        },
      );
      assert.deepEqual(
        report.byPlace.map((r) => [r.key, r.hoursReserved, r.hoursConsumed, r.missed]),
        [['Médiathèque de Mende', 3, 2, 1]],
      );
      assert.deepEqual(
        report.byTheme.map((r) => r.key),
        [NOT_GIVEN],
      );
      assert.deepEqual(
        report.byMonth.map((r) => [r.key, r.hoursConsumed]),
        [
          ['2026-01', 1],
          ['2026-02', 1],
          ['2026-03', 0],
        ],
      );
      assert.equal(report.reconciliation.ok, true);
      assert.equal(report.reconciliation.hoursLeft, 8);
    });

    it('says what consumed the hours: a session attended, a no-show, a late cancellation, or no session known', () => {
      const book = carnetWith(10, [
        entry('reserve', '2026-01-10T10:00:00Z', 'b1'),
        entry('consume', '2026-01-20T10:00:00Z', 'b1'),
        entry('reserve', '2026-02-10T10:00:00Z', 'b2'),
        entry('consume', '2026-02-20T10:00:00Z', 'b2'),
        entry('reserve', '2026-03-10T10:00:00Z', 'b3'),
        entry('consume', '2026-03-19T10:00:00Z', 'b3'),
        entry('reserve', '2026-04-10T10:00:00Z'),
        entry('consume', '2026-04-10T11:00:00Z'),
      ]);
      const report = computeReport({
        programmeId: 'lozere',
        from: '2026-01-01',
        to: '2026-12-31',
        books: [book],
        bookings: [booking('b1', 's1', 'attended'), booking('b2', 's2', 'missed'), booking('b3', 's3', 'cancelled')],
        slots: [slot('s1', '2026-01-20T09:00:00Z'), slot('s2', '2026-02-20T09:00:00Z'), slot('s3', '2026-03-20T09:00:00Z')],
        placeNames: new Map([['p1', 'Médiathèque de Mende']]),
      });
      assert.equal(report.totals.hoursConsumed, 4);
      assert.deepEqual(report.consumedFor, { attended: 1, missed: 1, lateCancelled: 1, withoutSession: 1 });
    });

    it('counts a moved session once: the transfer of its reserved hour to the new session moves no hour', () => {
      const book = carnetWith(1, [
        entry('reserve', '2026-01-10T10:00:00Z', 'b1'),
        { ...entry('transfer', '2026-01-12T10:00:00Z', 'b2'), fromBookingId: 'b1' },
        entry('consume', '2026-01-20T10:00:00Z', 'b2'),
      ]);
      const report = computeReport({
        programmeId: 'lozere',
        from: '2026-01-01',
        to: '2026-12-31',
        books: [book],
        bookings: [booking('b1', 's1', 'cancelled'), booking('b2', 's2', 'attended')],
        slots: [slot('s1', '2026-01-15T09:00:00Z'), slot('s2', '2026-01-20T09:00:00Z')],
        placeNames: new Map([['p1', 'Médiathèque de Mende']]),
      });
      assert.deepEqual(
        Object.keys(report.totals).filter((key) => Number.isNaN((report.totals as unknown as Record<string, number>)[key])),
        [],
      );
      assert.deepEqual([report.totals.hoursReserved, report.totals.hoursConsumed], [1, 1]);
      assert.deepEqual(report.consumedFor, { attended: 1, missed: 0, lateCancelled: 0, withoutSession: 0 });
      assert.equal(report.reconciliation.ok, true);
    });

    it('counts a cancellation on the day it was asked, like the hour it released (« combien de séances annulées ? » said none beside « Heures libérées : 1 h »)', () => {
      const book = carnetWith(10, [entry('reserve', '2026-12-01T10:00:00Z', 'b1'), entry('release', '2026-12-04T22:00:00Z', 'b1')]);
      const cancelledToday = { ...booking('b1', 's1', 'cancelled'), cancelledAt: at('2026-12-04T22:00:00Z') };
      const report = computeReport({
        programmeId: 'lozere',
        from: '2026-12-01',
        to: '2026-12-05',
        books: [book],
        bookings: [cancelledToday],
        slots: [slot('s1', '2026-12-07T08:00:00Z')],
        placeNames: new Map([['p1', 'Médiathèque de Mende']]),
      });
      assert.deepEqual([report.totals.cancelled, report.totals.hoursReleased], [1, 1]);
    });

    it('counts the 1–5 answers of the sessions held in the period, with their mean, by place and month', () => {
      const book = carnetWith(10, []);
      const report = computeReport({
        programmeId: 'lozere',
        from: '2026-02-01',
        to: '2026-12-31',
        books: [book],
        bookings: [booking('b1', 's1', 'attended'), booking('b2', 's2', 'attended'), booking('b3', 's3', 'attended')],
        slots: [slot('s1', '2026-01-20T09:00:00Z'), slot('s2', '2026-02-20T09:00:00Z'), slot('s3', '2026-03-20T09:00:00Z')],
        placeNames: new Map([['p1', 'Médiathèque de Mende']]),
        ratings: [
          { bookingId: 'b1', rating: 1 },
          { bookingId: 'b2', rating: 5 },
          { bookingId: 'b3', rating: 4 },
          { bookingId: 'unknown', rating: 3 },
        ],
      });
      // b1 was held in January, before the period; an answer about an unknown booking counts nowhere.
      assert.deepEqual([report.totals.ratings, report.totals.averageRating], [2, 4.5]);
      assert.deepEqual(
        report.byMonth.map((r) => [r.key, r.ratings, r.averageRating]),
        [
          ['2026-02', 1, 5],
          ['2026-03', 1, 4],
        ],
      );
      assert.deepEqual(
        report.byPlace.map((r) => [r.key, r.ratings]),
        [['Médiathèque de Mende', 2]],
      );
    });
  });
});
