/**
 * A trainer corrects the mark just made (« oups, elle était là ») over the
 * real services: the booking's status changes and the carnet's ledger stays
 * balanced — one hour consumed, once — when the no-show rule consumes it
 * too; when it would have been given back, nothing changes and the
 * coordination is who can put it right.
 */
import assert from 'node:assert/strict';
import { markCorrection } from '../../src/domain/attendanceRules';
import type { Programme } from '../../src/domain/programme';
import { balanceFromLedger, isBalanced } from '../../src/domain/voucherLedger';
import { AttendanceService } from '../../src/services/pro/attendance';
import { testNow } from '../support/clock';
import { MARTINE } from '../support/personas';
import { type ProFixture, proFixture } from './proFixture';

const MARTINE_ID = MARTINE.id;

/** The programme with another no-show rule. */
function withNoShow(programme: Programme, value: 'consume' | 'release'): Programme {
  return { ...programme, cancellation: { ...programme.cancellation, noShow: { ...programme.cancellation.noShow, value } } };
}

describe('a trainer corrects an attendance mark', function () {
  this.timeout(30_000);
  let fixture: ProFixture;

  beforeEach(async () => {
    fixture = await proFixture();
  });
  afterEach(async () => fixture.close());

  const trainer = () => fixture.people.trainer.lozere;
  const bookingAtTrainersPlace = () => fixture.pastBooking('lozere', trainer().placeIds[0], MARTINE_ID);
  const bookOf = async (bookingId: string) => {
    const booking = (await fixture.stores.bookings.get(bookingId))!;
    return (await fixture.stores.voucherBooks.get(booking.voucherBookId))!;
  };

  it('missed → attended when a no-show consumes the hour: the status changes, the hour stays consumed once, the ledger balanced', async () => {
    const attendance = new AttendanceService(fixture.stores, fixture.pro.access, [withNoShow(fixture.programmes[0], 'consume')]);
    const bookingId = await bookingAtTrainersPlace();
    const ctx = fixture.ctx(trainer());
    const marked = await attendance.record(ctx, bookingId, false, testNow());
    assert.equal(marked.outcome, 'recorded');
    const afterMark = await bookOf(bookingId);

    const corrected = await attendance.correct(ctx, bookingId, true, testNow());
    assert.equal(corrected.outcome, 'corrected');
    assert.equal((await fixture.stores.bookings.get(bookingId))!.status, 'attended');
    const book = await bookOf(bookingId);
    assert.deepEqual(book.ledger, afterMark.ledger, 'no ledger entry for a correction that moves no hour');
    assert.equal(book.ledger.filter((e) => e.bookingId === bookingId && e.operation === 'consume').length, 1);
    assert.ok(isBalanced(book));
    const rebuilt = balanceFromLedger(book.ledger);
    assert.equal(rebuilt.hoursConsumed, book.hoursConsumed);
    assert.equal(rebuilt.hoursLeft, book.hoursLeft);
    // Corrected back: the same, and a third time it is already so.
    assert.equal((await attendance.correct(ctx, bookingId, false, testNow())).outcome, 'corrected');
    assert.equal((await attendance.correct(ctx, bookingId, false, testNow())).outcome, 'unchanged');
    const audit = await fixture.stores.audit.list({ subjectId: MARTINE_ID });
    assert.ok(audit.some((e) => e.action === 'booking.attended' && e.details?.correctedFrom === 'missed'));
  });

  it('when a no-show gives the hour back, a correction to attended changes nothing and says the hours moved', async () => {
    const attendance = new AttendanceService(fixture.stores, fixture.pro.access, [withNoShow(fixture.programmes[0], 'release')]);
    const bookingId = await bookingAtTrainersPlace();
    const ctx = fixture.ctx(trainer());
    await attendance.record(ctx, bookingId, false, testNow());
    const before = await bookOf(bookingId);
    const outcome = await attendance.correct(ctx, bookingId, true, testNow());
    assert.deepEqual(outcome.outcome === 'hours_moved' && outcome.settlement, 'release');
    assert.equal((await fixture.stores.bookings.get(bookingId))!.status, 'missed');
    assert.deepEqual((await bookOf(bookingId)).ledger, before.ledger);
  });

  it('a session not marked yet, or at another place, is not corrected', async () => {
    const bookingId = await bookingAtTrainersPlace();
    assert.equal((await fixture.pro.attendance.correct(fixture.ctx(trainer()), bookingId, true, testNow())).outcome, 'not_marked');
    const elsewhere = { ...trainer(), placeIds: ['another-place'] };
    const refused = await fixture.pro.attendance.correct(fixture.ctx(elsewhere), bookingId, true, testNow());
    assert.deepEqual(refused, { outcome: 'refused', reason: 'other_place' });
  });

  it('the rule: same settlement moves no hour; attended vs a no-show that releases moved it', () => {
    const lozere = fixture.programmes[0];
    assert.deepEqual(markCorrection(false, true, withNoShow(lozere, 'consume')), { kind: 'status_only', settlement: 'consume' });
    assert.deepEqual(markCorrection(true, false, withNoShow(lozere, 'release')), { kind: 'hours_moved', settlement: 'consume' });
    assert.deepEqual(markCorrection(false, true, withNoShow(lozere, 'release')), { kind: 'hours_moved', settlement: 'release' });
  });
});
