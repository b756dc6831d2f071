/**
 * Where a turn on a database server spends its time: every command the app
 * server sends to MongoDB / FerretDB during a menu turn, a free-text turn
 * and a whole booking, per turn, one turn at a time (one conversation in
 * flight: no queueing), with the driver's time for each (bench/commandTally.ts).
 *
 *   bash .ci/ferretdb-postgres.sh node dist/bench/roundTrips.js [--menu=200] [--free=60] [--bookings=20] [--people=N] [--load] [--app=DIR]
 *   BENCH_MONGODB_URI=mongodb://…/db node dist/bench/roundTrips.js
 *
 * Prints, per scenario, the wall time of a turn seen by the client, the
 * commands a turn sends and their time, then each kind of command.
 */
import { benchVoucherBookNumber } from './benchIdentity';
import { bookingScenario } from './bookingScenario';
import type { CommandTallies } from './commandTally';
import { activity, type Conversation, load, loadToEnd, repeating, replyText, type Scenario } from './load';
import { conversations, type Running, start } from './servers';
import { runMain } from './runMain';

const option = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const MENU_TURNS = option('menu', 200);
const FREE_TURNS = option('free', 60);
const BOOKINGS = option('bookings', 20);
/** --people=N: benchmark beneficiaries seeded (each with a carnet), at least the bookings' and the load's. */
const PEOPLE = Math.max(option('people', 0), BOOKINGS + 100);
/** --app=DIR: the appServer.js of another build (its dist/bench), e.g. the commit before a change. */
const APP = process.argv.find((a) => a.startsWith('--app='))?.slice('--app='.length);
/** --load: also 20 connections: menu turns for 4 s, then 40 whole bookings run to their end. */
const LOAD = process.argv.includes('--load');

export interface TurnProfile {
  scenario: string;
  turns: number;
  /** Client wall time of a turn, ms (mean). */
  wallMs: number;
  commands: CommandTallies;
  note?: string;
}

async function post(url: string, conversation: Conversation, text: string): Promise<{ status: number; reply: string }> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: activity(conversation, text),
  });
  return { status: response.status, reply: replyText(await response.text()) };
}

/** Turns one at a time until the scenario has no conversation left (or `turns` are done). */
async function sequential(url: string, scenario: Scenario, turns = Infinity): Promise<{ turns: number; ms: number }> {
  let done = 0;
  const began = performance.now();
  for (let conversation = scenario.borrow(); conversation && done < turns; conversation = scenario.borrow()) {
    const { status, reply } = await post(url, conversation, scenario.text(conversation));
    scenario.replied(conversation, status, reply);
    done += 1;
  }
  return { turns: done, ms: performance.now() - began };
}

const repeatingForever = (pool: Conversation[], text: string): Scenario => {
  let next = 0;
  return { borrow: () => pool[next++ % pool.length], text: () => text, replied: () => undefined };
};

export async function profileTurns(
  bot: Running,
  sizes = { menu: MENU_TURNS, free: FREE_TURNS, bookings: BOOKINGS },
): Promise<TurnProfile[]> {
  const take = () => bot.request<CommandTallies>({ commands: true }, 'commands');
  const out: TurnProfile[] = [];
  for (const [scenario, text, turns] of [
    ['menu turn', 'menu', sizes.menu],
    ['free-text turn', 'je cherche un lieu à Marvejols', sizes.free],
  ] as const) {
    const pool = await conversations(bot.url, 4, ['bonjour'], 1);
    await sequential(bot.url, repeatingForever(pool, text), 10); // warm
    await take();
    const run = await sequential(bot.url, repeatingForever(pool, text), turns);
    out.push({ scenario, turns: run.turns, wallMs: run.ms / run.turns, commands: await take() });
  }
  const booking = bookingScenario(
    Array.from({ length: sizes.bookings }, (_, i) => benchVoucherBookNumber(i)),
    1,
  );
  await take();
  const run = await sequential(bot.url, booking);
  out.push({
    scenario: 'booking (whole conversation, per turn)',
    turns: run.turns,
    wallMs: run.ms / run.turns,
    commands: await take(),
    note: `${booking.tally.completed} bookings completed, ${booking.tally.failed} not, ${(run.turns / Math.max(1, booking.tally.completed)).toFixed(1)} turns a booking`,
  });
  return out;
}

export function roundTripTable(profiles: TurnProfile[]): string {
  const lines: string[] = [];
  for (const p of profiles) {
    const entries = Object.entries(p.commands).sort((a, b) => b[1].ms - a[1].ms);
    const count = entries.reduce((sum, [, c]) => sum + c.count, 0);
    const ms = entries.reduce((sum, [, c]) => sum + c.ms, 0);
    lines.push(
      `### ${p.scenario}: ${p.turns} turns, ${p.wallMs.toFixed(1)} ms a turn (client), ${(count / p.turns).toFixed(1)} commands a turn taking ${(ms / p.turns).toFixed(1)} ms${p.note ? `; ${p.note}` : ''}`,
      '',
      '| command | per turn | ms per turn | ms each |',
      '| --- | ---: | ---: | ---: |',
    );
    for (const [name, c] of entries)
      lines.push(`| ${name} | ${(c.count / p.turns).toFixed(2)} | ${(c.ms / p.turns).toFixed(2)} | ${(c.ms / c.count).toFixed(2)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const base =
    process.env.BENCH_MONGODB_URI ?? (process.env.FERRETDB_PG_URI && `${process.env.FERRETDB_PG_URI}passrt_${Date.now().toString(36)}`);
  if (!base) throw new Error('set BENCH_MONGODB_URI, or run under bash .ci/ferretdb-postgres.sh');
  const bot = await start(APP ? `${APP}/appServer.js` : 'appServer.js', {
    BENCH_MONGODB_URI: base,
    BENCH_COMMANDS: '1',
    BENCH_BENEFICIARIES: String(PEOPLE),
    BENCH_WEEKS: '4',
  });
  try {
    console.log(roundTripTable(await profileTurns(bot)));
    if (LOAD) {
      const menu = await load(bot.url, repeating(await conversations(bot.url, 40, ['bonjour'], 20), 'menu'), {
        connections: 20,
        seconds: 4,
      });
      const booking = bookingScenario(
        Array.from({ length: 40 }, (_, i) => benchVoucherBookNumber(BOOKINGS + 50 + i)),
        20,
      );
      const run = await loadToEnd(bot.url, booking, { connections: 20 });
      console.log(
        `20 connections: menu ${menu.turnsPerSecond.toFixed(1)} turns/s (p99 ${menu.p99} ms); ` +
          `40 bookings: ${booking.tally.completed} completed, ${booking.tally.failed} not, in ${run.seconds.toFixed(1)} s = ` +
          `${(booking.tally.completed / run.seconds).toFixed(2)} bookings/s, ${run.turnsPerSecond.toFixed(1)} turns/s, p50 ${run.p50} ms, p99 ${run.p99} ms`,
      );
    }
  } finally {
    await bot.stop();
  }
}

if (require.main === module) runMain(main);
