import assert from 'node:assert/strict';
import { loadDemoIdentities } from '../../src/data/demoIdentities';
import { loadPlaces } from '../../src/data/places';
import { loadProgrammes } from '../../src/data/programmes';
import { isValidVoucherBookNumber } from '../../src/domain/voucherBookNumber';
import { openIntervals } from '../../src/domain/openingHours';
import { balanceFromLedger, isBalanced } from '../../src/domain/voucherLedger';
import { SEED_MARKER, seedDemo, type SeedSummary } from '../../src/services/demoSeed';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import { GERARD, MARTINE, SYLVIE } from '../support/personas';

const NOW = new Date('2026-03-20T09:15:00Z');
const programmes = loadProgrammes(['lozere', 'drome']);
const places = loadPlaces(programmes);
const identities = loadDemoIdentities();
const DAY = 24 * 3_600_000;
/** The people booked with each programme's Teams trainer: a session over before NOW, one to come. */
const withTeamsTrainer = identities.beneficiaries.filter((b) => b.scenario === 'with-teams-trainer');
/** The slots written besides the timetable: each Teams trainer's past session, booked. */
const PAST_SLOTS = withTeamsTrainer.length;

describe('demo seed', () => {
  let stores: Stores;
  let first: SeedSummary;
  const logged: unknown[] = [];

  before(async () => {
    stores = await openStores({ inMemory: true });
    first = await seedDemo(stores, { programmes, now: NOW, places, logger: { info: (details) => logged.push(details) } });
  });

  after(async () => {
    await stores?.close();
  });

  // How long seeding takes is measured by `npm run bench:startup`, not here: a timed test fails on a busy machine.
  it('seeds and sets the marker', async () => {
    assert.equal(first.seeded, true);
    assert.equal(await stores.meta.get(SEED_MARKER), NOW.toISOString());
  });

  it('writes the programmes, the 119 places with their roles, trainers and prescribers', async () => {
    assert.deepEqual((await stores.programmes.list()).map((p) => p.id).sort(), ['drome', 'lozere']);
    assert.equal(await stores.places.count(), 119);
    assert.equal(await stores.places.count({ programmeId: 'lozere', role: 'training' }), 17);
    assert.equal(await stores.places.count({ programmeId: 'drome', role: 'prescribing' }), 38);
    assert.equal(first.trainers, 60);
    const lozerePrescriber = await stores.prescribers.findByAadObjectId('00000000-0000-4000-8000-000000004801');
    assert.equal(lozerePrescriber?.programmeId, 'lozere');
    assert.equal((await stores.prescribers.findByAadObjectId('00000000-0000-4000-8000-000000002601'))?.role, 'coordinator');
    assert.equal((await stores.trainers.findByAadObjectId('00000000-0000-4000-8000-000000004811'))?.programmeId, 'lozere');
  });

  it('gives trainers 1 or 2 training places, a few of them shared', async () => {
    const trainingIds = new Set((await stores.places.list({ role: 'training' })).map((p) => p.id));
    const perPlace = new Map<string, number>();
    let shared = 0;
    for (let i = 1; i <= 43; i += 1) {
      const trainer = await stores.trainers.get(`demo-trainer-drome-${String(i).padStart(2, '0')}`);
      assert.ok(trainer && /^\p{L}+$/u.test(trainer.firstName), 'first name only');
      assert.ok(trainer.placeIds.every((id) => trainingIds.has(id)));
      trainer.placeIds.forEach((id) => perPlace.set(id, (perPlace.get(id) ?? 0) + 1));
      if (trainer.placeIds.length > 1) shared += 1;
    }
    assert.ok(shared > 0 && shared < 15, `${shared} shared trainers`);
    assert.ok([...perPlace.values()].every((n) => n >= 1 && n <= 2));
  });

  it("creates slots only in the next 4 weeks (but the Teams trainers' past session), within opening hours, never overlapping for one trainer", async () => {
    const slots = await stores.slots.list({});
    const past = slots.filter((s) => s.start.getTime() < NOW.getTime());
    assert.equal(slots.length - past.length, first.slots);
    assert.ok(first.slots > 1000 && first.slots <= 10_000, `${first.slots} slots`);
    assert.equal(past.length, PAST_SLOTS);
    assert.ok(
      past.every((s) => s.bookingIds.length === 1 && s.end.getTime() <= NOW.getTime() && s.start.getTime() >= NOW.getTime() - 7 * DAY),
    );
    const end = NOW.getTime() + 28 * 24 * 3_600_000;
    const placeHours = new Map((await stores.places.list()).map((p) => [p.id, p]));
    const byTrainer = new Map<string, { start: number; end: number }[]>();
    for (const slot of slots) {
      assert.ok(slot.end.getTime() <= end);
      const place = placeHours.get(slot.placeId)!;
      assert.ok(place.openingHours && !place.openingHoursIsDefault, 'no slot on assumed hours');
      const open = openIntervals(place.openingHours, slot.start, slot.end);
      assert.equal(open.length, 1);
      assert.equal(open[0].end.getTime() - open[0].start.getTime(), slot.end.getTime() - slot.start.getTime());
      const list = byTrainer.get(slot.trainerId!) ?? [];
      list.push({ start: slot.start.getTime(), end: slot.end.getTime() });
      byTrainer.set(slot.trainerId!, list);
    }
    for (const [trainer, list] of byTrainer) {
      list.sort((a, b) => a.start - b.start);
      for (let i = 1; i < list.length; i += 1) assert.ok(list[i].start >= list[i - 1].end, `${trainer} in two places at once`);
    }
  });

  it('writes the demo people with their carnets, balanced by the ledger', async () => {
    for (const person of identities.beneficiaries) {
      const stored = await stores.beneficiaries.get(person.id);
      assert.equal(stored?.birthDate, person.birthDate);
      const book = await stores.voucherBooks.getByNumber(person.voucherBookNumber);
      assert.ok(book && isValidVoucherBookNumber(book.number));
      assert.equal(book.beneficiaryId, person.id);
      assert.ok(isBalanced(book), person.id);
      const rebuilt = balanceFromLedger(book.ledger);
      assert.deepEqual(
        [rebuilt.hoursTotal, rebuilt.hoursLeft, rebuilt.hoursReserved, rebuilt.hoursConsumed, rebuilt.hoursExpired],
        [book.hoursTotal, book.hoursLeft, book.hoursReserved, book.hoursConsumed, book.hoursExpired],
      );
    }
    const active = await stores.voucherBooks.getByNumber(MARTINE.voucherBookNumber);
    assert.deepEqual([active?.hoursTotal, active?.hoursLeft, active?.hoursReserved, active?.hoursConsumed], [10, 7, 1, 2]);
    assert.equal(active?.status, 'active');
    const nearly = await stores.voucherBooks.getByNumber(GERARD.voucherBookNumber);
    assert.deepEqual([nearly?.hoursTotal, nearly?.hoursLeft, nearly?.hoursConsumed], [5, 1, 4]);
    const expired = await stores.voucherBooks.getByNumber(SYLVIE.voucherBookNumber);
    assert.equal(expired?.status, 'expired');
    assert.ok(expired.expiresAt.getTime() < NOW.getTime());
    assert.deepEqual([expired?.hoursLeft, expired?.hoursConsumed, expired?.hoursExpired], [0, 3, 7]);
  });

  it('books one future session for the Lozère person, seat and hours both held', async () => {
    const bookings = await stores.bookings.list({ beneficiaryId: MARTINE.id });
    assert.equal(bookings.length, 1);
    const [booking] = bookings;
    assert.equal(booking?.status, 'confirmed');
    const slot = await stores.slots.get(booking.slotId);
    assert.ok(slot && slot.start.getTime() >= NOW.getTime() + 2 * 24 * 3_600_000);
    assert.deepEqual(slot.bookingIds, [booking.id]);
    assert.equal(slot.seatsLeft, slot.capacity - 1);
    const book = await stores.voucherBooks.get(booking.voucherBookId);
    assert.ok(book?.ledger.some((e) => e.operation === 'reserve' && e.bookingId === booking.id));
    const place = await stores.places.get(slot.placeId);
    assert.equal(place?.communeInsee?.slice(0, 2), '48');
    const free = await stores.slots.count({ onlyFree: true });
    // Martine's, and one to come with each Teams trainer.
    assert.equal(free, first.slots - 1 - withTeamsTrainer.length);
  });

  it("books, with each programme's Teams trainer, the last session before now (to mark) and one at least two days on", async () => {
    assert.deepEqual(withTeamsTrainer.map((b) => b.programmeId).sort(), ['drome', 'lozere']);
    assert.equal(first.bookings, 1 + 2 * withTeamsTrainer.length);
    for (const person of withTeamsTrainer) {
      const { aadObjectId } = identities.trainers.teams.find((t) => t.programmeId === person.programmeId)!;
      const trainer = (await stores.trainers.findByAadObjectId(aadObjectId))!;
      assert.equal(trainer.programmeId, person.programmeId);
      const bookings = await stores.bookings.list({ beneficiaryId: person.id });
      const slots = await Promise.all(bookings.map(async (b) => (await stores.slots.get(b.slotId))!));
      assert.ok(bookings.every((b) => b.status === 'confirmed'));
      assert.ok(slots.every((s) => s.trainerId === trainer.id && trainer.placeIds.includes(s.placeId)));
      const [done, next] = slots.sort((a, b) => a.start.getTime() - b.start.getTime());
      assert.ok(
        done.end.getTime() <= NOW.getTime() && done.start.getTime() >= NOW.getTime() - 7 * DAY,
        `${person.id}: ${done.start.toISOString()}`,
      );
      assert.ok(
        next.start.getTime() >= NOW.getTime() + 2 * DAY && next.start.getTime() < NOW.getTime() + 9 * DAY,
        next.start.toISOString(),
      );
      const book = await stores.voucherBooks.getByNumber(person.voucherBookNumber);
      const hours = person.programmeId === 'lozere' ? [7, 2, 1] : [2, 2, 1];
      assert.deepEqual([book?.hoursLeft, book?.hoursReserved, book?.hoursConsumed], hours, person.id);
    }
    // The first Drôme place publishes no hours, so no sessions: its trainer is not the Teams one.
    const firstDrome = await stores.trainers.get('demo-trainer-drome-01');
    assert.equal(firstDrome?.aadObjectId, undefined);
  });

  it('does nothing the second time, and says so', async () => {
    const again = await seedDemo(stores, { programmes, now: new Date(NOW.getTime() + 3_600_000), places });
    assert.equal(again.seeded, false);
    assert.equal(again.seededAt, NOW.toISOString());
    assert.equal(await stores.slots.count(), first.slots + PAST_SLOTS);
    assert.equal(await stores.beneficiaries.count(), identities.beneficiaries.length);
    assert.equal(await stores.voucherBooks.count(), identities.beneficiaries.length);
  });

  it('finishes a seed interrupted before its marker without doubling anything', async () => {
    const other = await openStores({ inMemory: true });
    try {
      await seedDemo(other, { programmes, now: NOW, places });
      await other.meta.set(SEED_MARKER, '');
      const rerun = await seedDemo(other, { programmes, now: NOW, places });
      assert.equal(rerun.seeded, true);
      assert.equal(await other.slots.count(), first.slots + PAST_SLOTS);
      const book = await other.voucherBooks.getByNumber(MARTINE.voucherBookNumber);
      assert.deepEqual([book?.hoursLeft, book?.hoursReserved, book?.hoursConsumed], [7, 1, 2]);
      assert.equal((await other.bookings.list({})).length, first.bookings);
    } finally {
      await other.close();
    }
  });

  it('logs and returns counts only, never personal data', () => {
    const text = JSON.stringify([first, logged]);
    for (const person of identities.beneficiaries) {
      for (const secret of [person.firstName, person.lastName, person.birthDate, person.phone].filter(Boolean)) {
        assert.ok(!text.includes(secret!), 'personal data in the summary or logs');
      }
    }
    assert.ok(logged.length >= 1);
  });
});
