/**
 * Runs the bot as an operator does — `node dist/src/index.js` in a child
 * process — for process-level tests and the start-up benchmark.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ENTRY = join(__dirname, '..', '..', 'src', 'index.js');

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

export function runBot(env: Record<string, string>): BotProcess {
  let output = '';
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', ENTRY], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
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
