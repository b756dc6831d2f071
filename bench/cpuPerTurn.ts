/**
 * CPU time per turn of the app server, for the menu, free-text and date
 * turns, one turn at a time (one connection, no queueing): the figure a
 * change to the turn is judged by on a shared machine, where throughput
 * moves with other jobs and CPU time far less. The server's user + system
 * time (process.cpuUsage) around chunks of turns; the median chunk is kept,
 * and the median of `--runs` fresh servers is printed.
 *
 *   node dist/bench/cpuPerTurn.js [--turns=1000] [--runs=3] [--only=menu,free,date]
 */
import { load, once, repeating, type Scenario } from './load';
import { atSlotPrompt, conversations, type Running, start } from './servers';
import { runMain } from './runMain';

const option = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const TURNS = Number(option('turns', '1000'));
const RUNS = Number(option('runs', '3'));
const ONLY = option('only', 'menu,free,date').split(',');
const CHUNKS = 5;
const PEOPLE = 4000;

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function cpuOf(bot: Running, scenario: Scenario, turns: number): Promise<number> {
  const before = await bot.request<NodeJS.CpuUsage>({ cpu: true }, 'cpu');
  const result = await load(bot.url, scenario, { connections: 1, amount: turns });
  const after = await bot.request<NodeJS.CpuUsage>({ cpu: true }, 'cpu');
  if (result.errors > 0) throw new Error(`${result.errors} errors`);
  return (after.user - before.user + (after.system - before.system)) / result.turns;
}

async function run(): Promise<Record<string, number>> {
  const bot = await start('appServer.js', { BENCH_BENEFICIARIES: String(PEOPLE), BENCH_WEEKS: '12' });
  try {
    const out: Record<string, number> = {};
    const chunk = Math.ceil(TURNS / CHUNKS);
    for (const scenario of ONLY) {
      if (scenario === 'date') {
        // A date turn moves the conversation on: each prepared conversation answers once.
        const pool = await atSlotPrompt(bot.url, chunk * (CHUNKS + 1), 0, 4);
        const cells: number[] = [];
        for (let i = 0; i <= CHUNKS; i += 1) {
          const cell = await cpuOf(bot, once(pool.slice(i * chunk, (i + 1) * chunk), 'mardi prochain à 14h30'), chunk);
          if (i > 0) cells.push(cell); // the first chunk warms up
        }
        out.date = middle(cells);
        continue;
      }
      const text = scenario === 'menu' ? 'menu' : 'je cherche un lieu à Marvejols';
      const pool = await conversations(bot.url, 4, ['bonjour'], 1);
      await cpuOf(bot, repeating(pool, text), Math.min(1000, TURNS));
      const cells: number[] = [];
      for (let i = 0; i < CHUNKS; i += 1) cells.push(await cpuOf(bot, repeating(pool, text), chunk));
      out[scenario] = middle(cells);
    }
    return out;
  } finally {
    await bot.stop();
  }
}

async function main(): Promise<void> {
  const runs: Record<string, number>[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    runs.push(await run());
    console.error(`run ${i + 1}: ${ONLY.map((s) => `${s} ${runs[i][s].toFixed(0)} µs`).join(', ')}`);
  }
  console.log(ONLY.map((s) => `${s} ${middle(runs.map((r) => r[s])).toFixed(0)} µs CPU/turn`).join(' | '));
}

if (require.main === module) runMain(main);
