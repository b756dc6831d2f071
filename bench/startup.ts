/**
 * Start-up benchmark: time from spawning `node dist/src/index.js` to the
 * first 200 on /readyz, on a fresh data folder (first start: seeds the demo
 * data) and on an existing one (restart). Also times a bare
 * `node -e "require('botbuilder')"` in the same run, as a reference for
 * how loaded the machine is: report the ratio, not only seconds.
 *
 *   npm run bench:startup            (5 rounds)
 *   npm run bench:startup -- 9       (9 rounds)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, readyWithin, runBot } from '../test/support/botProcess';
import { median } from './spread';

const LIMIT_MS = 60_000;

export async function timeToReady(dataDir: string): Promise<number> {
  const port = await freePort();
  const bot = runBot({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const started = Date.now();
  const ready = await readyWithin(`http://127.0.0.1:${port}`, LIMIT_MS);
  const elapsed = Date.now() - started;
  bot.child.kill('SIGTERM');
  await bot.exit;
  if (ready === undefined) throw new Error(`not ready within ${LIMIT_MS} ms:\n${bot.output()}`);
  return elapsed;
}

export function timeBareRequire(): number {
  const started = Date.now();
  spawnSync(process.execPath, ['-e', "require('botbuilder'); require('restify')"], { stdio: 'ignore' });
  return Date.now() - started;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  const first: number[] = [];
  const restart: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'pass-bench-'));
    try {
      bare.push(timeBareRequire());
      first.push(await timeToReady(dir));
      restart.push(await timeToReady(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const reference = median(bare);
  console.log(`start-up to /readyz 200, median of ${rounds} (ms):`);
  console.log(
    `  first start (seeds demo data): ${median(first)}  (${(median(first) / reference).toFixed(1)}× a bare require of botbuilder+restify)`,
  );
  console.log(`  restart (data present):        ${median(restart)}  (${(median(restart) / reference).toFixed(1)}×)`);
  console.log(`  reference, node + require(botbuilder, restify): ${reference}`);
  console.log(`  all first starts: ${first.join(', ')}; all restarts: ${restart.join(', ')}`);
}

// bench/index.ts reuses the helpers above: run only as a script.
if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
