/** Contract: bot state through BotStateStorage (eTag rules), meta facts, store-wide operations. */
import assert from 'node:assert/strict';
import { BotStateStorage } from '../../../src/store/botStateStorage';
import { ETagConflictError } from '../../../src/store/errors';
import type { Stores } from '../../../src/store/repositories';
import * as f from './fixtures';
import { testNow } from '../../support/clock';

export function stateContract(stores: () => Stores): void {
  const storage = () => new BotStateStorage(stores().botState, testNow);
  const key = 'webchat/conversations/c1';

  describe('bot state storage', () => {
    it('reads back what was written, with a new eTag', async () => {
      await storage().write({ [key]: { step: 2, eTag: '*' } });
      const read = await storage().read([key]);
      assert.equal(read[key].step, 2);
      assert.equal(typeof read[key].eTag, 'string');
      assert.notEqual(read[key].eTag, '*');
    });

    it('reads nothing for keys never written', async () => {
      assert.deepEqual(await storage().read(['missing/1', 'missing/2']), {});
    });

    it('reads several keys at once: those written, once each, whatever the others', async () => {
      // On FerretDB a look-up of several ids is answered one equality at a time (mongoCollection.ts): the same documents.
      await storage().write({ [key]: { n: 1 }, 'webchat/users/u1': { n: 2 } });
      const read = await stores().botState.read(['missing/1', key, 'webchat/users/u1', key, 'missing/2']);
      assert.deepEqual(read.map((d) => [d.key, JSON.parse(d.json).n]).sort(), [
        [key, 1],
        ['webchat/users/u1', 2],
      ]);
    });

    it('keeps state whose keys hold dollars and dots', async () => {
      const state = { $type: 'DialogState', 'dialogs.stack': [{ id: 'main', state: { 'a.b': 1 } }] };
      await storage().write({ [key]: state });
      const { eTag, ...read } = (await storage().read([key]))[key];
      assert.ok(eTag);
      assert.deepEqual(read, state);
    });

    it('accepts a write carrying the current eTag', async () => {
      await storage().write({ [key]: { n: 1 } });
      const { eTag } = (await storage().read([key]))[key];
      await storage().write({ [key]: { n: 2, eTag } });
      assert.equal((await storage().read([key]))[key].n, 2);
    });

    it('refuses a write carrying a stale eTag', async () => {
      await storage().write({ [key]: { n: 1 } });
      const stale = (await storage().read([key]))[key].eTag;
      await storage().write({ [key]: { n: 2, eTag: stale } });
      const err = await f.rejection(storage().write({ [key]: { n: 3, eTag: stale } }));
      assert.ok(err instanceof ETagConflictError, String(err));
      assert.equal((await storage().read([key]))[key].n, 2);
    });

    it('lets a write with eTag "*" win over any stored eTag', async () => {
      await storage().write({ [key]: { n: 1 } });
      await storage().write({ [key]: { n: 2, eTag: '*' } });
      assert.equal((await storage().read([key]))[key].n, 2);
    });

    it('accepts a first write carrying an eTag on a missing key', async () => {
      await storage().write({ [key]: { n: 1, eTag: 'from-elsewhere' } });
      assert.equal((await storage().read([key]))[key].n, 1);
    });

    it('lets exactly one of two concurrent writers with the same eTag win', async () => {
      await storage().write({ [key]: { n: 0 } });
      const { eTag } = (await storage().read([key]))[key];
      const results = await Promise.allSettled([storage().write({ [key]: { n: 1, eTag } }), storage().write({ [key]: { n: 2, eTag } })]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      assert.equal(won.length, 1);
      assert.ok(lost.length === 1 && lost[0].reason instanceof ETagConflictError);
    });

    it('deletes keys', async () => {
      await storage().write({ [key]: { n: 1 }, other: { n: 2 } });
      await storage().delete([key]);
      assert.deepEqual(Object.keys(await storage().read([key, 'other'])), ['other']);
    });

    it('deletes conversation states last written before a date, never user states', async () => {
      await storage().write({ 'sms/conversations/c-old/': { n: 1 }, 'sms/users/u-old': { n: 2 } });
      // The storage writes on the bot's clock (here the suite's day), not the machine's.
      const later = new Date(testNow().getTime() + 60_000);
      assert.equal(await stores().botState.deleteConversationsWrittenBefore(new Date(testNow().getTime() - 60_000)), 0);
      assert.equal(await stores().botState.deleteConversationsWrittenBefore(later), 1);
      assert.deepEqual(Object.keys(await storage().read(['sms/conversations/c-old/', 'sms/users/u-old'])), ['sms/users/u-old']);
    });

    it('deletes the keys under a prefix, and only those (its dots and brackets taken literally)', async () => {
      await storage().write({
        'replay/2026.11.24/a': { n: 1 },
        'replay/2026.11.24/b': { n: 2 },
        'replay/2026x11x24/c': { n: 3 },
        'x/replay/2026.11.24/d': { n: 4 },
      });
      assert.equal(await stores().botState.deleteByPrefix('replay/2026.11.24/'), 2);
      const left = await storage().read(['replay/2026.11.24/a', 'replay/2026.11.24/b', 'replay/2026x11x24/c', 'x/replay/2026.11.24/d']);
      assert.deepEqual(Object.keys(left).sort(), ['replay/2026x11x24/c', 'x/replay/2026.11.24/d']);
    });
    it('deletes the keys between two bounds, the lower one included, in code-unit order', async () => {
      const keys = ['r/2026-12-01/a', 'r/2026-12-02/b', 'r/2026-12-02T09/c', 'r/2026-12-02T10/d', 'r/2026-12-02T11/e', 's/2026-12-01/f'];
      await storage().write(Object.fromEntries(keys.map((k, n) => [k, { n }])));
      assert.equal(await stores().botState.deleteKeysBetween('r/', 'r/2026-12-02T10'), 3);
      assert.deepEqual(Object.keys(await storage().read(keys)).sort(), ['r/2026-12-02T10/d', 'r/2026-12-02T11/e', 's/2026-12-01/f']);
    });
  });

  describe('meta', () => {
    it('has no value for an unset key, then the last value set', async () => {
      assert.equal(await stores().meta.get('demoSeededAt'), undefined);
      await stores().meta.set('demoSeededAt', '2026-01-01');
      await stores().meta.set('demoSeededAt', '2026-02-01');
      assert.equal(await stores().meta.get('demoSeededAt'), '2026-02-01');
    });
  });

  describe('store', () => {
    it('answers a ping and says which kind it is', async () => {
      await stores().ping();
      assert.ok(['embedded', 'mongodb'].includes(stores().kind));
    });

    it('clears every collection', async () => {
      const s = stores();
      await s.beneficiaries.create(f.beneficiary());
      await s.voucherBooks.create(f.voucherBook());
      await s.places.upsert(f.place());
      await s.slots.insertMany([f.slot()]);
      await s.bookings.insert(f.booking());
      await s.audit.append(f.auditEvent());
      await s.meta.set('k', 'v');
      await new BotStateStorage(s.botState, testNow).write({ [key]: { n: 1 } });
      await s.clearAll();
      assert.equal(await s.beneficiaries.count(), 0);
      assert.equal(await s.voucherBooks.count(), 0);
      assert.equal(await s.places.count(), 0);
      assert.equal(await s.slots.count(), 0);
      assert.deepEqual(await s.bookings.list({}), []);
      assert.deepEqual(await s.audit.list({}), []);
      assert.equal(await s.meta.get('k'), undefined);
      assert.deepEqual(await s.botState.read([key]), []);
    });
  });
}
