/**
 * CPU profile of the bench's app server under one load scenario: where a
 * turn's CPU goes, by self time, which the shared machine's noise moves far
 * less than wall time.
 *
 *   npm run bench:profile -- menu            (menu | free | date | booking; 10 s, 20 connections)
 *   npm run bench:profile -- booking --seconds=20 --connections=1 --top=40
 *
 * Forks bench/appServer.ts with `--cpu-prof`, prepares the conversations
 * first (outside the measured part only in time: the profile covers the
 * whole process, so the summary counts only samples taken during the load),
 * then prints self time by package / source folder and by function, per
 * turn. The .cpuprofile stays in bench/results/profiles/ for Chrome DevTools.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchVoucherBookNumber } from './benchIdentity';
import { bookingScenario } from './bookingScenario';
import { load, once, repeating, type Scenario } from './load';
import { atSlotPrompt, conversations, start } from './servers';
import { runMain } from './runMain';

const option = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const scenarioName = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'menu';
const SECONDS = option('seconds', 10);
const CONNECTIONS = option('connections', 20);
const TOP = option('top', 30);
const PEOPLE = 4000;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: a package, a folder of ours, Node itself, or V8's pseudo-frames. */
export function area(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /dist\/((?:src|dialogs|bench)\/.+)$/.exec(url);
  return ours ? ours[1].replace(/\.js$/, '') : url;
}

export interface SelfTime {
  byArea: Map<string, number>;
  byFunction: Map<string, number>;
  /** Time with the function anywhere on the stack (each function once a sample). */
  inclusive: Map<string, number>;
  /** Each sample charged to the innermost function of ours on its stack, with the library it was in: who asked for that time. */
  byOurCaller: Map<string, number>;
  totalMs: number;
}

/** Self time (ms) of the samples taken between `fromUs` and `toUs` (profile clock). */
export function selfTime(profile: CpuProfile, fromUs: number, toUs: number): SelfTime {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
  const label = ({ callFrame }: ProfileNode) => {
    const where = area(callFrame.url, callFrame.functionName);
    return `${callFrame.functionName || '(anonymous)'} ${where}${callFrame.url && !callFrame.url.startsWith('node:') ? `:${callFrame.lineNumber + 1}` : ''}`;
  };
  const inclusive = new Map<string, number>();
  const byOurCaller = new Map<string, number>();
  const ours = (node: ProfileNode) => /dist\/(src|dialogs)\//.test(node.callFrame.url);
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let at = profile.startTime;
  let totalMs = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    at += profile.timeDeltas[i];
    if (at < fromUs || at > toUs) continue;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const { callFrame } = nodes.get(profile.samples[i])!;
    if (callFrame.functionName === '(idle)') continue;
    const where = area(callFrame.url, callFrame.functionName);
    const name = label(nodes.get(profile.samples[i])!);
    byArea.set(where, (byArea.get(where) ?? 0) + ms);
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    const onStack = new Set<string>();
    let caller: string | undefined;
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parents.get(id)) {
      const node = nodes.get(id)!;
      onStack.add(label(node));
      if (caller === undefined && ours(node)) caller = label(node);
    }
    const charged = `${caller ?? '(no code of ours)'} → ${where}`;
    byOurCaller.set(charged, (byOurCaller.get(charged) ?? 0) + ms);
    for (const name of onStack) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    totalMs += ms;
  }
  return { byArea, byFunction, inclusive, byOurCaller, totalMs };
}

function scenarioFor(url: string): Promise<Scenario> {
  switch (scenarioName) {
    case 'menu':
      return conversations(url, CONNECTIONS * 2, ['bonjour'], 20).then((pool) => repeating(pool, 'menu'));
    case 'free':
      return conversations(url, CONNECTIONS * 2, ['bonjour'], 20).then((pool) => repeating(pool, 'je cherche un lieu à Marvejols'));
    case 'date':
      return atSlotPrompt(url, 600, PEOPLE - 600, 20).then((pool) => once(pool, 'mardi prochain à 14h30'));
    case 'booking':
      return Promise.resolve(
        bookingScenario(
          Array.from({ length: PEOPLE - 600 }, (_, i) => benchVoucherBookNumber(i)),
          CONNECTIONS,
        ),
      );
    default:
      throw new Error(`unknown scenario ${scenarioName} (menu, free, date, booking)`);
  }
}

async function main(): Promise<void> {
  const dir = join(__dirname, '..', '..', 'bench', 'results', 'profiles');
  mkdirSync(dir, { recursive: true });
  const before = new Set(readdirSync(dir));
  const bot = await start('appServer.js', { BENCH_BENEFICIARIES: String(PEOPLE), BENCH_WEEKS: '12' }, [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
  ]);
  const scenario = await scenarioFor(bot.url);
  // The profile's clock is the process's monotonic clock in µs: ask the server for it around the load.
  const from = await bot.request<number>({ hrtime: true }, 'hrtime');
  const result = await load(bot.url, scenario, {
    connections: CONNECTIONS,
    ...(scenarioName === 'date' ? { amount: 600 } : { seconds: SECONDS }),
  });
  const to = await bot.request<number>({ hrtime: true }, 'hrtime');
  await bot.stop();
  const file = readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no profile written');
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const self = selfTime(profile, from, to);
  const perTurn = (ms: number) => ((ms / result.turns) * 1000).toFixed(0);
  const tally = 'tally' in scenario ? (scenario as ReturnType<typeof bookingScenario>).tally : undefined;
  const booked = tally
    ? `; ${tally.completed} bookings completed, ${tally.failed} not${tally.firstFailure ? ` (first: « ${tally.firstFailure.split('\n')[0]} »)` : ''}`
    : '';
  console.log(
    `${scenarioName}: ${result.turns} turns, ${result.turnsPerSecond.toFixed(0)}/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors${booked}`,
  );
  console.log(
    `CPU in the server during the load: ${self.totalMs.toFixed(0)} ms = ${perTurn(self.totalMs)} µs a turn (profile: bench/results/profiles/${file})\n`,
  );
  const print = (title: string, entries: Map<string, number>, top: number) => {
    console.log(`| ${title} | self ms | µs / turn | share |\n| --- | ---: | ---: | ---: |`);
    for (const [name, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`| ${name} | ${ms.toFixed(0)} | ${perTurn(ms)} | ${((ms / self.totalMs) * 100).toFixed(1)} % |`);
    }
    console.log('');
  };
  print('where', self.byArea, 25);
  print('function', self.byFunction, TOP);
  // Inclusive: only our code and the frameworks' entry points, where an ablation would cut.
  const ours = new Map([...self.inclusive].filter(([name]) => / (src|dialogs)\/|botbuilder|nedb/.test(name)));
  print('inclusive (function and what it calls, synchronous part)', ours, TOP);
  print('our innermost function → where the time went', self.byOurCaller, TOP);
}

if (require.main === module) runMain(main);
