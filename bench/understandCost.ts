/**
 * What understand() (src/nlu/understand.ts) costs a call, now that every
 * message goes through it: the shared development set
 * (/work/shared/nlu/dev.tsv, or the file given) read in a loop, with no
 * expectation, expecting a commune, and expecting a moment with five
 * options offered — the three kinds of prompt. Timed per call, the first
 * time each sentence is seen and again, and profiled in-process (self
 * time by function), so that the hot spot is named, not guessed.
 *
 *   npm run bench:understand                     (/work/shared/nlu/dev.tsv)
 *   npm run bench:understand -- path/to/set.tsv --rounds=20
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadProgrammes } from '../src/data/programmes';
import { type UnderstandContext, understand } from '../src/nlu/understand';
import { warmLanguageModels } from '../src/nlu/warmup';
import { selfTime } from './profile';
import { runMain } from './runMain';

const file = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '/work/shared/nlu/dev.tsv';
const ROUNDS = Number(process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 10);

export interface UnderstandCost {
  prompt: string;
  /** First sight: each sentence new to the process (its normalised forms not yet remembered). */
  first: Timing;
  /** The same sentences again, ROUNDS times. */
  again: Timing;
  /** CPU time of the first pass, per call (less disturbed by other jobs than wall time). */
  firstCpuUs: number;
}

export interface Timing {
  calls: number;
  p50Us: number;
  p90Us: number;
  maxUs: number;
}

function timing(us: number[]): Timing {
  const sorted = [...us].sort((a, b) => a - b);
  return {
    calls: us.length,
    p50Us: sorted[Math.floor(us.length / 2)],
    p90Us: sorted[Math.floor(us.length * 0.9)],
    maxUs: sorted[us.length - 1],
  };
}

/** The sentences of a TSV whose header is « intent<TAB>text ». */
export function readSentences(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[1]?.trim())
    .filter((text): text is string => !!text);
}

export function contexts(now: Date): Record<string, UnderstandContext> {
  const programmes = loadProgrammes();
  const slots = ['jeu. 3 déc. 9h', 'ven. 4 déc. 10h', 'lun. 7 déc. 14h', 'Voir d’autres dates', 'Un autre lieu'];
  return {
    'no expectation (menu)': { now, programmes },
    'expecting a commune': { now, programmes, expecting: 'commune' },
    'expecting a moment, five options': { now, programmes, programmeId: programmes[0]?.id, expecting: 'when', choices: slots },
  };
}

/**
 * Each prompt's first pass meets every sentence for the first time (a
 * trailing space per prompt keeps another prompt's pass from having
 * remembered it); the later rounds time the same sentences again.
 * Percentiles, not means: another job's burst spoils a few calls on a
 * shared machine.
 */
export function measureUnderstand(sentences: string[], rounds: number): UnderstandCost[] {
  const now = new Date('2026-12-02T09:00:00Z');
  const time = (text: string, context: UnderstandContext) => {
    const started = process.hrtime.bigint();
    understand(text, context);
    return Number(process.hrtime.bigint() - started) / 1000;
  };
  return Object.entries(contexts(now)).map(([prompt, context], i) => {
    const own = sentences.map((text) => `${text}${' '.repeat(i + 1)}`);
    const cpu = process.cpuUsage();
    const first = own.map((text) => time(text, context));
    const { user, system } = process.cpuUsage(cpu);
    const again: number[] = [];
    for (let round = 0; round < rounds; round += 1) for (const text of own) again.push(time(text, context));
    return { prompt, first: timing(first), again: timing(again), firstCpuUs: (user + system) / own.length };
  });
}

export function understandTable(costs: UnderstandCost[]): string {
  const lines = [
    '| understand() at a prompt | first sight: CPU µs a call | p50 µs | p90 µs | max µs | again: p50 µs | p90 µs | calls |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const c of costs) {
    lines.push(
      `| ${c.prompt} | ${c.firstCpuUs.toFixed(0)} | ${c.first.p50Us.toFixed(0)} | ${c.first.p90Us.toFixed(0)} | ${c.first.maxUs.toFixed(0)} | ${c.again.p50Us.toFixed(0)} | ${c.again.p90Us.toFixed(0)} | ${c.first.calls + c.again.calls} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  await warmLanguageModels();
  // Warm the code, not the sentences: a few sentences of another kind.
  for (let i = 0; i < 200; i += 1)
    for (const text of ['bonjour', 'je cherche un lieu à Crest', 'mardi 14h', '2', 'oui'])
      understand(`${text}${i}`, { now: new Date(), programmes: loadProgrammes() });
  const sentences = readSentences(file);
  console.log(`${sentences.length} sentences from ${file}, ${ROUNDS} rounds\n`);
  console.log(understandTable(measureUnderstand(sentences, ROUNDS)));
  // Where the time goes: the same loop under the inspector's CPU profiler.
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const from = Number(process.hrtime.bigint() / 1000n);
  // First sight only, which is what a new message costs: each pass with its own trailing spaces.
  const now = new Date('2026-12-02T09:00:00Z');
  for (let pass = 0; pass < ROUNDS; pass += 1) {
    for (const context of Object.values(contexts(now)))
      for (const text of sentences) understand(`${text}${' '.repeat(10 + pass)}`, context);
  }
  const to = Number(process.hrtime.bigint() / 1000n);
  const { profile } = await session.post('Profiler.stop');
  const self = selfTime(profile as unknown as Parameters<typeof selfTime>[0], from, to);
  const calls = ROUNDS * Object.keys(contexts(now)).length * sentences.length;
  console.log(
    `\nProfiled: ${calls} calls on first sight, ${self.totalMs.toFixed(0)} ms of CPU samples = ${((self.totalMs / calls) * 1000).toFixed(0)} µs a call.`,
  );
  console.log('\n| function (self time) | ms | share |\n| --- | ---: | ---: |');
  for (const [name, ms] of [...self.byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`| ${name} | ${ms.toFixed(0)} | ${((ms / self.totalMs) * 100).toFixed(1)} % |`);
  }
  console.log('\n| our innermost function → where | ms | share |\n| --- | ---: | ---: |');
  for (const [name, ms] of [...self.byOurCaller].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`| ${name} | ${ms.toFixed(0)} | ${((ms / self.totalMs) * 100).toFixed(1)} % |`);
  }
}

if (require.main === module) runMain(main);
