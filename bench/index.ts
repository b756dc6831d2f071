/**
 * `npm run bench`: the assistant beside a bare Bot Framework echo bot, in
 * the same run on the same machine, so that ratios mean something on any
 * machine. Each bot runs in its own process (bench/echoBot.ts,
 * bench/appServer.ts), loaded by autocannon from this one over 127.0.0.1,
 * 20 connections, each scenario bounded in time or in turns.
 *
 *   npm run bench                      one run (about ten minutes on a shared 2-core machine)
 *   npm run bench -- --runs=3          three runs: each figure the median, with min–max
 *   npm run bench -- --quick           shortened: checks that the benchmark runs (a few minutes)
 *   npm run bench -- --only=main,memory,scaling,instances,startup,micro,understand,sms,ablation
 *   npm run bench -- --scales=1000x119,10000x10000   other sizes for the scaling table
 *   npm run bench -- --scales=issue    the sizes of issue 19 (up to 100,000 people, 40,000 places: long)
 *
 * `npm run bench` runs under .ci/ferretdb-postgres.sh --if-available: with
 * FERRETDB_PG_URI set it adds FerretDB on PostgreSQL to the scaling table,
 * and one against two instances on it (bookings/s, turns/s, overbooked).
 * The sequential ablation (`ablation`, bench/ablation.ts) is not in the
 * default run; name it in --only.
 *
 * Writes bench/results/latest.json and latest.md (quick.* for --quick).
 * Asserts nothing about timing: the goals are compared in docs/performance.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { ablation, type AblationRow, ablationTable } from './ablation';
import { benchVoucherBookNumber } from './benchIdentity';
import { bookingScenario } from './bookingScenario';
import { load, type LoadResult, loadToEnd, newConversation, once, repeating, type Scenario } from './load';
import { type Memory, type MemoryAfter, memoryAfter, memoryLine } from './memory';
import { microBenchmarks, type MicroResult } from './micro';
import { atSlotPrompt, conversations as serverConversations, type Running, start } from './servers';
import { smsSegments } from './smsSegments';
import { fmt, median, mergeRuns } from './spread';
import { timeBareRequire, timeToReady } from './startup';
import { measureUnderstand, readSentences, type UnderstandCost, understandTable } from './understandCost';

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = process.argv.includes('--quick');
const RUNS = Math.max(1, Number(option('runs') ?? 1));
const SECTIONS = ['main', 'memory', 'scaling', 'instances', 'startup', 'micro', 'understand', 'sms'] as const;
type Section = (typeof SECTIONS)[number] | 'ablation';
const only = new Set((option('only')?.split(',') ?? SECTIONS) as Section[]);

const began = Date.now();
const progress = (what: string) => console.log(`[${((Date.now() - began) / 1000).toFixed(0)} s] ${what}`);
const CONNECTIONS = 20;
const SECONDS = quick ? 1 : 8;
interface Sizes {
  /** Conversations brought to the slot question for the date turn. */
  dateConversations: number;
  /** Benchmark beneficiaries seeded: the date turn's, then one per booking conversation. */
  beneficiaries: number;
  weeks: number;
}
const EMBEDDED: Sizes = quick
  ? { dateConversations: 20, beneficiaries: 200, weeks: 1 }
  : { dateConversations: 600, beneficiaries: 4000, weeks: 12 };
const RSS_CONVERSATIONS = quick ? 300 : 10_000;
const SETTLE_MS = quick ? 5_000 : 40_000;
const MENU = 'menu';
const FREE_TEXT = 'je cherche un lieu à Marvejols';
const DATE_TEXT = 'mardi prochain à 14h30';

const conversations = (url: string, count: number, opening: string[]) => serverConversations(url, count, opening, CONNECTIONS);

interface Audit {
  confirmedBookings: number;
  slots: number;
  overbookedSlots: number;
  unbalancedBooks: number;
}

interface BookingOutcome {
  completed: number;
  failed: number;
  perSecond: number;
  overbookedSlots: number;
  unbalancedBooks: number;
  firstFailure?: string;
}

interface Row {
  bot: string;
  scenario: string;
  result: LoadResult;
  /** Turns/s against the echo bot of the same run. */
  ratio?: number;
  prepared?: number;
  booking?: BookingOutcome;
}

