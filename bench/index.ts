/**
 * `npm run bench`: the assistant beside a bare Bot Framework echo bot, in
 * the same run on the same machine, so that ratios mean something on any
 * machine. Each bot runs in its own process (bench/echoBot.ts,
 * bench/appServer.ts), loaded by autocannon from this one over 127.0.0.1,
 * 20 connections, each scenario bounded in time or in turns.
 *
 *   npm run bench               full run (a few minutes)
 *   npm run bench -- --quick    the same, shortened: checks the benchmark runs (< 1 min)
 *
 * Writes bench/results/latest.json and latest.md. Asserts nothing about
 * timing: the targets (issue 9) are compared in the printed table.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { findFerretDbBinary, startFerretDb, type FerretDbServer } from '../test/support/ferretdb';
import { benchCarnet } from './benchIdentity';
import { bookingScenario } from './bookingScenario';
import { inParallel, load, type LoadResult, newConversation, once, repeating, say, type Conversation } from './load';
import { microBenchmarks, type MicroResult } from './micro';
import { median, timeBareRequire, timeToReady } from './startup';
import { smsSegments } from './smsSegments';

const quick = process.argv.includes('--quick');
const began = Date.now();
const progress = (what: string) => console.log(`[${((Date.now() - began) / 1000).toFixed(1)} s] ${what}`);
const CONNECTIONS = 20;
const SECONDS = quick ? 1 : 10;
/** Per store: FerretDB (SQLite, one writer) is an order of magnitude slower to seed and to prepare. */
interface Sizes {
  /** Conversations brought to the session prompt for the date turn. */
  dateConversations: number;
  /** Benchmark beneficiaries seeded: the date turn's, then one per booking conversation. */
  beneficiaries: number;
  weeks: number;
}
const EMBEDDED: Sizes = quick ? { dateConversations: 20, beneficiaries: 200, weeks: 1 } : { dateConversations: 600, beneficiaries: 4000, weeks: 12 };
const FERRETDB: Sizes = quick ? { dateConversations: 20, beneficiaries: 100, weeks: 1 } : { dateConversations: 100, beneficiaries: 400, weeks: 2 };
const RSS_CONVERSATIONS = quick ? 300 : 10_000;
const MENU = 'menu';
const FREE_TEXT = 'je cherche un lieu à Marvejols';
const DATE_TEXT = 'mardi prochain à 14h30';

interface Running {
  url: string;
  child: ChildProcess;
  request<T>(message: object, key: string): Promise<T>;
  stop(): Promise<void>;
}

/** Forks a bench server and waits for its port. */
async function start(script: string, env: Record<string, string> = {}): Promise<Running> {
  const child = fork(join(__dirname, script), [], {
    env: { ...process.env, ...env },
    execArgv: ['--disable-warning=DEP0111', '--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before listening`)));
    child.on('message', (message: { port?: number }) => message.port && resolve(message.port));
  });
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    request: <T>(message: object, key: string) =>
      new Promise<T>((resolve) => {
        const listener = (answer: Record<string, unknown>) => {
          if (!(key in answer)) return;
          child.off('message', listener);
          resolve(answer[key] as T);
        };
        child.on('message', listener);
        child.send(message);
      }),
    stop: async () => {
      child.disconnect();
      await exit;
    },
  };
}

async function conversations(url: string, count: number, opening: string[]): Promise<Conversation[]> {
  const made = Array.from({ length: count }, () => newConversation());
  await inParallel(made, CONNECTIONS, async (conversation) => {
    for (const text of opening) await say(url, conversation, text);
  });
  return made;
}

interface Row {
  bot: string;
  scenario: string;
  result: LoadResult;
  ratio?: number;
  note?: string;
}

