/**
 * Counters kept in the embedded store's meta datafile, for the counts that
 * must outlive a restart: a carnet locked after five wrong birth dates
 * stayed locked only until the process restarted (issue 16). One process
 * holds the data folder (its lock), so a per-key queue in this process is
 * enough to make each count one read and one write. Keys (carnet numbers,
 * addresses) are stored hashed. Same contract as rate-limiter-flexible's.
 */
import { createHash } from 'node:crypto';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Counter, CounterSpec } from '../counterSpec';
import type { DocumentCollection } from '../shared/collection';
import type { MetaDoc } from '../shared/collections';

interface Count {
  consumed: number;
  /** When the window ends (ms). */
  resetAt: number;
}

export function embeddedCounter(spec: CounterSpec, meta: DocumentCollection<MetaDoc>, now: () => number = () => Date.now()): Counter {
  const queues = new Map<string, Promise<unknown>>();
  const idOf = (key: string) => `counter:${spec.name}:${createHash('sha256').update(`${spec.name}\u0000${key}`).digest('base64url')}`;

  /** Runs `work` after every earlier operation on `key` (one read-modify-write at a time). */
  const serial = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const run = (queues.get(key) ?? Promise.resolve()).then(work, work);
    const tail = run.catch(() => undefined);
    queues.set(key, tail);
    void tail.then(() => {
      if (queues.get(key) === tail) queues.delete(key);
    });
    return run;
  };

  const read = async (key: string): Promise<Count | undefined> => {
    const doc = await meta.findOne({ _id: idOf(key) });
    if (!doc) return undefined;
    const count = JSON.parse(doc.value) as Count;
    return count.resetAt > now() ? count : undefined;
  };

  const result = (count: Count, first: boolean) =>
    new RateLimiterRes(Math.max(0, spec.points - count.consumed), Math.max(0, count.resetAt - now()), count.consumed, first);

  return {
    consume: (key) =>
      serial(key, async () => {
        const current = await read(key);
        const t = now();
        const count: Count = current
          ? { ...current, consumed: current.consumed + 1 }
          : { consumed: 1, resetAt: t + spec.durationSeconds * 1000 };
        // Going over the limit starts the block (rate-limiter-flexible's blockDuration).
        if (count.consumed > spec.points && spec.blockSeconds && (!current || current.consumed <= spec.points)) {
          count.resetAt = t + spec.blockSeconds * 1000;
        }
        await meta.put({ _id: idOf(key), value: JSON.stringify(count) });
        const res = result(count, !current);
        // rate-limiter-flexible's contract: a refused consume rejects with the RateLimiterRes itself.
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        if (count.consumed > spec.points) throw res;
        return res;
      }),
    get: async (key) => {
      const count = await read(key);
      return count ? result(count, false) : null;
    },
    delete: (key) =>
      serial(key, async () => {
        await meta.deleteMany({ _id: idOf(key) });
      }),
    // As rate-limiter-flexible's block(): over the limit until then.
    block: (key, seconds) =>
      serial(key, async () => {
        const count: Count = { consumed: spec.points + 1, resetAt: now() + seconds * 1000 };
        await meta.put({ _id: idOf(key), value: JSON.stringify(count) });
      }),
  };
}