/** A booking load, then the audit of seats and ledgers. */
async function booked(bot: Running, scenario: ReturnType<typeof bookingScenario>, seconds: number, connections = CONNECTIONS) {
  // A booking is eight turns: --quick still needs a few seconds to complete some.
  return bookingOutcome(bot, scenario, await load(bot.url, scenario, { connections, seconds: Math.max(seconds, 3) }));
}

/**
 * Whole booking conversations, a fixed number of them, to their end (the
 * scaling and instance tables): completed bookings over the time they took.
 * A timed load measured the scenario's length on a slow server (FerretDB on
 * PostgreSQL: 40 conversations of 7 turns at 15 turns/s outlast 8 s, so
 * 0 completed). On the embedded store the same figure as a timed load.
 */
async function bookedToEnd(bot: Running, scenario: ReturnType<typeof bookingScenario>, connections = CONNECTIONS) {
  return bookingOutcome(bot, scenario, await loadToEnd(bot.url, scenario, { connections }));
}

/** What a booking load completed, and the server's audit of every slot and carnet after it. */
async function bookingOutcome<R extends { seconds: number }>(bot: Running, scenario: ReturnType<typeof bookingScenario>, result: R) {
  const audit = await bot.request<Audit>({ check: true }, 'audit');
  const { completed, failed, firstFailure } = scenario.tally;
  const outcome: BookingOutcome = {
    completed,
    failed,
    perSecond: completed / result.seconds,
    overbookedSlots: audit.overbookedSlots,
    unbalancedBooks: audit.unbalancedBooks,
    firstFailure,
  };
  return { result, outcome, audit };
}

/** Booking conversations a scaling point runs to their end: a few seconds' worth on each store. */
const bookingConversations = (store: 'embedded' | 'server') => (quick ? 20 : store === 'embedded' ? 160 : 40);

async function echoRows(): Promise<Record<'menu' | 'free' | 'date', LoadResult>> {
  const echo = await start('echoBot.js');
  try {
    const pool = () => Array.from({ length: CONNECTIONS * 2 }, () => newConversation());
    return {
      menu: await load(echo.url, repeating(pool(), MENU), { connections: CONNECTIONS, seconds: SECONDS }),
      free: await load(echo.url, repeating(pool(), FREE_TEXT), { connections: CONNECTIONS, seconds: SECONDS }),
      date: await load(echo.url, repeating(pool(), DATE_TEXT), { connections: CONNECTIONS, seconds: SECONDS }),
    };
  } finally {
    await echo.stop();
  }
}

async function mainTable(withMemory: boolean): Promise<{ rows: Row[]; audit: Audit; memory?: MemoryAfter }> {
  progress('echo bot…');
  const echo = await echoRows();
  const rows: Row[] = [
    { bot: 'echo bot', scenario: 'menu turn', result: echo.menu },
    { bot: 'echo bot', scenario: 'free-text turn', result: echo.free },
    { bot: 'echo bot', scenario: 'date turn', result: echo.date },
  ];
  progress('assistant, embedded store…');
  const bot = await start('appServer.js', { BENCH_BENEFICIARIES: String(EMBEDDED.beneficiaries), BENCH_WEEKS: String(EMBEDDED.weeks) });
  try {
    const name = 'assistant, embedded';
    const menu = await load(bot.url, repeating(await conversations(bot.url, CONNECTIONS * 2, ['bonjour']), MENU), {
      connections: CONNECTIONS,
      seconds: SECONDS,
    });
    rows.push({ bot: name, scenario: 'menu turn', result: menu, ratio: menu.turnsPerSecond / echo.menu.turnsPerSecond });
    const free = await load(bot.url, repeating(await conversations(bot.url, CONNECTIONS * 2, ['bonjour']), FREE_TEXT), {
      connections: CONNECTIONS,
      seconds: SECONDS,
    });
    rows.push({ bot: name, scenario: 'free-text turn', result: free, ratio: free.turnsPerSecond / echo.free.turnsPerSecond });
    // The date turn takes the last beneficiaries; the booking load the first ones.
    progress(`${name}: ${EMBEDDED.dateConversations} conversations to the slot question…`);
    const prepared = await atSlotPrompt(
      bot.url,
      EMBEDDED.dateConversations,
      EMBEDDED.beneficiaries - EMBEDDED.dateConversations,
      CONNECTIONS,
    );
    const date = await load(bot.url, once(prepared, DATE_TEXT), { connections: CONNECTIONS, amount: prepared.length });
    rows.push({
      bot: name,
      scenario: 'date turn',
      result: date,
      ratio: date.turnsPerSecond / echo.date.turnsPerSecond,
      prepared: prepared.length,
    });
    progress(`${name}: booking…`);
    const numbers = Array.from({ length: EMBEDDED.beneficiaries - EMBEDDED.dateConversations }, (_, i) => benchVoucherBookNumber(i));
    const booking = await booked(bot, bookingScenario(numbers, CONNECTIONS), SECONDS);
    rows.push({
      bot: name,
      scenario: 'booking',
      result: booking.result,
      ratio: booking.result.turnsPerSecond / echo.menu.turnsPerSecond,
      booking: booking.outcome,
    });
    if (!withMemory) return { rows, audit: booking.audit };
    progress(`memory after ${RSS_CONVERSATIONS} conversations, then idle…`);
    return { rows, audit: booking.audit, memory: await memoryAfter(bot, RSS_CONVERSATIONS, CONNECTIONS, SETTLE_MS) };
  } finally {
    await bot.stop();
  }
}

