/**
 * Memory after a burst of conversations: RSS and the V8 heap right after
 * N distinct conversations (one « bonjour » each, 20 at a time) and once
 * idle (V8 keeps the heap it grew during a burst until its memory reducer
 * runs, a few seconds after the load stops), on the bench's app server.
 * Goals (issue 19): ≤ 400 MB right after 10,000 conversations, ≤ 250 MB idle.
 *
 *   npm run bench:memory                      (10,000 conversations)
 *   npm run bench:memory -- --conversations=2000 --snapshot   (+ a heap snapshot in bench/results/profiles/)
 */
import { join } from 'node:path';
import { load, newConversation, once, type Conversation } from './load';
import { type Running, start } from './servers';
import { runMain } from './runMain';

export interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal?: number;
  external?: number;
  arrayBuffers?: number;
}

export interface MemoryAfter {
  conversations: number;
  /** Before the load, once started (after a full GC). */
  started: Memory;
  /** Right after the load (and a full GC). */
  loaded: Memory;
  /** Once RSS stops falling, at most `settleMs` later. */
  settled: Memory;
  settledAfterMs: number;
}

const SETTLE_STEP_MS = 5_000;
const mb = (bytes?: number) => (bytes === undefined ? '—' : (bytes / 2 ** 20).toFixed(0));

export async function memoryAfter(bot: Running, count: number, connections: number, settleMs: number): Promise<MemoryAfter> {
  const started = await bot.request<Memory>({ rss: true }, 'rss');
  const pool: Conversation[] = Array.from({ length: count }, () => newConversation());
  await load(bot.url, once(pool, 'bonjour'), { connections: Math.min(connections, count), amount: count });
  const loaded = await bot.request<Memory>({ rss: true }, 'rss');
  // V8's memory reducer starts after a few seconds idle: wait at least 15 s, then until two readings agree.
  let settled = loaded;
  let waited = 0;
  let steady = 0;
  while (waited < settleMs && (waited < 15_000 || steady < 1)) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_STEP_MS));
    waited += SETTLE_STEP_MS;
    const now = await bot.request<Memory>({ rss: true }, 'rss');
    steady = now.rss < settled.rss * 0.98 ? 0 : steady + 1;
    settled = now;
  }
  return { conversations: count, started, loaded, settled, settledAfterMs: waited };
}

export function memoryLine(m: MemoryAfter): string {
  const one = (x: Memory) => `RSS ${mb(x.rss)} MB (heap used ${mb(x.heapUsed)} of ${mb(x.heapTotal)} MB, external ${mb(x.external)} MB)`;
  return (
    `memory (embedded store, after a full GC): ${one(m.started)} once started; ${one(m.loaded)} right after ${m.conversations.toLocaleString('en')} distinct conversations; ` +
    `${one(m.settled)} ${m.settledAfterMs / 1000} s later, idle.`
  );
}

async function main(): Promise<void> {
  const count = Number(process.argv.find((a) => a.startsWith('--conversations='))?.split('=')[1] ?? 10_000);
  const bot = await start('appServer.js');
  try {
    const memory = await memoryAfter(bot, count, 20, 60_000);
    console.log(memoryLine(memory));
    if (process.argv.includes('--snapshot')) {
      const file = await bot.request<string>({ snapshot: join(__dirname, '..', '..', 'bench', 'results', 'profiles') }, 'snapshot');
      console.log(`heap snapshot: ${file}`);
    }
  } finally {
    await bot.stop();
  }
}

if (require.main === module) runMain(main);
