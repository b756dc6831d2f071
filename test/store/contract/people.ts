/** Contract: beneficiaries (personal data), their channel links, and the audit trail. */
import assert from 'node:assert/strict';
import { DuplicateKeyError } from '../../../src/store/errors';
import type { Stores } from '../../../src/store/repositories';
import * as f from './fixtures';

export function peopleContract(stores: () => Stores): void {
  describe('channel links', () => {
    const link = (key: string, beneficiaryId = 'ben-1') => ({
      key,
      beneficiaryId,
      channelId: 'sms',
      linkedAt: new Date('2026-11-20T10:00:00Z'),
    });

    it('gives back a link by its key, dates as Date', async () => {
      await stores().channelLinks.link(link('k1'));
      assert.deepEqual(await stores().channelLinks.get('k1'), link('k1'));
    });

    it('replaces the link of a channel identity linked again', async () => {
      await stores().channelLinks.link(link('k2', 'ben-1'));
      await stores().channelLinks.link(link('k2', 'ben-2'));
      assert.equal((await stores().channelLinks.get('k2'))?.beneficiaryId, 'ben-2');
    });

    it('forgets one channel identity', async () => {
      await stores().channelLinks.link(link('k3'));
      assert.equal(await stores().channelLinks.unlink('k3'), true);
      assert.equal(await stores().channelLinks.get('k3'), undefined);
      assert.equal(await stores().channelLinks.unlink('k3'), false);
    });

    it('forgets every channel identity of one beneficiary, and only theirs', async () => {
      await stores().channelLinks.link(link('k4', 'ben-9'));
      await stores().channelLinks.link(link('k5', 'ben-9'));
      await stores().channelLinks.link(link('k6', 'ben-8'));
      assert.equal(await stores().channelLinks.unlinkBeneficiary('ben-9'), 2);
      assert.equal(await stores().channelLinks.get('k4'), undefined);
      assert.equal((await stores().channelLinks.get('k6'))?.beneficiaryId, 'ben-8');
    });
  });

  describe('beneficiaries', () => {
    it('gives back a created beneficiary as written, dates as Date', async () => {
      const b = f.beneficiary();
      await stores().beneficiaries.create(b);
      const read = await stores().beneficiaries.get(b.id);
      assert.deepEqual(read, b);
      assert.ok(read?.createdAt instanceof Date);
    });

    it('refuses a second beneficiary with the same id', async () => {
      const b = f.beneficiary();
      await stores().beneficiaries.create(b);
      const err = await f.rejection(stores().beneficiaries.create({ ...b, firstName: 'Autre' }));
      assert.ok(err instanceof DuplicateKeyError, String(err));
    });

    it('finds by exact birth date within one programme', async () => {
      const match = f.beneficiary({ birthDate: '1961-07-01' });
      await stores().beneficiaries.create(match);
      await stores().beneficiaries.create(f.beneficiary({ birthDate: '1961-07-02' }));
      await stores().beneficiaries.create(f.beneficiary({ birthDate: '1961-07-01', programmeId: 'drome' }));
      assert.deepEqual(await stores().beneficiaries.findByBirthDate('lozere', '1961-07-01'), [match]);
    });

    it('finds the people with a given phone on file, and only them', async () => {
      const withPhone = f.beneficiary({ phone: '+33639980177' });
      await stores().beneficiaries.create(withPhone);
      await stores().beneficiaries.create(f.beneficiary({ phone: '+33639980178' }));
      await stores().beneficiaries.create(f.beneficiary());
      assert.deepEqual(await stores().beneficiaries.findByPhone('+33639980177'), [withPhone]);
    });

    it('sets the phone, then removes it entirely', async () => {
      const b = f.beneficiary();
      await stores().beneficiaries.create(b);
      assert.equal(await stores().beneficiaries.setPhone(b.id, '+33612345678'), true);
      assert.equal((await stores().beneficiaries.get(b.id))?.phone, '+33612345678');
      assert.equal(await stores().beneficiaries.setPhone(b.id, undefined), true);
      assert.deepEqual(await stores().beneficiaries.get(b.id), b);
    });

    it('reports false when setting the phone of nobody', async () => {
      assert.equal(await stores().beneficiaries.setPhone('ben-unknown', '+33612345678'), false);
    });

    it('erases a beneficiary, and says false when there was nobody', async () => {
      const b = f.beneficiary();
      await stores().beneficiaries.create(b);
      assert.equal(await stores().beneficiaries.delete(b.id), true);
      assert.equal(await stores().beneficiaries.get(b.id), undefined);
      assert.equal(await stores().beneficiaries.delete(b.id), false);
    });

    it('counts all beneficiaries or those of one programme', async () => {
      await stores().beneficiaries.create(f.beneficiary());
      await stores().beneficiaries.create(f.beneficiary());
      await stores().beneficiaries.create(f.beneficiary({ programmeId: 'drome' }));
      assert.equal(await stores().beneficiaries.count(), 3);
      assert.equal(await stores().beneficiaries.count('lozere'), 2);
    });
  });

  describe('audit', () => {
    it('lists events newest first', async () => {
      const older = f.auditEvent({ at: f.at('2026-02-01T10:00:00Z') });
      const newer = f.auditEvent({ at: f.at('2026-02-02T10:00:00Z') });
      await stores().audit.append(older);
      await stores().audit.append(newer);
      assert.deepEqual(await stores().audit.list({}), [newer, older]);
    });

    it('filters by programme, subject and actor, and honours the limit', async () => {
      const a = f.auditEvent({ subject: { kind: 'beneficiary', id: 'ben-a' }, at: f.at('2026-02-01T10:00:00Z') });
      const b = f.auditEvent({ actor: { kind: 'trainer', id: 'tr-b' }, at: f.at('2026-02-02T10:00:00Z') });
      const c = f.auditEvent({ programmeId: 'drome', at: f.at('2026-02-03T10:00:00Z') });
      for (const e of [a, b, c]) await stores().audit.append(e);
      const ids = async (q: Parameters<Stores['audit']['list']>[0]) => (await stores().audit.list(q)).map((e) => e.id);
      assert.deepEqual(await ids({ programmeId: 'lozere' }), [b.id, a.id]);
      assert.deepEqual(await ids({ subjectId: 'ben-a' }), [a.id]);
      assert.deepEqual(await ids({ actorId: 'tr-b' }), [b.id]);
      assert.deepEqual(await ids({ limit: 2 }), [c.id, b.id]);
    });

    it('keeps details whose keys hold dots and dollars', async () => {
      const e = f.auditEvent({ details: { 'hours.left': 3, $outcome: 'applied', sms: true } });
      await stores().audit.append(e);
      assert.deepEqual(await stores().audit.list({}), [e]);
    });

    it('refuses two events with the same id', async () => {
      const e = f.auditEvent();
      await stores().audit.append(e);
      assert.ok((await f.rejection(stores().audit.append(e))) instanceof DuplicateKeyError);
    });
  });
}
