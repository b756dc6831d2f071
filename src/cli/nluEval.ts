/**
 * `npm run nlu:eval`: accuracy per intent and overall on the shared
 * development set (../shared/nlu/dev.tsv, when that folder is there) and on
 * the project's held-out test set (test/nlu/test.tsv), with the confusions.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { alsoInTraining, type Evaluation, evaluate, readLabelledSet } from '../nlu/evaluation';
import { createIntentRecognizer, type IntentRecognizer } from '../nlu/intentModel';

const ROOT = join(__dirname, '..', '..', '..');

/** shared/nlu/dev.tsv in the nearest folder above the checkout (a worktree sits deeper than the main checkout). */
function sharedDevSet(): string {
  const relative = join('shared', 'nlu', 'dev.tsv');
  for (let dir = dirname(ROOT); ; dir = dirname(dir)) {
    if (existsSync(join(dir, relative))) return join(dir, relative);
    if (dirname(dir) === dir) return join(dirname(ROOT), relative);
  }
}

const SETS = [
  { name: 'development set (../shared/nlu/dev.tsv)', file: sharedDevSet() },
  { name: 'held-out test set (test/nlu/test.tsv)', file: join(ROOT, 'test', 'nlu', 'test.tsv') },
];

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function print(name: string, result: Evaluation): void {
  console.log(`\n${name}: ${percent(result.accuracy)} (${result.correct}/${result.total})`);
  for (const [intent, row] of Object.entries(result.perIntent)) {
    console.log(`  ${intent.padEnd(15)} ${percent(row.accuracy).padStart(6)}  (${row.correct}/${row.total})`);
  }
  if (result.confusions.length === 0) {
    console.log('  no confusion');
    return;
  }
  console.log('  confusions (expected → predicted):');
  for (const c of result.confusions) {
    console.log(`    ${c.expected} → ${c.predicted}: ${c.count}  e.g. "${c.examples.slice(0, 3).join('", "')}"`);
  }
}

function timePerCall(recognizer: IntentRecognizer, texts: string[]): number {
  const rounds = 20;
  const started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r += 1) for (const text of texts) recognizer.classify(text);
  return Number(process.hrtime.bigint() - started) / 1e6 / (rounds * texts.length);
}

async function main(): Promise<void> {
  const recognizer = await createIntentRecognizer();
  const { stats } = recognizer;
  console.log(
    `model: ${stats.phrases} training phrases, ${stats.features} features, trained in ${stats.ms.toFixed(0)} ms (${stats.iterations} iterations)`,
  );
  const all: string[] = [];
  for (const set of SETS) {
    if (!existsSync(set.file)) {
      console.log(`\n${set.name}: not found (${set.file}), skipped`);
      continue;
    }
    const phrases = readLabelledSet(set.file);
    all.push(...phrases.map((p) => p.text));
    print(set.name, evaluate(recognizer, phrases));
    const copies = alsoInTraining(phrases);
    if (copies.length > 0) {
      const unseen = phrases.filter((p) => !copies.includes(p));
      const result = evaluate(recognizer, unseen);
      console.log(`  ${copies.length} of these are also training phrases (${copies.map((c) => `"${c.text}"`).join(', ')});`);
      console.log(`  on the ${unseen.length} others: ${percent(result.accuracy)} (${result.correct}/${result.total})`);
    }
  }
  if (all.length > 0) console.log(`\nintent only: ${(timePerCall(recognizer, all) * 1000).toFixed(0)} µs a message on average`);
}

main().catch((error) => {
  process.stderr.write(`nlu:eval: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
