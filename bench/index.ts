/**
 * `npm run bench`: the assistant beside a bare Bot Framework echo bot, in
 * the same run on the same machine, so that ratios mean something on any
 * machine. Each bot runs in its own process (bench/echoBot.ts,
 * bench/appServer.ts), loaded by autocannon from this one over 127.0.0.1,
 * 20 connections, each scenario bounded in time or in turns.
 *
 *   npm run bench               full run (tens of minutes: the scaling table seeds up to 100,000 people)
 *   npm run bench -- --quick    the same, shortened: checks the benchmark runs (a few minutes)
 *   npm run bench -- --scales=1000x119,10000x10000   other sizes for the scaling table
 *
 * `npm run bench` runs under .ci/ferretdb-postgres.sh --if-available: with
 * FERRETDB_PG_URI set it adds FerretDB on PostgreSQL to the scaling table,
 * and one against two instances on it (bookings/s, turns/s, overbooked).
 *
 * Writes bench/results/latest.json and latest.md. Asserts nothing about
 * timing: the targets (issue 9) are compared in the printed table.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchVoucherBookNumber } from './benchIdentity';
import { bookingScenario } from './bookingScenario';
import { load, type LoadResult, newConversation, once, repeating } from './load';
import { microBenchmarks, type MicroResult } from './micro';
import { type Memory, type MemoryAfter, memoryAfter, memoryLine } from './memory';
import { median, timeBareRequire, timeToReady } from './startup';
import { atSlotPrompt, conversations as serverConversations, type Running, start } from './servers';
import { smsSegments } from './smsSegments';

const quick = process.argv.includes('--quick');
const began = Date.now();
const progress = (what: string) => console.log(`[${((Date.now() - began) / 1000).toFixed(1)} s] ${what}`);
const CONNECTIONS = 20;
const SECONDS = quick ? 1 : 10;
interface Sizes {
  /** Conversations brought to the session prompt for the date turn. */
  dateConversations: number;
  /** Benchmark beneficiaries seeded: the date turn's, then one per booking conversation. */
  beneficiaries: number;
  weeks: number;
}
const EMBEDDED: Sizes = quick
  ? { dateConversations: 20, beneficiaries: 200, weeks: 1 }
  : { dateConversations: 600, beneficiaries: 4000, weeks: 12 };
const RSS_CONVERSATIONS = quick ? 300 : 10_000;
const MENU = 'menu';
const FREE_TEXT = 'je cherche un lieu à Marvejols';
const DATE_TEXT = 'mardi prochain à 14h30';

const conversations = (url: string, count: number, opening: string[]) => serverConversations(url, count, opening, CONNECTIONS);

interface Row {
  bot: string;
  scenario: string;
  result: LoadResult;
  ratio?: number;
  note?: string;
}

async function assistantRows(
  name: string,
  url: string,
  bot: Running,
  echo: Record<string, LoadResult>,
  sizes: Sizes,
): Promise<{ rows: Row[]; audit: Audit }> {
  const rows: Row[] = [];
  const menuPool = await conversations(url, CONNECTIONS * 2, ['bonjour']);
  const menu = await load(url, repeating(menuPool, MENU), { connections: CONNECTIONS, seconds: SECONDS });
  rows.push({ bot: name, scenario: 'menu turn', result: menu, ratio: menu.turnsPerSecond / echo.menu.turnsPerSecond });

  const freePool = await conversations(url, CONNECTIONS * 2, ['bonjour']);
  const free = await load(url, repeating(freePool, FREE_TEXT), { connections: CONNECTIONS, seconds: SECONDS });
  rows.push({ bot: name, scenario: 'free-text turn', result: free, ratio: free.turnsPerSecond / echo.free.turnsPerSecond });

  // The date turn takes the last beneficiaries; the booking load takes the first ones.
  progress(`${name}: preparing ${sizes.dateConversations} conversations at the session prompt…`);
  const prepared = await atSlotPrompt(url, sizes.dateConversations, sizes.beneficiaries - sizes.dateConversations, CONNECTIONS);
  const date = await load(url, once(prepared, DATE_TEXT), { connections: CONNECTIONS, amount: prepared.length });
  rows.push({
    bot: name,
    scenario: 'date turn',
    result: date,
    ratio: date.turnsPerSecond / echo.date.turnsPerSecond,
    note: `${prepared.length} conversations at the session prompt`,
  });

  const voucherBookNumbers = Array.from({ length: sizes.beneficiaries - sizes.dateConversations }, (_, i) => benchVoucherBookNumber(i));
  progress(`${name}: booking…`);
  const booking = bookingScenario(voucherBookNumbers, CONNECTIONS);
  // A booking is eight turns: --quick still needs a few seconds to complete some.
  const booked = await load(url, booking, { connections: CONNECTIONS, seconds: Math.max(SECONDS, 3) });
  const audit = await bot.request<Audit>({ check: true }, 'audit');
  rows.push({
    bot: name,
    scenario: 'booking',
    result: booked,
    ratio: booked.turnsPerSecond / echo.menu.turnsPerSecond,
    note:
      `${(booking.tally.completed / booked.seconds).toFixed(1)} completed bookings/s (${booking.tally.completed} in ${booked.seconds} s, ` +
      `${booking.tally.failed} not completed${booking.tally.firstFailure ? `, first: « ${booking.tally.firstFailure.split('\n')[0]} »` : ''}); ` +
      `overbooked slots ${audit.overbookedSlots}, unbalanced carnets ${audit.unbalancedBooks}`,
  });
  return { rows, audit: { ...audit, completed: booking.tally.completed, bookingsPerSecond: booking.tally.completed / booked.seconds } };
}

