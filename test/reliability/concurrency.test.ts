/**
 * 200 conversations at once, competing for 20 one-seat slots and for the
 * last hour of shared carnets (five conversations per carnet: a person on
 * SMS and on the web, a relative helping…). Each conversation tries up to
 * three sessions, as a person told « complet » picks another time.
 * Afterwards: no slot above capacity, no carnet below zero or unbalanced,
 * one confirmed booking per seat taken, and every conversation got one of
 * the outcomes the dialogs turn into a clear sentence.
 * On the embedded store and on FerretDB.
 */
import assert from 'node:assert/strict';
import type { Actor } from '../../src/domain/types';
import { isBalanced } from '../../src/domain/voucherLedger';
import { type BookOutcome, BookingService } from '../../src/services/bookingService';
import { openStores, type OpenStoresOptions } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import { withFerretDb } from '../support/ferretdb';
import { uniqueDatabaseName, withDatabase } from '../store/harnesses';
import { raceIds, seedRaceWorld } from '../support/raceWorld';
import { seededRng } from './fuzzCases';
import { testNow } from '../support/clock';

const CONVERSATIONS = 200;
const SLOTS = 20;
const PEOPLE = 40;
const ATTEMPTS = 3;
const SEED_ACTOR: Actor = { kind: 'system', id: 'concurrency-test' };
/** Outcomes the booking dialog answers with its own sentence (dialogs/BookingDialog). */
const ANSWERED: ReadonlySet<BookOutcome['outcome']> = new Set(['booked', 'already_booked', 'slot_full', 'not_enough_hours']);

function raceSuite(open: () => Promise<OpenStoresOptions>) {
  let stores: Stores;
  /** Per conversation, the outcomes it was told, in order. */
  let told: BookOutcome['outcome'][][];
  let errors: unknown[];

  before(async function () {
    this.timeout(120_000);
    stores = await openStores(await open());
    const now = testNow();
    await seedRaceWorld(stores, { now, people: PEOPLE, slots: SLOTS, actor: SEED_ACTOR });
    const service = new BookingService(stores);
    const rng = seededRng(Number(process.env.RACE_SEED ?? 20261125));
    errors = [];
    told = await Promise.all(
      Array.from({ length: CONVERSATIONS }, async (_, c) => {
        const person = c % PEOPLE;
        const outcomes: BookOutcome['outcome'][] = [];
        for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
          const slot = Math.floor(rng() * SLOTS);
          try {
            const result = await service.book({
              requestId: `race-${c}-${attempt}`,
              beneficiaryId: raceIds.person(person),
              slotId: raceIds.slot(slot),
              actor: { kind: 'beneficiary', id: raceIds.person(person) },
              now,
            });
            outcomes.push(result.outcome);
            if (result.outcome !== 'slot_full') break;
          } catch (error) {
            errors.push(error);
            break;
          }
        }
        return outcomes;
      }),
    );
  });
  after(async () => stores?.close());

  it(`gives each of the ${CONVERSATIONS} conversations an answer the dialog can say, and no error`, () => {
    assert.deepEqual(errors.map(String), []);
    assert.equal(told.length, CONVERSATIONS);
    for (const [c, outcomes] of told.entries()) {
      assert.ok(outcomes.length > 0, `conversation ${c} got no answer`);
      for (const outcome of outcomes) assert.ok(ANSWERED.has(outcome), `conversation ${c}: ${outcome}`);
    }
  });

  it('books no slot above its one seat', async () => {
    const slots = await stores.slots.list({ placeId: 'race-place' });
    assert.equal(slots.length, SLOTS);
    for (const slot of slots) {
      assert.ok(slot.seatsLeft >= 0 && slot.seatsLeft <= 1, `${slot.id} seatsLeft ${slot.seatsLeft}`);
      assert.equal(slot.bookingIds.length, 1 - slot.seatsLeft, slot.id);
      const confirmed = await stores.bookings.list({ slotId: slot.id, statuses: ['confirmed'] });
      assert.ok(confirmed.length <= 1, `${slot.id}: ${confirmed.length} confirmed bookings`);
      assert.deepEqual(
        confirmed.map((b) => b.id),
        slot.bookingIds,
        slot.id,
      );
    }
  });

  it('takes each carnet below zero never, keeps its ledger balanced, and books at most its one hour', async () => {
    for (let n = 0; n < PEOPLE; n += 1) {
      const book = (await stores.voucherBooks.get(raceIds.book(n)))!;
      assert.ok(book.hoursLeft >= 0, `RACE-${n} hoursLeft ${book.hoursLeft}`);
      assert.ok(isBalanced(book), `RACE-${n} unbalanced`);
      const confirmed = await stores.bookings.list({ beneficiaryId: raceIds.person(n), statuses: ['confirmed'] });
      assert.ok(confirmed.length <= 1, `RACE-${n}: ${confirmed.length} bookings for one hour`);
      assert.equal(book.hoursReserved, confirmed.length, `RACE-${n}`);
    }
  });

  it('confirms exactly as many bookings as conversations were told « booked », and leaves none pending', async () => {
    const bookedTold = told.flat().filter((o) => o === 'booked').length;
    const confirmed = await stores.bookings.list({ statuses: ['confirmed'] });
    const pending = await stores.bookings.list({ statuses: ['pending'] });
    assert.equal(confirmed.length, bookedTold);
    assert.equal(pending.length, 0);
    assert.ok(bookedTold > 0 && bookedTold <= SLOTS);
  });
}

describe(`concurrency: ${CONVERSATIONS} conversations, ${SLOTS} one-seat slots, ${PEOPLE} carnets of one hour`, function () {
  this.timeout(60_000);

  describe('embedded (memory)', () => raceSuite(async () => ({ inMemory: true })));

  describe('ferretdb', () => {
    const ferret = withFerretDb();
    raceSuite(async () => ({ mongodbUri: withDatabase(ferret().baseUri, uniqueDatabaseName('race')) }));
  });
});
