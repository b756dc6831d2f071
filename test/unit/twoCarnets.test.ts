/**
 * A person with two carnets: the old one nearly used up and about to
 * expire, a new one just prescribed. The booking takes the hour from the
 * carnet that expires first, as long as it has a free hour and is still
 * valid on the session's day; the dialog no longer chooses (a BookRequest
 * names no carnet). « Il vous reste » counts the hours of both.
 */
import assert from 'node:assert/strict';
import { loadProgrammes } from '../../src/data/programmes';
import { carnetToBook, hoursLeftInAll, lastBookableMoment, whyNoCarnet } from '../../src/domain/carnetChoice';
import type { Slot, VoucherBook } from '../../src/domain/types';
import { issueVoucherBook } from '../../src/domain/voucherLedger';
import { BookingService } from '../../src/services/bookingService';
import { BookingReceipts } from '../../src/services/bookingReceipt';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import { testNow } from '../support/clock';
import { PAULETTE, seedTwoCarnets } from '../support/twoCarnets';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = testNow();

function carnet(id: string, hoursLeft: number, expiresInDays: number, extra: Partial<VoucherBook> = {}): VoucherBook {
  const book = issueVoucherBook({
    id,
    number: id,
    programmeId: 'lozere',
    beneficiaryId: 'p',
    hours: 10,
    issuedAt: new Date(now.getTime() - DAY),
    expiresAt: new Date(now.getTime() + expiresInDays * DAY),
    issuedBy: { kind: 'system', id: 'test' },
    reason: 'test',
  });
  return { ...book, hoursLeft, hoursConsumed: 10 - hoursLeft, ...extra };
}

function sessionIn(days: number, hours = 1): Pick<Slot, 'programmeId' | 'start' | 'end'> {
  const start = new Date(now.getTime() + days * DAY);
  return { programmeId: 'lozere', start, end: new Date(start.getTime() + hours * HOUR) };
}

describe('the carnet a session is booked on', () => {
  const old = carnet('old', 1, 5);
  const fresh = carnet('new', 10, 365);

  it('is the one that expires first, while it has a free hour and is valid on the session’s day', () => {
    assert.equal(carnetToBook([fresh, old], sessionIn(2))?.id, 'old');
  });

  it('is the new one for a session after the old one expires', () => {
    assert.equal(carnetToBook([fresh, old], sessionIn(6))?.id, 'new');
  });

  it('is the new one once the old one has no free hour (its last hour reserved)', () => {
    assert.equal(carnetToBook([fresh, { ...old, hoursLeft: 0, hoursReserved: 1 }], sessionIn(2))?.id, 'new');
  });

  it('is the new one for a two-hour session the old one cannot hold', () => {
    assert.equal(carnetToBook([old, fresh], sessionIn(2, 2))?.id, 'new');
  });

  it('is never a carnet of another programme, nor one no longer active', () => {
    assert.equal(
      carnetToBook(
        [
          { ...old, programmeId: 'drome' },
          { ...fresh, status: 'expired' },
        ],
        sessionIn(2),
      ),
      undefined,
    );
  });

  it('says why none fits: expired by then, or no hour left', () => {
    assert.equal(whyNoCarnet([old], sessionIn(6), now), 'book_expired');
    assert.equal(whyNoCarnet([{ ...old, hoursLeft: 0 }], sessionIn(2), now), 'not_enough_hours');
  });

  it('counts the hours left in all the carnets still valid, and sessions can be listed until the last one expires', () => {
    assert.equal(hoursLeftInAll([old, fresh], now), 11);
    assert.equal(hoursLeftInAll([old, fresh], new Date(now.getTime() + 6 * DAY)), 10);
    assert.equal(lastBookableMoment([old, fresh], now)?.getTime(), fresh.expiresAt.getTime());
    assert.equal(lastBookableMoment([{ ...fresh, hoursLeft: 0 }], now), undefined);
  });
});

describe('booking with two carnets (Paulette: 1 hour left on the old one, expiring Monday; 10 on the new one)', () => {
  let stores: Stores;
  let service: BookingService;
  const slots: Slot[] = [1, 2, 7].map((days, i) => {
    const start = new Date(now.getTime() + days * DAY);
    return {
      id: `two-slot-${i}`,
      programmeId: 'lozere',
      placeId: 'two-place',
      start,
      end: new Date(start.getTime() + HOUR),
      capacity: 2,
      seatsLeft: 2,
      bookingIds: [],
    };
  });
  const book = (slotId: string, requestId = `req-${slotId}`) =>
    service.book({ requestId, beneficiaryId: PAULETTE.id, slotId, actor: { kind: 'beneficiary', id: PAULETTE.id }, now });
  const hoursLeft = async (id: string) => (await stores.voucherBooks.get(id))?.hoursLeft;

  beforeEach(async () => {
    stores = await openStores({ inMemory: true });
    await seedTwoCarnets(stores, now);
    await stores.slots.insertMany(slots);
    service = new BookingService(stores);
  });
  afterEach(async () => stores.close());

  it('books the first session on the old carnet, the next on the new one', async () => {
    const first = await book(slots[0].id);
    assert.equal(first.outcome === 'booked' && first.booking.voucherBookId, PAULETTE.oldBook.id);
    const second = await book(slots[1].id);
    assert.equal(second.outcome === 'booked' && second.booking.voucherBookId, PAULETTE.newBook.id);
    assert.equal(await hoursLeft(PAULETTE.oldBook.id), 0);
    assert.equal(await hoursLeft(PAULETTE.newBook.id), 9);
  });

  it('books a session after the old carnet expires on the new one, the old one’s hour untouched', async () => {
    const outcome = await book(slots[2].id);
    assert.equal(outcome.outcome === 'booked' && outcome.booking.voucherBookId, PAULETTE.newBook.id);
    assert.equal(await hoursLeft(PAULETTE.oldBook.id), 1);
  });

  it('says the hours left in both carnets after a booking', async () => {
    const outcome = await book(slots[0].id);
    assert.equal(outcome.outcome, 'booked');
    const receipt = await new BookingReceipts(stores).of({ slotId: slots[0].id, beneficiaryId: PAULETTE.id }, now);
    assert.equal(receipt.hoursLeft, 10, 'before: 0, the old carnet alone (« Il ne vous reste plus d’heure »)');
  });

  it('two requests at once for the old carnet’s last hour: both booked, one on each carnet', async () => {
    const outcomes = await Promise.all([book(slots[0].id), book(slots[1].id)]);
    const carnets = outcomes.map((o) => (o.outcome === 'booked' ? o.booking.voucherBookId : o.outcome)).sort();
    assert.deepEqual(carnets, [PAULETTE.newBook.id, PAULETTE.oldBook.id].sort());
  });

  it('moves a session booked on the old carnet past its expiry onto the new one', async () => {
    const first = await book(slots[0].id);
    assert.equal(first.outcome, 'booked');
    const [programme] = loadProgrammes(['lozere']);
    const moved = await service.move((first as { booking: { id: string } }).booking.id, slots[2].id, {
      requestId: 'move-1',
      programme,
      actor: { kind: 'beneficiary', id: PAULETTE.id },
      now,
    });
    assert.equal(moved.outcome === 'moved' && moved.booking.voucherBookId, PAULETTE.newBook.id);
    assert.equal(await hoursLeft(PAULETTE.oldBook.id), 1, 'the old carnet’s hour given back');
    assert.equal(await hoursLeft(PAULETTE.newBook.id), 9);
  });
});
