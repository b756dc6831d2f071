/**
 * Confirmations after a booking, a move or a cancellation, and the carnet
 * expiry alert's free sessions, on a fake clock (sinon) over the real
 * booking service, planner, composer and dispatcher (see fixture.ts).
 *
 * The person of the world books in Web Chat; the reply there is the
 * confirmation, so the outbox writes only to another channel they agreed
 * to — here their phone (SMS) — or to them when someone else made the change.
 */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { contactReferenceId, outboxIds } from '../../src/domain/outbox';
import { FRIDAY_14H, MONDAY_10H, programme, type World, worldOnFakeClock } from './fixture';

const NEXT_TUESDAY_10H = '2027-03-09T09:00:00Z';

describe('confirmations and expiry alerts', () => {
  const fake = worldOnFakeClock(MONDAY_10H);
  let clock: sinon.SinonFakeTimers;
  let world: World;
  beforeEach(() => {
    clock = fake.clock();
    world = fake.world();
  });

  /** The person also agreed to messages by SMS (at an earlier booking there). */
  async function addSmsContact(): Promise<void> {
    await world.stores.contactReferences.put({
      id: contactReferenceId(world.beneficiaryId, 'sms'),
      beneficiaryId: world.beneficiaryId,
      channelId: 'sms',
      channelKey: 'sms-key',
      referenceJson: JSON.stringify({
        channelId: 'sms',
        serviceUrl: 'http://127.0.0.1:2',
        conversation: { id: 'sms-conv' },
        user: { id: 'sms-user' },
      }),
      consent: true,
      updatedAt: new Date('2027-01-15T10:00:00Z'),
    });
  }

  const tick = () => world.dispatcher().tick(new Date());

  it('booked in Web Chat: no second confirmation there', async () => {
    const bookingId = await world.book(await world.slotAt(FRIDAY_14H), new Date());
    assert.deepEqual(await tick(), { sent: 0, retried: 0, failed: 0, cancelled: 1, skipped: 0 });
    assert.equal((await world.stores.outbox.get(outboxIds.confirmation(bookingId, 'booked')))!.reason, 'confirmed_in_conversation');
    assert.deepEqual(world.sender.sent, []);
  });

  it('booked in Web Chat by someone who agreed to SMS: the confirmation goes by SMS', async () => {
    await addSmsContact();
    await world.book(await world.slotAt(FRIDAY_14H), new Date());
    assert.equal((await tick()).sent, 1);
    assert.deepEqual(
      world.sender.sent.map((m) => [m.channelId, m.text]),
      [
        [
          'sms',
          "Votre séance du Pass test est réservée : vendredi 5 mars à 14 h, Médiathèque de Mende. Pour l'annuler ou la déplacer, écrivez « mes rendez-vous ».",
        ],
      ],
    );
  });

  it('a move is confirmed once, as a move (not as a booking and a cancellation)', async () => {
    await addSmsContact();
    const first = await world.book(await world.slotAt(FRIDAY_14H), new Date());
    await tick();
    const moved = await world.booking.move(first, await world.slotAt(NEXT_TUESDAY_10H), {
      requestId: 'move-1',
      programme,
      actor: { kind: 'beneficiary', id: world.beneficiaryId },
      now: new Date(),
      channelId: 'webchat',
    });
    assert.equal(moved.outcome, 'moved');
    assert.equal((await tick()).sent, 1);
    assert.match(world.sender.sent[1].text, /^Votre séance du Pass test est déplacée : mardi 9 mars à 10 h, Médiathèque de Mende\./);
    assert.equal(await world.stores.outbox.get(outboxIds.confirmation(first, 'cancelled')), undefined);
  });

  it('cancelled by a coordinator: the person is told in their conversation', async () => {
    const bookingId = await world.book(await world.slotAt(FRIDAY_14H), new Date());
    await tick();
    const cancelled = await world.booking.cancel(bookingId, programme, { kind: 'coordinator', id: 'coord-1' }, new Date());
    assert.equal(cancelled.outcome, 'cancelled');
    assert.equal((await tick()).sent, 1);
    assert.deepEqual(
      world.sender.sent.map((m) => [m.channelId, m.text]),
      [['webchat', 'Votre séance du Pass test du vendredi 5 mars à 14 h est annulée. Pour en réserver une autre, écrivez « réserver ».']],
    );
  });

  it('the expiry alert names the next free sessions at the place of the last session, not the ones already booked', async () => {
    clock.setSystemTime(new Date('2027-12-01T08:00:00Z'));
    const lastBooking = await world.slotAt('2027-12-02T09:00:00Z');
    await world.book(lastBooking, new Date());
    for (const start of ['2027-12-06T09:00:00Z', '2027-12-07T13:00:00Z', '2027-12-08T09:00:00Z']) await world.slotAt(start);
    await world.planner.planExpiryAlerts(new Date());
    const alert = (await world.stores.outbox.list({ beneficiaryId: world.beneficiaryId })).find((m) => m.kind === 'expiry')!;
    clock.setSystemTime(alert.dueAt);
    await tick();
    const [text] = world.sender.sent.map((m) => m.text).filter((t) => t.startsWith('Votre carnet'));
    assert.equal(
      text,
      'Votre carnet du Pass test expire le 31 décembre 2027. Il vous reste 9 heures. ' +
        'Prochaines séances libres : lundi 6 décembre à 10 h ou mardi 7 décembre à 14 h, Médiathèque de Mende (Mende). ' +
        'Pour réserver une séance, écrivez « réserver ».',
    );
  });
});
