/**
 * Runs the bot as an operator does — `node dist/src/index.js` in a child
 * process — for process-level tests and the start-up benchmark.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { V8_FLAGS } from '../../src/v8Tuning';
import { testNow } from './clock';

const ENTRY = join(__dirname, '..', '..', 'src', 'index.js');
/*
 * Bot processes live on the suite's own clock (testNow), not on a second
 * test clock: a clock made here started when this module loaded, later
 * than the suite's in a full run, so a booking the test wrote « now » was
 * in the future for a restarted bot, which then did not settle it.
 */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface BotProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  exit: Promise<number | null>;
}

/** Starts the bot; outside production it lives on the tests' day (CLOCK_START), production refuses a moved clock. */
export function runBot(env: Record<string, string>): BotProcess {
  let output = '';
  const day = env.NODE_ENV === 'production' ? {} : { CLOCK_START: testNow().toISOString() };
  // As npm start runs it, V8 flags included.
  const child = spawn(process.execPath, [...V8_FLAGS, ENTRY], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...day, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

/** Milliseconds until /readyz answers 200, or undefined after `ms`. */
export async function readyWithin(url: string, ms: number): Promise<number | undefined> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}
