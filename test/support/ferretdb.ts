/**
 * Starts a throw-away FerretDB (SQLite backend) for tests: the MongoDB wire
 * protocol on a free 127.0.0.1 port, data in a temp folder removed on stop.
 *
 * Binary: env FERRETDB_BIN when set, else .ferretdb/bin/ferretdb in the
 * project (built by .ci/install-ferretdb.sh), else `ferretdb` on PATH. A candidate counts only
 * if `--version` works: `go install` builds one that panics at start.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface FerretDbServer {
  /** mongodb://127.0.0.1:PORT/ (append a database name). */
  readonly baseUri: string;
  readonly port: number;
  /** e.g. "v1.24.2". */
  readonly version: string;
  /** Stops the server (SIGKILL) and removes its data folder. */
  stop(): Promise<void>;
  /** Kills the server (SIGKILL) and keeps its data: the database is down. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data after kill(); resolves when it accepts connections. */
  restart(): Promise<void>;
}

export type FerretDbBinary = { path: string; version: string } | { problem: string };

/** Project root: this file runs from dist/test/support or test/support. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function probe(bin: string): { version?: string; problem?: string } {
  const result = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (result.error) return { problem: `${bin}: ${(result.error as NodeJS.ErrnoException).code ?? result.error.message}` };
  if (result.status !== 0) {
    const firstLine = `${result.stderr}${result.stdout}`.trim().split('\n')[0];
    return { problem: `${bin} --version failed: ${firstLine}` };
  }
  const version = /version:\s*(\S+)/.exec(result.stdout)?.[1] ?? 'unknown';
  return { version };
}

/** The first working FerretDB binary, or why none was found. */
export function findFerretDbBinary(): FerretDbBinary {
  // An explicit FERRETDB_BIN is the only candidate: a wrong one must show.
  const candidates = process.env.FERRETDB_BIN
    ? [process.env.FERRETDB_BIN]
    : [path.join(projectRoot(), '.ferretdb', 'bin', 'ferretdb'), 'ferretdb'];
  const problems: string[] = [];
  for (const candidate of candidates) {
    if (candidate.includes('/') && !existsSync(candidate)) {
      problems.push(`${candidate}: not found`);
      continue;
    }
    const { version, problem } = probe(candidate);
    if (version) return { path: candidate, version };
    problems.push(problem ?? `${candidate}: unusable`);
  }
  return { problem: `no working FerretDB binary (${problems.join('; ')}); run .ci/install-ferretdb.sh` };
}

/** True when a missing FerretDB must fail the run instead of being skipped. */
export function ferretDbRequired(): boolean {
  return !!process.env.CI || process.env.REQUIRE_FERRETDB === '1';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts FerretDB and waits until it accepts connections (throws otherwise). */
export async function startFerretDb(binary?: { path: string; version: string }): Promise<FerretDbServer> {
  const found = binary ?? findFerretDbBinary();
  if ('problem' in found) throw new Error(found.problem);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ferretdb-'));
  const port = await freePort();
  let child!: ChildProcess;
  let stderr = '';
  let exited = false;
  const launch = () => {
    child = spawn(
      found.path,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${dataDir}/`,
        `--state-dir=${dataDir}`,
        `--listen-addr=127.0.0.1:${port}`,
        '--debug-addr=-',
        '--telemetry=disable',
        '--log-level=error',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    exited = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.once('exit', () => {
      exited = true;
    });
  };

  const kill = async () => {
    if (!exited) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    }
  };
  const stop = async () => {
    await kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const accepting = async () => {
    const deadline = Date.now() + 15_000;
    while (!(await accepts(port))) {
      if (exited || Date.now() > deadline) {
        await stop();
        throw new Error(`FerretDB did not start on port ${port}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
      }
      await sleep(50);
    }
  };
  const restart = async () => {
    await kill();
    launch();
    await accepting();
  };

  launch();
  await accepting();
  return { baseUri: `mongodb://127.0.0.1:${port}/`, port, version: found.version, stop, kill, restart };
}

/**
 * For a `before` hook: starts FerretDB, or — when it cannot run — fails
 * loudly where it is required (CI, REQUIRE_FERRETDB=1) and otherwise says
 * why and skips the suite.
 */
export async function startFerretDbOrSkip(context: Mocha.Context): Promise<FerretDbServer> {
  try {
    const binary = findFerretDbBinary();
    if ('problem' in binary) throw new Error(binary.problem);
    return await startFerretDb(binary);
  } catch (error) {
    const problem = (error as Error).message;
    if (ferretDbRequired()) throw new Error(`FerretDB REQUIRED (CI or REQUIRE_FERRETDB=1) but unavailable: ${problem}`, { cause: error });
    console.log(`      FerretDB skipped: ${problem}`);
    context.skip();
  }
}

/**
 * In a describe(): a FerretDB started before its tests (skipped with the
 * reason when the binary is absent and not required) and stopped after;
 * the getter gives the server to the tests and suites defined inside.
 */
export function withFerretDb(): () => FerretDbServer {
  let ferret: FerretDbServer | undefined;
  before(async function () {
    this.timeout(30_000);
    ferret = await startFerretDbOrSkip(this);
  });
  after(async () => ferret?.stop());
  return () => ferret!;
}

/**
 * FerretDB on PostgreSQL, the MongoDB-compatible server here that isolates
 * writes across processes (several instances may share it), started around
 * a command by .ci/ferretdb-postgres.sh, which gives its base URI in
 * FERRETDB_PG_URI. Required in CI (and with REQUIRE_FERRETDB_PG=1).
 */
export const FERRETDB_PG_HOWTO = 'run the tests under `bash .ci/ferretdb-postgres.sh …` (.ci/run does)';

export function ferretDbOnPostgresRequired(): boolean {
  return !!process.env.CI || process.env.REQUIRE_FERRETDB_PG === '1';
}

/** For a `before` hook: the base URI (mongodb://127.0.0.1:PORT/), or skip with the reason (fail where required). */
export function ferretDbOnPostgresOrSkip(context: Mocha.Context): string {
  const uri = process.env.FERRETDB_PG_URI;
  if (uri) return uri;
  if (ferretDbOnPostgresRequired())
    throw new Error(`FerretDB on PostgreSQL REQUIRED (CI or REQUIRE_FERRETDB_PG=1) but FERRETDB_PG_URI is not set: ${FERRETDB_PG_HOWTO}`);
  console.log(`      FerretDB on PostgreSQL skipped: FERRETDB_PG_URI is not set (${FERRETDB_PG_HOWTO})`);
  context.skip();
}
