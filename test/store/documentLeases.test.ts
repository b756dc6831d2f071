/**
 * The lease shared by every process on one database around a write to one
 * document (FerretDB). The collection here keeps what a server's unique _id
 * keeps: a second insert of the same _id is refused. Time is a counter the
 * test moves.
 */
import assert from 'node:assert/strict';
import { DocumentLeases, type LeaseDoc } from '../../src/store/mongo/documentLeases';
import { StoreUnavailableError } from '../../src/store/errors';

class UniqueIdCollection {
  readonly docs = new Map<string, LeaseDoc>();

  insertOne(doc: LeaseDoc) {
    if (this.docs.has(doc._id)) return Promise.reject(Object.assign(new Error('E11000 duplicate key'), { code: 11000 }));
    this.docs.set(doc._id, { ...doc });
    return Promise.resolve({ acknowledged: true, insertedId: doc._id });
  }

  findOne(filter: { _id: string }) {
    const doc = this.docs.get(filter._id);
    return Promise.resolve(doc ? { ...doc } : null);
  }

  deleteOne(filter: { _id: string; token: string }) {
    const doc = this.docs.get(filter._id);
    const matches = doc !== undefined && doc.token === filter.token;
    if (matches) this.docs.delete(filter._id);
    return Promise.resolve({ acknowledged: true, deletedCount: matches ? 1 : 0 });
  }
}

function world() {
  const collection = new UniqueIdCollection();
  let clock = 1_000_000;
  const timings = {
    leaseMs: 1_000,
    waitMs: 5_000,
    now: () => clock,
    // Waiting moves the clock, so a wait of the lease's length really passes.
    sleep: (ms: number) => {
      clock += Math.max(ms, 1);
      return new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
  // Two instances: two lease holders on one collection, as two processes on one database.
  const first = new DocumentLeases(collection as never, timings);
  const second = new DocumentLeases(collection as never, timings);
  return { collection, first, second, advance: (ms: number) => (clock += ms) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('DocumentLeases', () => {
  it('lets one instance at a time write a document, the other waiting its turn', async () => {
    const { first, second } = world();
    const log: string[] = [];
    const write = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([first.run('slots:s1', write('a')), second.run('slots:s1', write('b'))]);
    assert.deepEqual(log, ['a start', 'a end', 'b start', 'b end']);
  });

  it('lets two instances write two different documents side by side', async () => {
    const { first, second } = world();
    const log: string[] = [];
    const write = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([first.run('slots:s1', write('a')), second.run('slots:s2', write('b'))]);
    assert.deepEqual(log.slice(0, 2), ['a start', 'b start']);
  });

  it('releases the lease when the write fails, and passes the failure on', async () => {
    const { collection, first } = world();
    await assert.rejects(
      first.run('slots:s1', () => Promise.reject(new Error('refused'))),
      /refused/,
    );
    assert.equal(collection.docs.size, 0);
  });

  it('takes over a lease whose holder died, once the lease has ended', async () => {
    const { collection, first, advance } = world();
    collection.docs.set('slots:s1', { _id: 'slots:s1', token: 'dead-process', until: 1_000_000 + 1_000 });
    advance(1_001);
    assert.equal(await first.run('slots:s1', () => Promise.resolve('written')), 'written');
    assert.equal(collection.docs.size, 0);
  });

  it('gives up with « store unavailable » when a live lease is held longer than the wait', async () => {
    const { collection, first } = world();
    // A lease renewed for ever, as a holder stuck in a write would look.
    collection.docs.set('slots:s1', { _id: 'slots:s1', token: 'stuck', until: Number.MAX_SAFE_INTEGER });
    await assert.rejects(
      first.run('slots:s1', () => Promise.resolve()),
      (err: unknown) => err instanceof StoreUnavailableError,
    );
    assert.equal(collection.docs.get('slots:s1')?.token, 'stuck');
  });
});
