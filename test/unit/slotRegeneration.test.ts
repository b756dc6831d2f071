import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { ClosureCalendar } from '../../src/domain/closures';
import { plannedSlots } from '../../src/domain/slotCalendar';
import type { SlotPlan } from '../../src/domain/slotGeneration';
import { regenerateSlots } from '../../src/services/slotRegeneration';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';

const paris = (d: Date) => DateTime.fromJSDate(d, { zone: 'Europe/Paris' });
const days = (slots: { start: Date }[]) => [...new Set(slots.map((s) => paris(s.start).toISODate()))];

function plan(overrides: Partial<SlotPlan> = {}): SlotPlan {
  return {
    programmeId: 'lozere',
    placeId: 'place-1',
    trainerId: 'trainer-1',
    openingHours: 'Mo-Fr 09:00-12:00',
    // The week of Ascension (Thursday 14 May 2026).
    from: new Date('2026-05-11T00:00:00Z'),
    to: new Date('2026-05-16T00:00:00Z'),
    now: new Date('2026-05-01T00:00:00Z'),
    sessionMinutes: 60,
    capacity: 1,
    ...overrides,
  };
}

describe('slots, public holidays and closures', () => {
  it('offers no session on a public holiday, even when the hours say open', () => {
    assert.deepEqual(days(plannedSlots(plan())), ['2026-05-11', '2026-05-12', '2026-05-13', '2026-05-15']);
  });

  it('offers no session during a place closure', () => {
    const closures: ClosureCalendar = {
      'place-1': [{ from: '2026-05-12', to: '2026-05-13' }],
      'place-2': [{ from: '2026-05-11', to: '2026-05-11' }],
    };
    assert.deepEqual(days(plannedSlots(plan(), closures)), ['2026-05-11', '2026-05-15']);
  });

  describe('regeneration', () => {
    let stores: Stores;
    beforeEach(async () => {
      stores = await openStores({ inMemory: true });
    });
    afterEach(async () => {
      await stores.close();
    });

    it('adds what is missing and changes nothing the second time', async () => {
      const first = await regenerateSlots(stores.slots, plan());
      assert.deepEqual([first.created, first.removed, first.unchanged], [12, 0, 0]);
      const second = await regenerateSlots(stores.slots, plan());
      assert.deepEqual([second.created, second.removed, second.unchanged, second.keptBooked], [0, 0, 12, []]);
    });

    it('removes the free slots of a new closure, never a booked one', async () => {
      await regenerateSlots(stores.slots, plan());
      const tuesday = (await stores.slots.list({ placeId: 'place-1' })).filter((s) => paris(s.start).weekday === 2);
      const booked = tuesday[1];
      assert.equal(await stores.slots.takeSeat(booked.id, 'booking-1'), 'taken');

      const closures: ClosureCalendar = { 'place-1': [{ from: '2026-05-12', to: '2026-05-12', note: 'travaux' }] };
      const result = await regenerateSlots(stores.slots, plan(), closures);
      assert.deepEqual([result.created, result.removed, result.keptBooked], [0, 2, [booked.id]]);
      const after = await stores.slots.get(booked.id);
      assert.deepEqual(after?.bookingIds, ['booking-1'], 'the booked slot is untouched');
      assert.equal(await stores.slots.count({ placeId: 'place-1' }), 10);
    });

    it('follows new opening hours and leaves other trainers’ slots alone', async () => {
      await regenerateSlots(stores.slots, plan());
      await regenerateSlots(stores.slots, plan({ trainerId: 'trainer-2', openingHours: 'Mo 14:00-16:00' }));
      const result = await regenerateSlots(stores.slots, plan({ openingHours: 'Mo-Fr 09:00-11:00' }));
      assert.deepEqual([result.created, result.removed, result.unchanged], [0, 4, 8]);
      assert.equal((await stores.slots.list({ placeId: 'place-1' })).filter((s) => s.trainerId === 'trainer-2').length, 2);
    });
  });
});
