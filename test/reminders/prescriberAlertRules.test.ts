/**
 * When a prescriber alert is due, and when it is not: all hours used, the
 * programme switched off, a professional no longer active. Over the real
 * planner, composer and dispatcher (fixture.ts); the world's carnet was
 * issued by the prescriber "presc-1".
 */
import assert from 'node:assert/strict';
import { contactReferenceId, outboxIds } from '../../src/domain/outbox';
import { PrescriberAlertPlanner } from '../../src/services/reminders/prescriberAlerts';
import * as f from '../store/contract/fixtures';
import { makeWorld, programme, type World } from './fixture';

const NOW = new Date('2027-03-01T09:00:00Z');

describe('prescriber alerts: when they are due', () => {
  let world: World;
  let alerts: PrescriberAlertPlanner;

  beforeEach(async () => {
    world = await makeWorld();
    alerts = new PrescriberAlertPlanner(world.stores, [programme]);
    await world.stores.prescribers.upsert(f.prescriber({ id: 'presc-1', programmeId: 'lozere' }));
    await world.stores.contactReferences.put({
      id: contactReferenceId('presc-1', 'msteams'),
      beneficiaryId: 'presc-1',
      channelId: 'msteams',
      channelKey: 'teams-key',
      referenceJson: JSON.stringify({
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:3',
        conversation: { id: 'teams-conv' },
        user: { id: '29:x' },
      }),
      consent: true,
      updatedAt: NOW,
    });
  });
  afterEach(() => world.close());

  /** Uses every hour of the world's carnet, as attended sessions do. */
  async function consumeAll(): Promise<void> {
    const book = (await world.stores.voucherBooks.get(world.bookId))!;
    // Each hour is reserved by a booking, then consumed when the session is attended.
    for (let i = 0; i < book.hoursLeft; i += 1) {
      for (const operation of ['reserve', 'consume'] as const) {
        const outcome = await world.stores.voucherBooks.applyEntry(book.id, {
          operationId: `${operation}:test-${i}`,
          operation,
          hours: 1,
          at: NOW,
          by: { kind: 'trainer', id: 't' },
          reason: 'attended',
        });
        assert.equal(outcome.outcome, 'applied');
      }
    }
  }

  it("all hours used: one alert to the prescriber who issued the carnet, with the person's name", async () => {
    assert.equal(await alerts.check(world.beneficiaryId, NOW), 0, 'hours left: nothing to say');
    await consumeAll();
    assert.equal(await alerts.check(world.beneficiaryId, NOW), 1);
    assert.equal(await alerts.check(world.beneficiaryId, NOW), 0, 'once');
    assert.equal((await world.dispatcher().tick(NOW)).sent, 1);
    const sent = world.sender.sent.filter((m) => m.channelId === 'msteams');
    assert.deepEqual(
      sent.map((m) => m.text),
      ['Pass test : Jeanne Martin a utilisé toutes les heures de son carnet. Pour voir son dossier, écrivez « Jeanne Martin ».'],
    );
  });

  it('nothing when the programme does not enable prescriber alerts', async () => {
    const quiet = { ...programme, reminders: { ...programme.reminders, prescriberAlerts: undefined } };
    await consumeAll();
    assert.equal(await new PrescriberAlertPlanner(world.stores, [quiet]).check(world.beneficiaryId, NOW), 0);
  });

  it('a prescriber no longer active: the alert fails with its reason, nobody is written to', async () => {
    await consumeAll();
    await alerts.check(world.beneficiaryId, NOW);
    await world.stores.prescribers.upsert(f.prescriber({ id: 'presc-1', programmeId: 'lozere', active: false }));
    assert.equal((await world.dispatcher().tick(NOW)).failed, 1);
    const id = outboxIds.prescriberAlert('hours_used', 'presc-1', world.bookId);
    assert.equal((await world.stores.outbox.get(id))!.reason, 'professional_inactive');
    assert.deepEqual(world.sender.sent, []);
  });
});
