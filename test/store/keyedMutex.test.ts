/** The per-document write queue used on servers without atomic conditional writes. */
import assert from 'node:assert/strict';
import { KeyedMutex } from '../../src/store/mongo/keyedMutex';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedMutex', () => {
  it('runs the tasks of one key one at a time, in call order', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([mutex.run('k', task('a')), mutex.run('k', task('b'))]);
    assert.deepEqual(log, ['a start', 'a end', 'b start', 'b end']);
  });

  it('runs tasks of different keys side by side', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([mutex.run('k1', task('a')), mutex.run('k2', task('b'))]);
    assert.deepEqual(log.slice(0, 2), ['a start', 'b start']);
  });

  it('goes on with the next task after one fails, and reports the failure to its caller', async () => {
    const mutex = new KeyedMutex();
    const failed = mutex.run('k', async () => {
      throw new Error('boom');
    });
    const next = mutex.run('k', async () => 'done');
    await assert.rejects(failed, /boom/);
    assert.equal(await next, 'done');
  });
});
