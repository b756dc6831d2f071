/**
 * The sequential ablation of a turn: what each step costs. One
 * conversation turn at a time (one connection, so no queueing), the menu
 * turn and the free-text turn, on the bench's app server with steps taken
 * out one after the other (bench/ablate.ts), and the echo bot below them.
 * The figure is the server's CPU time per turn (user + system, from
 * process.cpuUsage), which other jobs on a shared machine disturb far less
 * than wall time; wall time per turn is printed beside it.
 *
 *   npm run bench:ablation                 (2,000 turns per cell)
 *   npm run bench:ablation -- --turns=500
 */
import { ABLATION_LEVELS, type AblationLevel } from './ablate';
import { type Conversation, load, repeating } from './load';
import { conversations, type Running, start } from './servers';

const TURNS = Number(process.argv.find((a) => a.startsWith('--turns='))?.split('=')[1] ?? 2000);
const WARM_UP_TURNS = Math.min(1000, TURNS);
/** The turns are measured in chunks; the median chunk is kept (another job's burst spoils one chunk, not the figure). */
const CHUNKS = 5;
const TEXTS = { menu: 'menu', free: 'je cherche un lieu à Marvejols' } as const;

interface Cell {
  cpuUs: number;
  wallMs: number;
}

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** CPU µs and wall ms per turn of a repeated text, chunk by chunk. */
async function chunk(bot: Running, pool: Conversation[], text: string, turns: number): Promise<Cell> {
  const before = await bot.request<NodeJS.CpuUsage>({ cpu: true }, 'cpu');
  const result = await load(bot.url, repeating(pool, text), { connections: 1, amount: turns });
  const after = await bot.request<NodeJS.CpuUsage>({ cpu: true }, 'cpu');
  if (result.errors > 0) throw new Error(`${result.errors} errors`);
  return { cpuUs: (after.user - before.user + (after.system - before.system)) / result.turns, wallMs: result.mean ?? Number.NaN };
}

/** Both texts warmed up first (V8's optimising compiler runs on another thread and counts as the process's CPU), then measured in alternate chunks. */
async function measure(bot: Running): Promise<{ menu: Cell; free: Cell }> {
  const pools = { menu: await conversations(bot.url, 4, ['bonjour'], 1), free: await conversations(bot.url, 4, ['bonjour'], 1) };
  for (const key of ['menu', 'free'] as const) await chunk(bot, pools[key], TEXTS[key], WARM_UP_TURNS);
  const cells: Record<'menu' | 'free', Cell[]> = { menu: [], free: [] };
  for (let i = 0; i < CHUNKS; i += 1) {
    for (const key of ['menu', 'free'] as const) cells[key].push(await chunk(bot, pools[key], TEXTS[key], Math.ceil(TURNS / CHUNKS)));
  }
  const median = (cellsOf: Cell[]): Cell => ({ cpuUs: middle(cellsOf.map((c) => c.cpuUs)), wallMs: middle(cellsOf.map((c) => c.wallMs)) });
  return { menu: median(cells.menu), free: median(cells.free) };
}

export interface AblationRow {
  level: AblationLevel | 'echo';
  menu: Cell;
  free: Cell;
}

export async function ablation(): Promise<AblationRow[]> {
  const rows: AblationRow[] = [];
  for (const level of ABLATION_LEVELS) {
    const bot = await start('appServer.js', { BENCH_ABLATE: level });
    try {
      rows.push({ level, ...(await measure(bot)) });
    } finally {
      await bot.stop();
    }
  }
  const echo = await start('echoBot.js');
  try {
    rows.push({ level: 'echo', ...(await measure(echo)) });
  } finally {
    await echo.stop();
  }
  return rows;
}

const STEP: Record<AblationRow['level'], string> = {
  full: 'dialogs: stack, recognisers, wording, rendering',
  dialogs: 'state: read, hash, write (conversation and user)',
  state: 'middleware (turn log, locale, Teams, SMS, keywords, withdrawal, feedback, reminder reply)',
  middleware: 'replay guard (claim, end)',
  replay: 'our HTTP checks, FailClosed auth, PassBot, over the echo bot',
  echo: 'echo bot: restify, CloudAdapter, one reply',
};

export function ablationTable(rows: AblationRow[]): string {
  const lines = [
    '| step (the cost of removing it) | menu µs CPU | free text µs CPU | menu ms wall | free text ms wall |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  rows.forEach((row, i) => {
    const below = rows[i + 1];
    const diff = (f: (r: AblationRow) => number) => (below ? f(row) - f(below) : f(row));
    lines.push(
      `| ${STEP[row.level]} | ${diff((r) => r.menu.cpuUs).toFixed(0)} | ${diff((r) => r.free.cpuUs).toFixed(0)} | ${diff((r) => r.menu.wallMs).toFixed(2)} | ${diff((r) => r.free.wallMs).toFixed(2)} |`,
    );
  });
  const full = rows[0];
  lines.push(
    `| **whole turn** | **${full.menu.cpuUs.toFixed(0)}** | **${full.free.cpuUs.toFixed(0)}** | **${full.menu.wallMs.toFixed(2)}** | **${full.free.wallMs.toFixed(2)}** |`,
  );
  return lines.join('\n');
}

if (require.main === module) {
  ablation().then(
    (rows) => {
      console.log(ablationTable(rows));
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
