/** Contract: programmes, places, trainers, prescribers (idempotent upserts and lookups). */
import assert from 'node:assert/strict';
import type { Stores } from '../../../src/store/repositories';
import * as f from './fixtures';

export function referenceDataContract(stores: () => Stores): void {
  describe('programmes', () => {
    it('reports created, then unchanged, then updated for the same id', async () => {
      const p = f.programme();
      assert.equal(await stores().programmes.upsert(p), 'created');
      assert.equal(await stores().programmes.upsert(f.programme()), 'unchanged');
      assert.equal(await stores().programmes.upsert(f.programme({ name: 'Pass renamed' })), 'updated');
    });

    it('gives back the programme exactly as written', async () => {
      const p = f.programme();
      await stores().programmes.upsert(p);
      assert.deepEqual(await stores().programmes.get(p.id), p);
    });

    it('lists every programme by id and knows no unknown id', async () => {
      await stores().programmes.upsert(f.programme({ id: 'drome' }));
      await stores().programmes.upsert(f.programme({ id: 'ardeche' }));
      assert.deepEqual(
        (await stores().programmes.list()).map((p) => p.id),
        ['ardeche', 'drome'],
      );
      assert.equal(await stores().programmes.get('nowhere'), undefined);
    });
  });

  describe('places', () => {
    it('reports created, then unchanged, then updated for the same id', async () => {
      const p = f.place();
      assert.equal(await stores().places.upsert(p), 'created');
      assert.equal(await stores().places.upsert({ ...p }), 'unchanged');
      assert.equal(await stores().places.upsert({ ...p, phone: '+33466000000' }), 'updated');
    });

    it('gives back a place as written, optional fields absent when not set', async () => {
      const p = f.place();
      await stores().places.upsert(p);
      const read = await stores().places.get(p.id);
      assert.deepEqual(read, p);
      assert.ok(read && !('phone' in read));
    });

    it('lists and counts places by programme and role, sorted by name', async () => {
      const lozereTraining = f.place({ name: 'B', programmes: [{ programmeId: 'lozere', roles: ['training'] }] });
      const both = f.place({
        name: 'A',
        programmes: [
          { programmeId: 'lozere', roles: ['prescribing'] },
          { programmeId: 'drome', roles: ['training'] },
        ],
      });
      for (const p of [lozereTraining, both]) await stores().places.upsert(p);
      const names = async (q?: Parameters<Stores['places']['list']>[0]) => (await stores().places.list(q)).map((p) => p.name);
      assert.deepEqual(await names(), ['A', 'B']);
      assert.deepEqual(await names({ programmeId: 'lozere' }), ['A', 'B']);
      assert.deepEqual(await names({ programmeId: 'lozere', role: 'training' }), ['B']);
      assert.deepEqual(await names({ role: 'prescribing' }), ['A']);
      assert.equal(await stores().places.count({ programmeId: 'drome', role: 'training' }), 1);
      assert.equal(await stores().places.count(), 2);
    });
  });

  describe('trainers', () => {
    it('reports created, then unchanged, then updated for the same id', async () => {
      const t = f.trainer();
      assert.equal(await stores().trainers.upsert(t), 'created');
      assert.equal(await stores().trainers.upsert({ ...t }), 'unchanged');
      assert.equal(await stores().trainers.upsert({ ...t, active: false }), 'updated');
      assert.deepEqual(await stores().trainers.get(t.id), { ...t, active: false });
    });

    it('lists the trainers of a place', async () => {
      const here = f.trainer({ firstName: 'Zoé', placeIds: ['p1', 'p2'] });
      const alsoHere = f.trainer({ firstName: 'Ali', placeIds: ['p2'] });
      await stores().trainers.upsert(here);
      await stores().trainers.upsert(alsoHere);
      assert.deepEqual(
        (await stores().trainers.listByPlace('p2')).map((t) => t.firstName),
        ['Ali', 'Zoé'],
      );
      assert.deepEqual(
        (await stores().trainers.listByPlace('p1')).map((t) => t.id),
        [here.id],
      );
    });

    it('finds a trainer by Teams identity', async () => {
      const t = f.trainer({ aadObjectId: 'aad-trainer', tenantId: 't' });
      await stores().trainers.upsert(t);
      await stores().trainers.upsert(f.trainer());
      assert.deepEqual(await stores().trainers.findByAadObjectId('aad-trainer'), t);
      assert.equal(await stores().trainers.findByAadObjectId('aad-unknown'), undefined);
    });
  });

  describe('prescribers', () => {
    it('reports created, then unchanged, then updated for the same id', async () => {
      const p = f.prescriber();
      assert.equal(await stores().prescribers.upsert(p), 'created');
      assert.equal(await stores().prescribers.upsert({ ...p }), 'unchanged');
      assert.equal(await stores().prescribers.upsert({ ...p, role: 'coordinator' }), 'updated');
    });

    it('finds only an active prescriber by Teams identity', async () => {
      const active = f.prescriber();
      const inactive = f.prescriber({ active: false });
      await stores().prescribers.upsert(active);
      await stores().prescribers.upsert(inactive);
      assert.deepEqual(await stores().prescribers.findByAadObjectId(active.aadObjectId), active);
      assert.equal(await stores().prescribers.findByAadObjectId(inactive.aadObjectId), undefined);
    });

    it('matches the tenant when one is given', async () => {
      const p = f.prescriber({ tenantId: 'tenant-26' });
      await stores().prescribers.upsert(p);
      assert.deepEqual(await stores().prescribers.findByAadObjectId(p.aadObjectId, 'tenant-26'), p);
      assert.equal(await stores().prescribers.findByAadObjectId(p.aadObjectId, 'tenant-other'), undefined);
    });

    it('lists the prescribers of one programme by name', async () => {
      await stores().prescribers.upsert(f.prescriber({ displayName: 'Zed' }));
      await stores().prescribers.upsert(f.prescriber({ displayName: 'Amé' }));
      await stores().prescribers.upsert(f.prescriber({ programmeId: 'drome' }));
      assert.deepEqual(
        (await stores().prescribers.list('lozere')).map((p) => p.displayName),
        ['Amé', 'Zed'],
      );
    });
  });
}