/** Conversations identified and standing at the session prompt (theme "1", place "1"). */
async function atSessionPrompt(url: string, count: number, firstCarnet: number): Promise<Conversation[]> {
  const made = Array.from({ length: count }, (_, i) => newConversation({ carnet: benchCarnet(firstCarnet + i) }));
  const ready: Conversation[] = [];
  await inParallel(made, CONNECTIONS, async (conversation) => {
    let reply = '';
    for (const text of ['bonjour', '5', String(conversation.data!.carnet), '01/01/1950']) reply = await say(url, conversation, text);
    for (let i = 0; i < 3 && !/Quel moment vous convient/.test(reply); i += 1) reply = await say(url, conversation, '1');
    if (/Quel moment vous convient/.test(reply)) ready.push(conversation);
  });
  return ready;
}

async function assistantRows(name: string, url: string, bot: Running, echo: Record<string, LoadResult>, sizes: Sizes): Promise<{ rows: Row[]; audit: Audit }> {
  const rows: Row[] = [];
  const menuPool = await conversations(url, CONNECTIONS * 2, ['bonjour']);
  const menu = await load(url, repeating(menuPool, MENU), { connections: CONNECTIONS, seconds: SECONDS });
  rows.push({ bot: name, scenario: 'menu turn', result: menu, ratio: menu.turnsPerSecond / echo.menu!.turnsPerSecond });

  const freePool = await conversations(url, CONNECTIONS * 2, ['bonjour']);
  const free = await load(url, repeating(freePool, FREE_TEXT), { connections: CONNECTIONS, seconds: SECONDS });
  rows.push({ bot: name, scenario: 'free-text turn', result: free, ratio: free.turnsPerSecond / echo.free!.turnsPerSecond });

  // The date turn takes the last beneficiaries; the booking load takes the first ones.
  progress(`${name}: preparing ${sizes.dateConversations} conversations at the session prompt…`);
  const prepared = await atSessionPrompt(url, sizes.dateConversations, sizes.beneficiaries - sizes.dateConversations);
  const date = await load(url, once(prepared, DATE_TEXT), { connections: CONNECTIONS, amount: prepared.length });
  rows.push({ bot: name, scenario: 'date turn', result: date, ratio: date.turnsPerSecond / echo.date!.turnsPerSecond, note: `${prepared.length} conversations at the session prompt` });

  const carnets = Array.from({ length: sizes.beneficiaries - sizes.dateConversations }, (_, i) => benchCarnet(i));
  progress(`${name}: booking…`);
  const booking = bookingScenario(carnets, CONNECTIONS);
  // A booking is eight turns: --quick still needs a few seconds to complete some.
  const booked = await load(url, booking, { connections: CONNECTIONS, seconds: Math.max(SECONDS, 3) });
  const audit = await bot.request<Audit>({ check: true }, 'audit');
  rows.push({
    bot: name,
    scenario: 'booking',
    result: booked,
    ratio: booked.turnsPerSecond / echo.menu!.turnsPerSecond,
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

interface Memory {
  rss: number;
  heapUsed: number;
}

interface MemoryAfter {
  /** Right after the load (and a full GC). */
  loaded: Memory;
  /** Once RSS stops falling (V8 gives back the heap it grew during the burst when idle), at most SETTLE_MS later. */
  settled: Memory;
  settledAfterMs: number;
}

const SETTLE_MS = quick ? 5_000 : 60_000;
const SETTLE_STEP_MS = 5_000;

async function memoryAfter(bot: Running, url: string, count: number): Promise<MemoryAfter> {
  const pool: Conversation[] = Array.from({ length: count }, () => newConversation());
  await load(url, once(pool, 'bonjour'), { connections: CONNECTIONS, amount: count });
  const loaded = await bot.request<Memory>({ rss: true }, 'rss');
  // V8's memory reducer starts after a few seconds idle: wait at least 15 s, then until two readings agree.
  let settled = loaded;
  let waited = 0;
  let steady = 0;
  while (waited < SETTLE_MS && (waited < 15_000 || steady < 1)) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_STEP_MS));
    waited += SETTLE_STEP_MS;
    const now = await bot.request<Memory>({ rss: true }, 'rss');
    steady = now.rss < settled.rss * 0.98 ? 0 : steady + 1;
    settled = now;
  }
  return { loaded, settled, settledAfterMs: waited };
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

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function table(rows: Row[]): string {
  const lines = [
    '| bot | scenario | turns/s | p50 ms | p99 ms | × echo turns/s | errors | note |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const { bot, scenario, result, ratio, note } of rows) {
    lines.push(`| ${bot} | ${scenario} | ${fmt(result.turnsPerSecond)} | ${fmt(result.p50, 1)} | ${fmt(result.p99, 1)} | ${ratio === undefined ? '1' : `${fmt(ratio * 100)} %`} | ${result.errors} | ${note ?? ''} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
  console.log(`${quick ? 'quick run' : 'full run'} on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}`);
  const rows: Row[] = [];

  // The reference, on the same texts.
  const echo = await start('echoBot.js');
  const echoResults: Record<string, LoadResult> = {};
  for (const [key, text, label] of [['menu', MENU, 'menu turn'], ['free', FREE_TEXT, 'free-text turn'], ['date', DATE_TEXT, 'date turn']] as const) {
    const pool = Array.from({ length: CONNECTIONS * 2 }, () => newConversation());
    echoResults[key] = await load(echo.url, repeating(pool, text), { connections: CONNECTIONS, seconds: SECONDS });
    rows.push({ bot: 'echo bot', scenario: label, result: echoResults[key]! });
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
  const memory = await memoryAfter(embedded, embedded.url, RSS_CONVERSATIONS);
  await embedded.stop();

  let ferret: FerretDbServer | undefined;
  let ferretNote: string | undefined;
  const binary = findFerretDbBinary();
  if ('problem' in binary) ferretNote = `FerretDB skipped: ${binary.problem}`;
  else {
    progress(`assistant, FerretDB ${binary.version}…`);
    ferret = await startFerretDb(binary);
    try {
      const onFerret = await start('appServer.js', { ...env(FERRETDB), BENCH_MONGODB_URI: `${ferret.baseUri}passbench` });
      const ferretRun = await assistantRows(`assistant, FerretDB ${binary.version}`, onFerret.url, onFerret, echoResults, FERRETDB);
      rows.push(...ferretRun.rows);
      audits.ferretdb = ferretRun.audit;
      await onFerret.stop();
    } finally {
      await ferret.stop();
    }
  }

  progress('cold start…');
  const cold = await coldStart(quick ? 1 : 5);
  progress('micro-benchmarks…');
  const micro = microBenchmarks(quick);

  const markdown = `${report(rows, machine, cold, memory, micro, audits, ferretNote)}\n\n${await smsSegments()}`;
  console.log(`\n${markdown}`);
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const name = quick ? 'quick' : 'latest';
  writeFileSync(join(dir, `${name}.md`), `${markdown}\n`);
  writeFileSync(
    join(dir, `${name}.json`),
    `${JSON.stringify({ at: new Date().toISOString(), quick, machine, connections: CONNECTIONS, seconds: SECONDS, rows, audits, coldStart: cold, rssAfterConversations: {
        conversations: RSS_CONVERSATIONS,
        rssMb: memory.loaded.rss / 2 ** 20,
        heapUsedMb: memory.loaded.heapUsed / 2 ** 20,
        settledRssMb: memory.settled.rss / 2 ** 20,
        settledHeapUsedMb: memory.settled.heapUsed / 2 ** 20,
        settledAfterMs: memory.settledAfterMs,
      }, micro, ferretNote }, null, 2)}\n`,
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
    `- memory (embedded store, after a full GC): RSS ${fmt(memory.loaded.rss / 2 ** 20)} MB (heap used ${fmt(memory.loaded.heapUsed / 2 ** 20)} MB) right after ${RSS_CONVERSATIONS} distinct conversations; ` +
      `${fmt(memory.settled.rss / 2 ** 20)} MB (heap used ${fmt(memory.settled.heapUsed / 2 ** 20)} MB) ${memory.settledAfterMs / 1000} s later, idle (V8 returns the heap it grew during the burst).`,
    ...micro.map((m) => `- ${m.name}: p50 ${fmt(m.p50, 3)} ms, p99 ${fmt(m.p99, 3)} ms over ${m.calls} calls (${m.note}).`),
  ];
  return lines.join('\n');
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