/** The embedded store's memory by what it holds: beneficiaries (each with a carnet) and places (with their slots). */
interface StoreMemory {
  base: Memory;
  beneficiaries: { count: number; memory: Memory };
  places: { count: number; slots: number; baseSlots: number; memory: Memory };
}

async function storeMemory(): Promise<StoreMemory> {
  const measure = async (env: Record<string, string>) => {
    const bot = await start('appServer.js', { BENCH_WEEKS: '4', ...env });
    try {
      return { memory: await bot.request<Memory>({ rss: true }, 'rss'), slots: bot.slots };
    } finally {
      await bot.stop();
    }
  };
  const people = quick ? 2_000 : 20_000;
  const places = quick ? 500 : 5_000;
  progress(`embedded store: memory for ${people} beneficiaries, then ${places} places…`);
  const base = await measure({ BENCH_BENEFICIARIES: '0' });
  const withPeople = await measure({ BENCH_BENEFICIARIES: String(people) });
  const withPlaces = await measure({ BENCH_BENEFICIARIES: '0', BENCH_PLACES: String(places) });
  return {
    base: base.memory,
    beneficiaries: { count: people, memory: withPeople.memory },
    places: { count: places, slots: withPlaces.slots, baseSlots: base.slots, memory: withPlaces.memory },
  };
}

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
const parseScales = (text: string): Scale[] =>
  text.split(',').map((size) => {
    const [beneficiaries, places] = size.split('x').map(Number);
    return { beneficiaries, places };
  });
const ISSUE_SCALES = parseScales('1000x119,10000x10000,100000x40000');
const scalesOption = option('scales');
/** By default a département, a region, a large region: 40,000 places (a million slots) take tens of minutes to seed on FerretDB. */
const EMBEDDED_SCALES: Scale[] =
  scalesOption === 'issue'
    ? ISSUE_SCALES
    : scalesOption
      ? parseScales(scalesOption)
      : quick
        ? parseScales('100x119,500x500')
        : parseScales('1000x119,10000x1000,100000x10000');
const FERRET_SCALES: Scale[] = scalesOption ? EMBEDDED_SCALES : EMBEDDED_SCALES.slice(0, 2);
const SCALE_SECONDS = quick ? 1 : 4;
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
    const menu = await load(bot.url, repeating(await conversations(bot.url, CONNECTIONS * 2, ['bonjour']), MENU), {
      connections: CONNECTIONS,
      seconds: SCALE_SECONDS,
    });
    const free = await load(bot.url, repeating(await conversations(bot.url, CONNECTIONS * 2, ['bonjour']), FREE_TEXT), {
      connections: CONNECTIONS,
      seconds: SCALE_SECONDS,
    });
    const booking = await bookedToEnd(
      bot,
      bookingScenario(
        Array.from({ length: Math.min(scale.beneficiaries, bookingConversations(store === 'embedded' ? 'embedded' : 'server')) }, (_, i) =>
          benchVoucherBookNumber(i),
        ),
        CONNECTIONS,
      ),
    );
    const memory = await bot.request<Memory>({ rss: true }, 'rss');
    return {
      ...scale,
      store,
      slots: bot.slots,
      seedSeconds,
      menu,
      free,
      booking: booking.result,
      bookingsPerSecond: booking.outcome.perSecond,
      overbookedSlots: booking.outcome.overbookedSlots,
      unbalancedBooks: booking.outcome.unbalancedBooks,
      rssMb: memory.rss / 2 ** 20,
      heapMb: memory.heapUsed / 2 ** 20,
    };
  } finally {
    await bot.stop();
  }
}

