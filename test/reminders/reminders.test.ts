/**
 * Reminders and the outbox, on a fake clock (sinon): when a reminder goes,
 * that it goes once, follows the booking, waits out quiet hours and
 * holidays, survives restarts and a second instance, and gives up on
 * messages that can never be delivered.
 */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { isQuietTime, nextAllowedTime, outboxIds } from '../../src/domain/outbox';
import { programme } from './fixture';
import { FRIDAY_14H, MONDAY_10H, WEDNESDAY_9H, type World, worldOnFakeClock } from './fixture';

describe('reminders before a session', () => {
  const fake = worldOnFakeClock(MONDAY_10H);
  let clock: sinon.SinonFakeTimers;
  let world: World;
  beforeEach(() => {
    clock = fake.clock();
    world = fake.world();
  });

  /** Moves the clock and runs one dispatcher pass, as the scheduler does every minute. */
  async function runAt(iso: string, owner = 'instance-a') {
    clock.setSystemTime(new Date(iso));
    return world.dispatcher(owner).tick(new Date());
  }

  it('a booking on Monday for Friday 14:00 gives one reminder, on Wednesday at 9:00', async () => {
    const slotId = await world.slotAt(FRIDAY_14H);
    await world.book(slotId, new Date());
    assert.equal((await runAt('2027-03-03T07:59:00Z')).sent, 0, 'not before 9:00');
    assert.equal((await runAt(WEDNESDAY_9H)).sent, 1);
    assert.equal((await runAt('2027-03-03T08:01:00Z')).sent, 0, 'not twice');
    assert.equal(world.sender.sent.length, 1);
    assert.match(world.sender.sent[0].text, /^Rappel : votre séance du Pass test est vendredi 5 mars à 14 h, Médiathèque de Mende/);
    assert.ok(world.sender.sent[0].text.length <= 320, 'fits one SMS');
  });

  it('a moved session moves its reminder (a move, as the assistant does it: cancel, then book the new time)', async () => {
    const first = await world.book(await world.slotAt(FRIDAY_14H), new Date());
    await world.booking.cancel(first, programme, { kind: 'beneficiary', id: world.beneficiaryId }, new Date(), { channelId: 'webchat' });
    const second = await world.book(await world.slotAt('2027-03-10T13:00:00Z'), new Date()); // Wednesday 10, 14:00
    assert.equal((await world.stores.outbox.get(outboxIds.reminder(first)))!.status, 'cancelled');
    assert.deepEqual((await world.stores.outbox.get(outboxIds.reminder(second)))!.dueAt, new Date('2027-03-08T08:00:00Z'));
    assert.equal((await runAt(WEDNESDAY_9H)).sent, 0);
    assert.equal((await runAt('2027-03-08T08:00:00Z')).sent, 1);
    assert.match(world.sender.sent[0].text, /mercredi 10 mars à 14 h/);
  });

  it('a booking whose slot changes has its pending reminder rescheduled, not duplicated', async () => {
    const bookingId = await world.book(await world.slotAt(FRIDAY_14H), new Date());
    const later = await world.slotAt('2027-03-10T13:00:00Z');
    await world.planner.syncBooking({ ...(await world.stores.bookings.get(bookingId))!, slotId: later }, new Date());
    const reminders = await world.stores.outbox.list({ bookingId, statuses: ['pending'] });
    assert.deepEqual(
      reminders.filter((m) => m.kind === 'reminder').map((m) => m.dueAt),
      [new Date('2027-03-08T08:00:00Z')],
    );
  });

  it('a cancelled session gives no reminder', async () => {
    const bookingId = await world.book(await world.slotAt(FRIDAY_14H), new Date());
    const cancelled = await world.booking.cancel(bookingId, programme, { kind: 'beneficiary', id: world.beneficiaryId }, new Date(), {
      channelId: 'webchat',
    });
    assert.equal(cancelled.outcome, 'cancelled');
    assert.equal((await runAt(WEDNESDAY_9H)).sent, 0);
    assert.equal((await world.stores.outbox.get(outboxIds.reminder(bookingId)))!.status, 'cancelled');
    assert.deepEqual(world.sender.sent, []);
  });

  it('a booking made after the reminder time plans no reminder (its confirmation said it all)', async () => {
    clock.setSystemTime(new Date('2027-03-04T10:00:00Z'));
    const bookingId = await world.book(await world.slotAt(FRIDAY_14H), new Date());
    assert.equal(await world.stores.outbox.get(outboxIds.reminder(bookingId)), undefined);
  });

  describe('quiet hours', () => {
    it('nothing between 20:00 and 8:00, on Sundays or public holidays', () => {
      assert.equal(isQuietTime(new Date('2027-03-03T19:00:00Z')), true, 'Wednesday 20:00');
      assert.equal(isQuietTime(new Date('2027-03-03T06:59:00Z')), true, 'Wednesday 7:59');
      assert.equal(isQuietTime(new Date('2027-03-03T07:00:00Z')), false, 'Wednesday 8:00');
      assert.equal(isQuietTime(new Date('2027-03-07T10:00:00Z')), true, 'Sunday 11:00');
      assert.equal(isQuietTime(new Date('2027-05-06T08:00:00Z')), true, 'Ascension Thursday 10:00');
      assert.deepEqual(nextAllowedTime(new Date('2027-05-05T19:30:00Z')), new Date('2027-05-07T06:00:00Z'), 'Wed 21:30 → Fri 8:00');
    });

    it('a reminder due on a Sunday waits until Monday 8:00', async () => {
      await world.book(await world.slotAt('2027-03-09T13:00:00Z'), new Date()); // Tuesday 14:00
      assert.equal((await runAt('2027-03-07T08:00:00Z')).sent, 0, 'Sunday 9:00');
      assert.equal((await runAt('2027-03-08T06:59:00Z')).sent, 0, 'Monday 7:59');
      assert.equal((await runAt('2027-03-08T07:00:00Z')).sent, 1, 'Monday 8:00');
    });

    it('a reminder due on Ascension Thursday waits until Friday 8:00', async () => {
      await world.book(await world.slotAt('2027-05-08T08:00:00Z'), new Date()); // Saturday 10:00
      assert.equal((await runAt('2027-05-06T07:00:00Z')).sent, 0, 'Thursday 9:00, a holiday');
      assert.equal((await runAt('2027-05-07T06:00:00Z')).sent, 1, 'Friday 8:00');
    });
  });

  describe('sent once', () => {
    it('two dispatchers on one store send each message once', async () => {
      for (const day of ['2027-03-05T13:00:00Z', '2027-03-05T14:00:00Z', '2027-03-05T15:00:00Z']) {
        await world.book(await world.slotAt(day), new Date());
      }
      clock.setSystemTime(new Date(WEDNESDAY_9H));
      const [a, b] = await Promise.all([world.dispatcher('instance-a').tick(new Date()), world.dispatcher('instance-b').tick(new Date())]);
      assert.equal(a.sent + b.sent, 3);
      assert.equal(world.sender.sent.length, 3);
    });

    it('a restart between the due time and the sending sends once', async () => {
      const bookingId = await world.book(await world.slotAt(FRIDAY_14H), new Date());
      clock.setSystemTime(new Date(WEDNESDAY_9H));
      // The first process claimed the message, then died before sending it.
      assert.ok(await world.stores.outbox.claim(outboxIds.reminder(bookingId), 'died', new Date(), 120_000));
      assert.equal((await runAt('2027-03-03T08:01:00Z', 'restarted')).sent, 0, 'its lease still holds');
      assert.equal((await runAt('2027-03-03T08:03:00Z', 'restarted')).sent, 1, 'the lease expired: sent');
      assert.equal((await runAt('2027-03-03T08:10:00Z', 'restarted')).sent, 0);
      assert.equal(world.sender.sent.length, 1);
    });
  });

  describe('messages that cannot go', () => {
    it('a channel that is unavailable: retried with backoff, then failed with the reason, not retried forever', async () => {
      const bookingId = await world.book(await world.slotAt(FRIDAY_14H), new Date());
      world.sender.refuseWith = 503;
      const id = outboxIds.reminder(bookingId);
      assert.equal((await runAt(WEDNESDAY_9H)).retried, 1);
      assert.equal((await runAt('2027-03-03T08:00:30Z')).retried, 0, 'waits for the backoff');
      for (const iso of ['2027-03-03T08:01:00Z', '2027-03-03T08:06:00Z', '2027-03-03T08:36:00Z'])
        assert.equal((await runAt(iso)).retried, 1);
      assert.equal((await runAt('2027-03-03T10:36:00Z')).failed, 1);
      const failed = (await world.stores.outbox.get(id))!;
      assert.equal(failed.status, 'failed');
      assert.equal(failed.attempts, 5);
      assert.equal(failed.reason, 'send:RestError:503');
      assert.equal((await runAt('2027-03-04T10:00:00Z')).failed, 0, 'never picked again');
    });

    it('a conversation that no longer exists (404) or a refusal (403): failed at once, never retried', async () => {
      const friday = await world.book(await world.slotAt(FRIDAY_14H), new Date());
      const thursday = await world.book(await world.slotAt('2027-03-04T13:00:00Z'), new Date()); // reminder Tuesday 9:00
      for (const [bookingId, status, iso] of [
        [thursday, 403, '2027-03-02T08:00:00Z'],
        [friday, 404, WEDNESDAY_9H],
      ] as const) {
        world.sender.refuseWith = status;
        assert.equal((await runAt(iso)).failed, 1);
        const failed = (await world.stores.outbox.get(outboxIds.reminder(bookingId)))!;
        assert.deepEqual([failed.status, failed.attempts, failed.reason], ['failed', 1, `send:RestError:${status}`]);
      }
    });

    it('an erased person: failed at once', async () => {
      const bookingId = await world.book(await world.slotAt(FRIDAY_14H), new Date());
      await runAt(MONDAY_10H); // the booking's confirmation (said in the conversation already)
      await world.stores.beneficiaries.delete(world.beneficiaryId);
      assert.equal((await runAt(WEDNESDAY_9H)).failed, 1);
      assert.equal((await world.stores.outbox.get(outboxIds.reminder(bookingId)))!.reason, 'beneficiary_erased');
    });

    it('a broken or withdrawn reference: failed, never retried', async () => {
      const bookingId = await world.book(await world.slotAt(FRIDAY_14H), new Date());
      const [contact] = await world.stores.contactReferences.listByBeneficiary(world.beneficiaryId);
      await world.stores.contactReferences.put({ ...contact, referenceJson: '{"channelId":"webchat"}' });
      assert.equal((await runAt(WEDNESDAY_9H)).failed, 1);
      assert.equal((await world.stores.outbox.get(outboxIds.reminder(bookingId)))!.reason, 'no_channel_with_consent');
      assert.deepEqual(world.sender.sent, []);
    });
  });

  it('plans carnet alerts 30 and 15 days before expiry, once', async () => {
    clock.setSystemTime(new Date('2027-11-30T06:00:00Z')); // the daily planning, 7:00
    assert.equal(await world.planner.planExpiryAlerts(new Date()), 2);
    assert.equal(await world.planner.planExpiryAlerts(new Date()), 0, 'planning again adds nothing');
    assert.equal((await runAt('2027-12-01T08:00:00Z')).sent, 1);
    assert.match(world.sender.sent[0].text, /^Votre carnet du Pass test expire le 31 décembre 2027\. Il vous reste 10 heures\./);
  });
});