interface Audit {
  confirmedBookings: number;
  slots: number;
  overbookedSlots: number;
  unbalancedBooks: number;
  completed?: number;
  bookingsPerSecond?: number;
}

const SETTLE_MS = quick ? 5_000 : 60_000;

/** Restart on existing data (what an operator's restart costs); --quick times the first start only. */
async function coldStart(rounds: number) {
  const ready: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'pass-bench-'));
    try {
      bare.push(timeBareRequire());
      const first = await timeToReady(dir); // the first start seeds the demo data
      ready.push(quick ? first : await timeToReady(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { restartToReadyMs: median(ready), bareRequireMs: median(bare), rounds };
}

/** The scaling table (issue 19): people and places a département, a region, the country would have. */
interface Scale {
  beneficiaries: number;
  places: number;
}
/** `--scales=1000x119,10000x10000`: other sizes (beneficiaries x places), e.g. when seeding 40,000 places takes too long. */
const scalesOption = process.argv.find((a) => a.startsWith('--scales='))?.slice('--scales='.length);
const SCALES: Scale[] = scalesOption
  ? scalesOption.split(',').map((size) => {
      const [beneficiaries, places] = size.split('x').map(Number);
      return { beneficiaries: beneficiaries, places: places };
    })
  : quick
    ? [
        { beneficiaries: 100, places: 119 },
        { beneficiaries: 500, places: 500 },
      ]
    : [
        { beneficiaries: 1_000, places: 119 },
        { beneficiaries: 10_000, places: 10_000 },
        { beneficiaries: 100_000, places: 40_000 },
      ];
const SCALE_SECONDS = quick ? 1 : 5;
const SCALE_WEEKS = 4;

interface ScalePoint extends Scale {
  store: string;
  slots: number;
  seedSeconds: number;
  menu: LoadResult;
  free: LoadResult;
  booking: LoadResult;
  bookingsPerSecond: number;
  overbookedSlots: number;
  unbalancedBooks: number;
  rssMb: number;
  heapMb: number;
}

async function scalePoint(store: string, env: Record<string, string>, scale: Scale): Promise<ScalePoint> {
  const seeding = Date.now();
  const bot = await start('appServer.js', {
    ...env,
    BENCH_BENEFICIARIES: String(scale.beneficiaries),
    BENCH_PLACES: String(scale.places),
    BENCH_WEEKS: String(SCALE_WEEKS),
  });
  const seedSeconds = (Date.now() - seeding) / 1000;
  try {
    const menuPool = await conversations(bot.url, CONNECTIONS * 2, ['bonjour']);
    const menu = await load(bot.url, repeating(menuPool, MENU), { connections: CONNECTIONS, seconds: SCALE_SECONDS });
    const freePool = await conversations(bot.url, CONNECTIONS * 2, ['bonjour']);
    const free = await load(bot.url, repeating(freePool, FREE_TEXT), { connections: CONNECTIONS, seconds: SCALE_SECONDS });
    const booking = bookingScenario(
      Array.from({ length: scale.beneficiaries }, (_, i) => benchVoucherBookNumber(i)),
      CONNECTIONS,
    );
    const booked = await load(bot.url, booking, { connections: CONNECTIONS, seconds: Math.max(SCALE_SECONDS, 3) });
    const audit = await bot.request<Audit>({ check: true }, 'audit');
    const memory = await bot.request<Memory>({ rss: true }, 'rss');
    return {
      ...scale,
      store,
      slots: bot.slots,
      seedSeconds,
      menu,
      free,
      booking: booked,
      bookingsPerSecond: booking.tally.completed / booked.seconds,
      overbookedSlots: audit.overbookedSlots,
      unbalancedBooks: audit.unbalancedBooks,
      rssMb: memory.rss / 2 ** 20,
      heapMb: memory.heapUsed / 2 ** 20,
    };
  } finally {
    await bot.stop();
  }
}

async function scaling(): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  for (const scale of SCALES) {
    progress(`scaling, embedded: ${scale.beneficiaries} beneficiaries, ${scale.places} places…`);
    points.push(await scalePoint('embedded', {}, scale));
  }
  const pg = process.env.FERRETDB_PG_URI;
  if (pg) {
    for (const [i, scale] of SCALES.entries()) {
      progress(`scaling, FerretDB on PostgreSQL: ${scale.beneficiaries} beneficiaries, ${scale.places} places…`);
      points.push(
        await scalePoint('FerretDB on PostgreSQL', { BENCH_MONGODB_URI: `${pg}passscale${i}_${Date.now().toString(36)}` }, scale),
      );
    }
  }
  return points;
}

/** One instance, then two on the same database (FerretDB on PostgreSQL), each a share of the same connections. */
interface InstancesRun {
  instances: number;
  menu: LoadResult;
  booking: LoadResult;
  bookingsPerSecond: number;
  completed: number;
  failed: number;
  overbookedSlots: number;
  unbalancedBooks: number;
}

const INSTANCE_PEOPLE = quick ? 200 : 4_000;

async function acrossInstances(
  bots: Running[],
  scenarioFor: (i: number) => Parameters<typeof load>[1],
  seconds: number,
): Promise<LoadResult> {
  const share = Math.floor(CONNECTIONS / bots.length);
  const results = await Promise.all(bots.map((bot, i) => load(bot.url, scenarioFor(i), { connections: share, seconds })));
  const turns = results.reduce((sum, r) => sum + r.turns, 0);
  const duration = Math.max(...results.map((r) => r.seconds));
  return {
    turns,
    seconds: duration,
    turnsPerSecond: turns / duration,
    // Across instances: the worst of the instances' percentiles (a conservative summary).
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  };
}

async function instancesOnPostgres(pg: string): Promise<InstancesRun[]> {
  const uri = `${pg}passinstances_${Date.now().toString(36)}`;
  const first = await start('appServer.js', { BENCH_MONGODB_URI: uri, BENCH_BENEFICIARIES: String(INSTANCE_PEOPLE), BENCH_WEEKS: '2' });
  const runs: InstancesRun[] = [];
  const bots = [first];
  try {
    for (const count of [1, 2]) {
      if (count === 2) bots.push(await start('appServer.js', { BENCH_MONGODB_URI: uri, BENCH_SEED: '0' }));
      progress(`FerretDB on PostgreSQL, ${count} instance(s)…`);
      const pools = await Promise.all(bots.map((bot) => conversations(bot.url, CONNECTIONS, ['bonjour'])));
      const menu = await acrossInstances(bots, (i) => repeating(pools[i], MENU), SECONDS);
      // Each run and each instance books for its own people: half of them for one instance, a quarter for each of two.
      const half = INSTANCE_PEOPLE / 2;
      const scenarios = bots.map((_, i) => {
        const per = half / bots.length;
        const from = (count - 1) * half + i * per;
        return bookingScenario(
          Array.from({ length: per }, (_, k) => benchVoucherBookNumber(from + k)),
          Math.floor(CONNECTIONS / bots.length),
        );
      });
      const booking = await acrossInstances(bots, (i) => scenarios[i], Math.max(SECONDS, 3));
      const audit = await first.request<Audit>({ check: true }, 'audit');
      const completed = scenarios.reduce((sum, b) => sum + b.tally.completed, 0);
      runs.push({
        instances: count,
        menu,
        booking,
        completed,
        failed: scenarios.reduce((sum, b) => sum + b.tally.failed, 0),
        bookingsPerSecond: completed / booking.seconds,
        overbookedSlots: audit.overbookedSlots,
        unbalancedBooks: audit.unbalancedBooks,
      });
    }
  } finally {
    for (const bot of bots) await bot.stop();
  }
  return runs;
}

function scalingTable(points: ScalePoint[]): string {
  const lines = [
    '| store | beneficiaries | places | slots | seeded in s | menu turns/s | free-text turns/s | booking turns/s | bookings/s | menu / free / booking p99 ms | RSS MB | heap MB | overbooked |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |',
  ];
  for (const p of points) {
    const smallest = points.find((q) => q.store === p.store)!;
    const vs = (now: number, then: number) => (p === smallest ? '' : ` (${fmt((now / then) * 100)} %)`);
    lines.push(
      `| ${p.store} | ${p.beneficiaries.toLocaleString('en')} | ${p.places.toLocaleString('en')} | ${p.slots.toLocaleString('en')} | ${fmt(p.seedSeconds)} | ` +
        `${fmt(p.menu.turnsPerSecond)}${vs(p.menu.turnsPerSecond, smallest.menu.turnsPerSecond)} | ${fmt(p.free.turnsPerSecond)}${vs(p.free.turnsPerSecond, smallest.free.turnsPerSecond)} | ` +
        `${fmt(p.booking.turnsPerSecond)}${vs(p.booking.turnsPerSecond, smallest.booking.turnsPerSecond)} | ${fmt(p.bookingsPerSecond, 1)} | ` +
        `${fmt(p.menu.p99)} / ${fmt(p.free.p99)} / ${fmt(p.booking.p99)} | ${fmt(p.rssMb)} | ${fmt(p.heapMb)} | ${p.overbookedSlots} |`,
    );
  }
  return lines.join('\n');
}

function instancesTable(runs: InstancesRun[]): string {
  const lines = [
    '| FerretDB on PostgreSQL | menu turns/s | menu p99 ms | booking turns/s | completed bookings/s | not completed | overbooked slots | unbalanced carnets |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of runs) {
    lines.push(
      `| ${r.instances} instance${r.instances > 1 ? 's' : ''} | ${fmt(r.menu.turnsPerSecond)} | ${fmt(r.menu.p99)} | ${fmt(r.booking.turnsPerSecond)} | ${fmt(r.bookingsPerSecond, 1)} | ${r.failed} | ${r.overbookedSlots} | ${r.unbalancedBooks} |`,
    );
  }
  return lines.join('\n');
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function table(rows: Row[]): string {
  const lines = [
    '| bot | scenario | turns/s | p50 ms | p99 ms | × echo turns/s | errors | note |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const { bot, scenario, result, ratio, note } of rows) {
    lines.push(
      `| ${bot} | ${scenario} | ${fmt(result.turnsPerSecond)} | ${fmt(result.p50, 1)} | ${fmt(result.p99, 1)} | ${ratio === undefined ? '1' : `${fmt(ratio * 100)} %`} | ${result.errors} | ${note ?? ''} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  console.log(`${quick ? 'quick run' : 'full run'} on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}`);
  const rows: Row[] = [];

  // The reference, on the same texts.
  const echo = await start('echoBot.js');
  const echoResults: Record<string, LoadResult> = {};
  for (const [key, text, label] of [
    ['menu', MENU, 'menu turn'],
    ['free', FREE_TEXT, 'free-text turn'],
    ['date', DATE_TEXT, 'date turn'],
  ] as const) {
    const pool = Array.from({ length: CONNECTIONS * 2 }, () => newConversation());
    echoResults[key] = await load(echo.url, repeating(pool, text), { connections: CONNECTIONS, seconds: SECONDS });
    rows.push({ bot: 'echo bot', scenario: label, result: echoResults[key] });
  }
  await echo.stop();

  const audits: Record<string, Audit> = {};
  const env = (sizes: Sizes) => ({ BENCH_BENEFICIARIES: String(sizes.beneficiaries), BENCH_WEEKS: String(sizes.weeks) });
  progress('assistant, embedded store…');
  const embedded = await start('appServer.js', env(EMBEDDED));
  const embeddedRun = await assistantRows('assistant, embedded', embedded.url, embedded, echoResults, EMBEDDED);
  rows.push(...embeddedRun.rows);
  audits.embedded = embeddedRun.audit;
  progress(`RSS after ${RSS_CONVERSATIONS} conversations, then idle…`);
  const memory = await memoryAfter(embedded, RSS_CONVERSATIONS, CONNECTIONS, SETTLE_MS);
  await embedded.stop();

  const scale = await scaling();
  const pg = process.env.FERRETDB_PG_URI;
  const instances = pg ? await instancesOnPostgres(pg) : [];
  const ferretNote = pg
    ? undefined
    : 'FerretDB on PostgreSQL skipped: FERRETDB_PG_URI is not set (npm run bench starts one when PostgreSQL and .ferretdb/ are there)';

  progress('cold start…');
  // A start that times out on a loaded machine costs this figure, not the tables measured before it.
  const cold = await coldStart(quick ? 1 : 5).catch((error: Error) => {
    console.error(`cold start not measured: ${error.message.split('\n')[0]}`);
    return { restartToReadyMs: Number.NaN, bareRequireMs: Number.NaN, rounds: 0 };
  });
  progress('micro-benchmarks…');
  const micro = microBenchmarks(quick);

  const markdown = `${report(rows, machine, cold, memory, micro, audits, scale, instances, ferretNote)}\n\n${await smsSegments()}`;
  console.log(`\n${markdown}`);
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const name = quick ? 'quick' : 'latest';
  writeFileSync(join(dir, `${name}.md`), `${markdown}\n`);
  writeFileSync(
    join(dir, `${name}.json`),
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        quick,
        machine,
        connections: CONNECTIONS,
        seconds: SECONDS,
        rows,
        audits,
        coldStart: cold,
        rssAfterConversations: {
          conversations: RSS_CONVERSATIONS,
          rssMb: memory.loaded.rss / 2 ** 20,
          heapUsedMb: memory.loaded.heapUsed / 2 ** 20,
          settledRssMb: memory.settled.rss / 2 ** 20,
          settledHeapUsedMb: memory.settled.heapUsed / 2 ** 20,
          settledAfterMs: memory.settledAfterMs,
        },
        scaling: scale,
        instances,
        micro,
        ferretNote,
      },
      null,
      2,
    )}\n`,
  );
  progress(`written: bench/results/${name}.md and ${name}.json`);
}

function report(
  rows: Row[],
  machine: { cpu: string; cores: number; memoryGb: number; node: string },
  cold: { restartToReadyMs: number; bareRequireMs: number; rounds: number },
  memory: MemoryAfter,
  micro: MicroResult[],
  audits: Record<string, Audit>,
  scale: ScalePoint[],
  instances: InstancesRun[],
  ferretNote?: string,
): string {
  const lines = [
    `# Benchmark${quick ? ' (--quick: too short for stable figures)' : ''}`,
    '',
    `${new Date().toISOString()} — ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}; ` +
      `${CONNECTIONS} connections, ${SECONDS} s per timed scenario, POST /api/messages with expectReplies over 127.0.0.1.`,
    '',
    table(rows),
    '',
    ...Object.entries(audits).map(
      ([store, a]) =>
        `- booking on ${store}: ${fmt(a.bookingsPerSecond ?? 0, 1)} completed bookings/s; ${a.confirmedBookings} confirmed bookings over ${a.slots} slots, ` +
        `${a.overbookedSlots} overbooked, ${a.unbalancedBooks} carnets unbalanced.`,
    ),
    ...(ferretNote ? [`- ${ferretNote}`] : []),
    `- cold start (${quick ? 'first start, seeding the demo data' : 'restart on existing data'}, spawn to /readyz 200, language models warm): median ${cold.restartToReadyMs} ms of ${cold.rounds}; a bare \`node -e "require('botbuilder'); require('restify')"\`: ${cold.bareRequireMs} ms.`,
    `- ${memoryLine(memory)}`,
    ...micro.map((m) => `- ${m.name}: p50 ${fmt(m.p50, 3)} ms, p99 ${fmt(m.p99, 3)} ms over ${m.calls} calls (${m.note}).`),
    '',
    `## As data grows (${SCALE_SECONDS} s per scenario, slots for ${SCALE_WEEKS} weeks; in brackets: against the smallest size on the same store)`,
    '',
    scalingTable(scale),
    '',
    ...(instances.length
      ? [
          `## One and two instances on FerretDB on PostgreSQL (${CONNECTIONS} connections shared between the instances, ${SECONDS} s per scenario)`,
          '',
          instancesTable(instances),
        ]
      : []),
  ];
  return lines.join('\n');
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
