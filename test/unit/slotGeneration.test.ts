import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { openIntervals } from '../../src/domain/openingHours';
import { generateSlots, slotId, type SlotPlan } from '../../src/domain/slotGeneration';

const HOURS = 'Mo-Fr 08:30-12:00,13:15-16:45; Sa 09:00-12:00';

function plan(overrides: Partial<SlotPlan> = {}): SlotPlan {
  return {
    programmeId: 'drome',
    placeId: 'place-1',
    trainerId: 'trainer-1',
    openingHours: HOURS,
    from: new Date('2026-06-01T00:00:00Z'),
    to: new Date('2026-06-08T00:00:00Z'),
    now: new Date('2026-05-01T00:00:00Z'),
    sessionMinutes: 60,
    capacity: 1,
    ...overrides,
  };
}

const paris = (d: Date) => DateTime.fromJSDate(d, { zone: 'Europe/Paris' });

describe('slot generation', () => {
  it('fills each opening interval with one-hour sessions on the hour or half-hour', () => {
    const slots = generateSlots(plan({ to: new Date('2026-06-02T00:00:00Z') })); // Monday only
    assert.deepEqual(
      slots.map((s) => paris(s.start).toFormat('HH:mm')),
      ['08:30', '09:30', '10:30', '13:30', '14:30', '15:30'],
    );
    assert.ok(slots.every((s) => s.end.getTime() - s.start.getTime() === 3_600_000));
    assert.ok(slots.every((s) => s.capacity === 1 && s.seatsLeft === 1 && s.bookingIds.length === 0));
    assert.ok(slots.every((s) => s.trainerId === 'trainer-1' && s.programmeId === 'drome' && s.placeId === 'place-1'));
  });

  it('never puts a slot outside the opening hours nor across a closing time', () => {
    const p = plan({ to: new Date('2026-07-01T00:00:00Z') });
    const intervals = openIntervals(p.openingHours, p.from, p.to);
    const slots = generateSlots(p);
    assert.ok(slots.length > 100);
    for (const slot of slots) {
      const inside = intervals.some((i) => i.start <= slot.start && slot.end <= i.end);
      assert.ok(inside, `${slot.start.toISOString()} not inside one opening interval`);
      assert.ok(paris(slot.start).minute % 30 === 0);
    }
    assert.ok(
      slots.every((s) => paris(s.start).weekday !== 7),
      'closed on Sunday',
    );
  });

  it('never starts in the past', () => {
    const now = new Date('2026-06-03T08:10:00Z'); // Wednesday 10:10 in Paris
    const slots = generateSlots(plan({ now }));
    assert.ok(slots.every((s) => s.start.getTime() >= now.getTime()));
    assert.equal(paris(slots[0].start).toFormat('ccc HH:mm'), 'Wed 10:30');
  });

  it('stays within the window', () => {
    const p = plan();
    assert.ok(generateSlots(p).every((s) => s.start >= p.from && s.end <= p.to));
    assert.deepEqual(generateSlots(plan({ to: p.from })), []);
  });

  it('keeps Paris hours across the DST change', () => {
    const slots = generateSlots(
      plan({
        openingHours: 'Mo-Su 09:00-10:00',
        now: new Date('2026-01-01T00:00:00Z'),
        from: new Date('2026-03-28T00:00:00Z'),
        to: new Date('2026-03-31T00:00:00Z'),
      }),
    );
    assert.deepEqual(
      slots.map((s) => s.start.toISOString()),
      ['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z'],
    );
    const autumn = generateSlots(
      plan({ openingHours: 'Mo-Su 09:00-10:00', from: new Date('2026-10-24T00:00:00Z'), to: new Date('2026-10-26T00:00:00Z') }),
    );
    assert.deepEqual(
      autumn.map((s) => paris(s.start).toFormat('HH:mm')),
      ['09:00', '09:00'],
    );
  });

  it('keeps to a trainer’s permanence days', () => {
    const slots = generateSlots(plan({ weekdays: [2, 4] }));
    assert.ok(slots.length > 0);
    assert.ok(slots.every((s) => [2, 4].includes(paris(s.start).weekday)));
  });

  it('honours the programme’s session length and capacity', () => {
    const slots = generateSlots(plan({ sessionMinutes: 90, capacity: 6, to: new Date('2026-06-02T00:00:00Z') }));
    assert.deepEqual(
      slots.map((s) => paris(s.start).toFormat('HH:mm')),
      ['08:30', '10:00', '13:30', '15:00'],
    );
    assert.ok(slots.every((s) => s.seatsLeft === 6));
    assert.throws(() => generateSlots(plan({ sessionMinutes: 0 })));
    assert.throws(() => generateSlots(plan({ alignMinutes: 7 })));
  });

  it('gives stable, unique ids', () => {
    const a = generateSlots(plan());
    const b = generateSlots(plan());
    assert.deepEqual(
      a.map((s) => s.id),
      b.map((s) => s.id),
    );
    assert.equal(new Set(a.map((s) => s.id)).size, a.length);
    assert.equal(slotId('p', new Date('2026-06-01T06:30:00Z'), 't'), 'slot:p:t:20260601T0630Z');
  });
});
