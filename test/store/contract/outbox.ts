/** Contract: the outbox lease (one claimer wins, an expired lease is taken again), its reports, and contact references. */
import assert from 'node:assert/strict';
import { contactReferenceId } from '../../../src/domain/outbox';
import type { Stores } from '../../../src/store/repositories';
import { newMessage } from '../../../src/services/reminders/reminderPlanner';
import * as f from './fixtures';

export function outboxContract(stores: () => Stores): void {
  const due = f.at('2027-03-03T08:00:00Z');
  const message = (id = 'reminder:b1') =>
    newMessage({
      id,
      kind: 'reminder',
      programmeId: 'lozere',
      beneficiaryId: 'ben-1',
      bookingId: 'b1',
      dueAt: due,
      now: f.at('2027-03-01T09:00:00Z'),
    });

  describe('outbox', () => {
    it('adds a message once; the same id again changes nothing', async () => {
      assert.equal(await stores().outbox.add(message()), true);
      assert.equal(await stores().outbox.add({ ...message(), dueAt: f.at('2030-01-01T00:00:00Z') }), false);
      assert.deepEqual((await stores().outbox.get('reminder:b1'))!.dueAt, due);
    });

    it('lists a message as due only from its time, and lets one claimer of two take it', async () => {
      await stores().outbox.add(message());
      assert.deepEqual(await stores().outbox.listDue(f.at('2027-03-03T07:59:00Z'), 10), []);
      const now = f.at('2027-03-03T08:00:00Z');
      assert.equal((await stores().outbox.listDue(now, 10)).length, 1);
      const claims = await Promise.all([
        stores().outbox.claim('reminder:b1', 'a', now, 60_000),
        stores().outbox.claim('reminder:b1', 'b', now, 60_000),
      ]);
      assert.equal(claims.filter(Boolean).length, 1);
      assert.equal(claims.find(Boolean)!.attempts, 1);
      assert.deepEqual(await stores().outbox.listDue(now, 10), [], 'held: not due for others');
    });

    it('gives an expired lease to the next claimer, and only the holder reports', async () => {
      await stores().outbox.add(message());
      const now = f.at('2027-03-03T08:00:00Z');
      assert.ok(await stores().outbox.claim('reminder:b1', 'dead', now, 60_000));
      const later = f.at('2027-03-03T08:01:00Z');
      const taken = await stores().outbox.claim('reminder:b1', 'alive', later, 60_000);
      assert.equal(taken!.attempts, 2);
      assert.equal(await stores().outbox.markSent('reminder:b1', 'dead', later), false);
      assert.equal(await stores().outbox.markSent('reminder:b1', 'alive', later), true);
      const sent = (await stores().outbox.get('reminder:b1'))!;
      assert.equal(sent.status, 'sent');
      assert.equal(sent.leaseOwner, undefined);
      assert.equal(await stores().outbox.claim('reminder:b1', 'again', f.at('2027-03-04T08:00:00Z'), 60_000), undefined);
    });

    it('retries at the time given, fails with a reason, reschedules and cancels only pending messages', async () => {
      await stores().outbox.add(message());
      await stores().outbox.add(message('reminder:b2'));
      const now = f.at('2027-03-03T08:00:00Z');
      await stores().outbox.claim('reminder:b1', 'a', now, 60_000);
      assert.equal(await stores().outbox.markRetry('reminder:b1', 'a', f.at('2027-03-03T08:05:00Z'), 'send:RestError:502', now), true);
      assert.deepEqual(
        (await stores().outbox.listDue(f.at('2027-03-03T08:04:00Z'), 10)).map((m) => m.id),
        ['reminder:b2'],
      );
      await stores().outbox.claim('reminder:b1', 'a', f.at('2027-03-03T08:05:00Z'), 60_000);
      assert.equal(await stores().outbox.markFailed('reminder:b1', 'a', 'beneficiary_erased', now), true);
      assert.equal(await stores().outbox.reschedule('reminder:b1', f.at('2027-03-04T08:00:00Z'), now), false);
      assert.equal(await stores().outbox.reschedule('reminder:b2', f.at('2027-03-04T08:00:00Z'), now), true);
      assert.equal(await stores().outbox.cancel('reminder:b2', 'booking_ended', now), true);
      assert.deepEqual(
        (await stores().outbox.list({ bookingId: 'b1' })).map((m) => [m.id, m.status, m.reason]),
        [
          ['reminder:b1', 'failed', 'beneficiary_erased'],
          ['reminder:b2', 'cancelled', 'booking_ended'],
        ],
      );
    });
  });

  describe('contact references', () => {
    const reference = (beneficiaryId: string, channelId: string, channelKey: string) => ({
      id: contactReferenceId(beneficiaryId, channelId),
      beneficiaryId,
      channelId,
      channelKey,
      referenceJson: JSON.stringify({ channelId, conversation: { id: 'c' }, 'a.b': { $x: 1 } }),
      consent: true,
      updatedAt: f.at('2027-03-01T09:00:00Z'),
    });

    it('keeps one per person and channel, withdraws by channel identity, forgets a person', async () => {
      await stores().contactReferences.put(reference('ben-1', 'sms', 'k-sms'));
      await stores().contactReferences.put(reference('ben-1', 'webchat', 'k-web'));
      await stores().contactReferences.put({ ...reference('ben-1', 'sms', 'k-sms'), updatedAt: f.at('2027-03-02T09:00:00Z') });
      assert.equal((await stores().contactReferences.listByBeneficiary('ben-1')).length, 2);
      assert.equal(await stores().contactReferences.withdrawByChannelKey('k-sms', f.at('2027-03-03T09:00:00Z')), 1);
      assert.equal((await stores().contactReferences.get('ben-1:sms'))!.consent, false);
      assert.equal((await stores().contactReferences.get('ben-1:webchat'))!.consent, true);
      assert.equal(await stores().contactReferences.deleteBeneficiary('ben-1'), 2);
    });

    it('an SMS STOP is kept per channel key, before any reference and after erasure, until START', async () => {
      const repo = stores().contactReferences;
      assert.equal(await repo.isOptedOut('k-sms'), false, 'nothing recorded: not opted out');
      await repo.setOptOut('k-sms', true, f.at('2027-03-03T09:00:00Z'));
      assert.equal(await repo.isOptedOut('k-sms'), true);
      assert.equal(await repo.isOptedOut('k-other'), false, 'only that channel identity');
      await repo.put(reference('ben-1', 'sms', 'k-sms'));
      await repo.deleteBeneficiary('ben-1');
      assert.equal(await repo.isOptedOut('k-sms'), true, 'erasing the person does not lift the STOP');
      await repo.setOptOut('k-sms', false, f.at('2027-03-04T09:00:00Z'));
      assert.equal(await repo.isOptedOut('k-sms'), false);
    });
  });
}