async function scaling(pg: string | undefined): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  for (const scale of EMBEDDED_SCALES) {
    progress(`scaling, embedded: ${scale.beneficiaries} beneficiaries, ${scale.places} places…`);
    points.push(await scalePoint('embedded', {}, scale));
  }
  for (const [i, scale] of pg ? FERRET_SCALES.entries() : []) {
    progress(`scaling, FerretDB on PostgreSQL: ${scale.beneficiaries} beneficiaries, ${scale.places} places…`);
    points.push(await scalePoint('FerretDB on PostgreSQL', { BENCH_MONGODB_URI: `${pg}passscale${i}_${Date.now().toString(36)}` }, scale));
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

async function acrossInstances(bots: Running[], scenarioFor: (i: number) => Scenario, seconds: number): Promise<LoadResult> {
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

/** Each instance runs its own booking conversations to their end, with its share of the connections. */
async function acrossInstancesToEnd(bots: Running[], scenarioFor: (i: number) => Scenario): Promise<LoadResult> {
  const share = Math.floor(CONNECTIONS / bots.length);
  const began = Date.now();
  const results = await Promise.all(bots.map((bot, i) => loadToEnd(bot.url, scenarioFor(i), { connections: share })));
  const turns = results.reduce((sum, r) => sum + r.turns, 0);
  const seconds = (Date.now() - began) / 1000;
  return {
    turns,
    seconds,
    turnsPerSecond: turns / seconds,
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
      // Each run and each instance books for its own people, the same number of conversations in all for one and two instances.
      const half = INSTANCE_PEOPLE / 2;
      const scenarios = bots.map((_, i) => {
        const per = bookingConversations('server') / bots.length;
        const from = (count - 1) * half + i * per;
        return bookingScenario(
          Array.from({ length: per }, (_, k) => benchVoucherBookNumber(from + k)),
          Math.floor(CONNECTIONS / bots.length),
        );
      });
      const booking = await acrossInstancesToEnd(bots, (i) => scenarios[i]);
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

/** What one run measured; several runs are merged figure by figure (spread.ts). */
interface RunResult {
  load: number;
  main?: { rows: Row[]; audit: Audit };
  memory?: MemoryAfter;
  store?: StoreMemory;
  scaling?: ScalePoint[];
  instances?: InstancesRun[];
  cold?: { restartToReadyMs: number; bareRequireMs: number; rounds: number };
  micro?: MicroResult[];
  understand?: UnderstandCost[];
  ablation?: AblationRow[];
}

async function oneRun(): Promise<RunResult> {
  const pg = process.env.FERRETDB_PG_URI;
  const result: RunResult = { load: loadavg()[0] };
  if (only.has('main')) {
    const main = await mainTable(only.has('memory'));
    result.main = { rows: main.rows, audit: main.audit };
    result.memory = main.memory;
  }
  if (only.has('memory')) result.store = await storeMemory();
  if (only.has('scaling')) result.scaling = await scaling(pg);
  if (only.has('instances') && pg) result.instances = await instancesOnPostgres(pg);
  if (only.has('startup')) {
    progress('cold start…');
    // A start that times out on a loaded machine costs this figure, not the tables measured before it.
    result.cold = await coldStart(quick ? 1 : 3).catch((error: Error) => {
      console.error(`cold start not measured: ${error.message.split('\n')[0]}`);
      return { restartToReadyMs: Number.NaN, bareRequireMs: Number.NaN, rounds: 0 };
    });
  }
  if (only.has('micro')) {
    progress('micro-benchmarks…');
    result.micro = microBenchmarks(quick);
  }
  if (only.has('understand')) {
    progress('understand() on the development set…');
    result.understand = measureUnderstand(devSentences(), quick ? 2 : 10);
  }
  if (only.has('ablation')) {
    progress('sequential ablation…');
    result.ablation = await ablation();
  }
  return result;
}

/** The shared development set when it is there, else the test set kept in the repository. */
function devSentences(): string[] {
  for (const file of ['/work/shared/nlu/dev.tsv', join(__dirname, '..', '..', 'test', 'nlu', 'test.tsv')]) {
    try {
      return readSentences(file);
    } catch {
      // next
    }
  }
  return [];
}

function mainRowsTable(rows: Row[]): string {
  const lines = [
    '| bot | scenario | turns/s | p50 ms | p99 ms | × echo turns/s | errors | note |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const { bot, scenario, result, ratio, prepared, booking } of rows) {
    const note = booking
      ? `${fmt(booking.perSecond, 1)} completed bookings/s (${fmt(booking.completed)} in ${fmt(result.seconds)} s, ${fmt(booking.failed)} not completed` +
        `${booking.firstFailure ? `, first: « ${booking.firstFailure.split('\n')[0]} »` : ''}); overbooked slots ${fmt(booking.overbookedSlots)}, unbalanced carnets ${fmt(booking.unbalancedBooks)}`
      : prepared !== undefined
        ? `${fmt(prepared)} conversations at the slot question`
        : '';
    lines.push(
      `| ${bot} | ${scenario} | ${fmt(result.turnsPerSecond)} | ${fmt(result.p50, 1)} | ${fmt(result.p99, 1)} | ${ratio === undefined ? '1' : `${fmt(ratio * 100)} %`} | ${fmt(result.errors)} | ${note} |`,
    );
  }
  return lines.join('\n');
}

function scalingTable(points: ScalePoint[]): string {
  const lines = [
    '| store | beneficiaries | places | slots | seeded in s | menu turns/s | free-text turns/s | booking turns/s | bookings/s | menu / free / booking p99 ms | RSS MB | heap MB | overbooked |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |',
  ];
  for (const p of points) {
    const smallest = points.find((q) => q.store === p.store)!;
    const vs = (now: number, then: number) => (p === smallest ? '' : ` (${fmt((Number(now) / Number(then)) * 100)} %)`);
    lines.push(
      `| ${p.store} | ${p.beneficiaries.toLocaleString('en')} | ${p.places.toLocaleString('en')} | ${p.slots.toLocaleString('en')} | ${fmt(p.seedSeconds)} | ` +
        `${fmt(p.menu.turnsPerSecond)}${vs(p.menu.turnsPerSecond, smallest.menu.turnsPerSecond)} | ${fmt(p.free.turnsPerSecond)}${vs(p.free.turnsPerSecond, smallest.free.turnsPerSecond)} | ` +
        `${fmt(p.booking.turnsPerSecond)}${vs(p.booking.turnsPerSecond, smallest.booking.turnsPerSecond)} | ${fmt(p.bookingsPerSecond, 1)} | ` +
        `${fmt(p.menu.p99)} / ${fmt(p.free.p99)} / ${fmt(p.booking.p99)} | ${fmt(p.rssMb)} | ${fmt(p.heapMb)} | ${fmt(p.overbookedSlots)} |`,
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
      `| ${fmt(r.instances)} instance${Number(r.instances) > 1 ? 's' : ''} | ${fmt(r.menu.turnsPerSecond)} | ${fmt(r.menu.p99)} | ${fmt(r.booking.turnsPerSecond)} | ${fmt(r.bookingsPerSecond, 1)} | ${fmt(r.failed)} | ${fmt(r.overbookedSlots)} | ${fmt(r.unbalancedBooks)} |`,
    );
  }
  return lines.join('\n');
}

function storeMemoryLine(s: StoreMemory): string {
  const mb = (a: number, b: number, per: number) => ((Number(a) - Number(b)) / 2 ** 20) * per;
  const signed = (n: number) => (n >= 0 ? `+${fmt(n)}` : fmt(n));
  const perPeople = 10_000 / Number(s.beneficiaries.count);
  const perPlaces = 1_000 / Number(s.places.count);
  return (
    `embedded store, by what it holds (after a full GC; 4 weeks of slots): heap ${signed(mb(s.beneficiaries.memory.heapUsed, s.base.heapUsed, perPeople))} MB, ` +
    `RSS ${signed(mb(s.beneficiaries.memory.rss, s.base.rss, perPeople))} MB per 10,000 beneficiaries (each with a carnet; measured with ${s.beneficiaries.count.toLocaleString('en')}); ` +
    `heap ${signed(mb(s.places.memory.heapUsed, s.base.heapUsed, perPlaces))} MB, RSS ${signed(mb(s.places.memory.rss, s.base.rss, perPlaces))} MB per 1,000 places ` +
    `(${fmt((Number(s.places.slots) - Number(s.places.baseSlots)) / (Number(s.places.count) - 119))} slots each; measured with ${s.places.count.toLocaleString('en')}); from ${fmt(Number(s.base.heapUsed) / 2 ** 20)} MB of heap with the demo data.`
  );
}

function report(r: RunResult, machine: { cpu: string; cores: number; memoryGb: number; node: string }, sms: string | undefined): string {
  const pgNote = process.env.FERRETDB_PG_URI
    ? []
    : ['- FerretDB on PostgreSQL skipped: FERRETDB_PG_URI is not set (npm run bench starts one when PostgreSQL and .ferretdb/ are there).'];
  const runs = RUNS > 1 ? `median of ${RUNS} runs (min–max in brackets)` : 'one run';
  const lines = [
    `# Benchmark${quick ? ' (--quick: too short for stable figures)' : ''}`,
    '',
    `${new Date().toISOString()} — ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}; ${runs}, load average ${fmt(r.load, 1)} at the start of each; ` +
      `${CONNECTIONS} connections, ${SECONDS} s per timed scenario, POST /api/messages with expectReplies over 127.0.0.1.`,
    '',
  ];
  if (r.main) {
    const a = r.main.audit;
    lines.push(
      mainRowsTable(r.main.rows),
      '',
      `- booking on the embedded store: ${fmt(a.confirmedBookings)} confirmed bookings over ${fmt(a.slots)} slots, ${fmt(a.overbookedSlots)} overbooked, ${fmt(a.unbalancedBooks)} carnets unbalanced.`,
    );
  }
  lines.push(...pgNote);
  if (r.cold) {
    lines.push(
      `- cold start (${quick ? 'first start, seeding the demo data' : 'restart on existing data'}, spawn to /readyz 200, language models warm, the V8 flags of npm start): ` +
        `${fmt(r.cold.restartToReadyMs)} ms (median of ${fmt(r.cold.rounds)} a run); a bare \`node -e "require('botbuilder'); require('restify')"\`: ${fmt(r.cold.bareRequireMs)} ms.`,
    );
  }
  if (r.memory) lines.push(`- ${memoryLine(r.memory)}`);
  if (r.store) lines.push(`- ${storeMemoryLine(r.store)}`);
  for (const m of r.micro ?? [])
    lines.push(`- ${m.name}: p50 ${fmt(m.p50, 3)} ms, p99 ${fmt(m.p99, 3)} ms over ${fmt(m.calls)} calls (${m.note}).`);
  if (r.understand) lines.push('', '## understand(), the development set (bench/understandCost.ts)', '', understandTable(r.understand));
  if (r.scaling) {
    lines.push(
      '',
      `## As data grows (menu and free text ${SCALE_SECONDS} s each; booking: ${bookingConversations('embedded')} whole conversations on the embedded store, ${bookingConversations('server')} on a server, run to their end; slots for ${SCALE_WEEKS} weeks; in brackets: against the smallest size on the same store)`,
      '',
      scalingTable(r.scaling),
    );
  }
  if (r.instances?.length) {
    lines.push(
      '',
      `## One and two instances on FerretDB on PostgreSQL (${CONNECTIONS} connections shared between the instances; menu ${SECONDS} s; booking: ${bookingConversations('server')} whole conversations in all, run to their end)`,
      '',
      instancesTable(r.instances),
    );
  }
  if (r.ablation)
    lines.push(
      '',
      '## Sequential ablation of a turn (bench/ablation.ts: one turn at a time, CPU of the server)',
      '',
      ablationTable(r.ablation),
    );
  if (sms) lines.push('', '## SMS segments (bench/smsSegments.ts)', '', sms);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  console.log(
    `${quick ? 'quick' : 'full'}, ${RUNS} run(s) of ${[...only].join(', ')} on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}`,
  );
  const results: RunResult[] = [];
  for (let run = 1; run <= RUNS; run += 1) {
    progress(`run ${run} of ${RUNS}`);
    results.push(await oneRun());
  }
  const merged = mergeRuns(results);
  // The segment table counts segments, not time: once is enough.
  const sms = only.has('sms') ? await smsSegments() : undefined;
  const markdown = report(merged, machine, sms);
  console.log(`\n${markdown}`);
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const name = quick ? 'quick' : 'latest';
  writeFileSync(join(dir, `${name}.md`), `${markdown}\n`);
  writeFileSync(
    join(dir, `${name}.json`),
    `${JSON.stringify({ at: new Date().toISOString(), quick, runs: RUNS, machine, connections: CONNECTIONS, seconds: SECONDS, results }, null, 2)}\n`,
  );
  progress(`written: bench/results/${name}.md and ${name}.json`);
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
