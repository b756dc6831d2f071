/** The embedded store's data folder lock: one process at a time on a folder. */
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataDirLockedError, openEmbeddedStores } from '../../src/store/embedded';
import type { Stores } from '../../src/store/repositories';
import * as f from './contract/fixtures';

const ROOT = path.join(__dirname, '..', '..', '..');
const EMBEDDED_MODULE = path.join(__dirname, '..', '..', 'src', 'store', 'embedded');

/**
 * A child that opens `dir`, prints "open" (or "locked <pid>"), then waits
 * for "go" on stdin when `gated`, and closes the store when stdin ends.
 */
function holder(dir: string, gated = false): ChildProcessWithoutNullStreams {
  const script = `
    const { openEmbeddedStores } = require(${JSON.stringify(EMBEDDED_MODULE)});
    const lines = [];
    let wake;
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (d) => { lines.push(d); if (wake) wake(); });
    const ended = new Promise((resolve) => process.stdin.on('end', resolve));
    (async () => {
      if (${gated}) {
        process.stdout.write('ready\\n');
        while (!lines.join('').includes('go')) await new Promise((resolve) => (wake = resolve));
      }
      let stores;
      try {
        stores = await openEmbeddedStores({ dataDir: ${JSON.stringify(dir)}, compactionIntervalMs: 0 });
        process.stdout.write('open\\n');
      } catch (err) {
        if (err.name !== 'DataDirLockedError') throw err;
        process.stdout.write('locked ' + err.pid + '\\n');
      }
      await ended;
      if (stores) await stores.close();
    })().catch((err) => { process.stderr.write(String(err) + '\\n'); process.exit(1); });
  `;
  return spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Resolves with the first stdout line matching `pattern`. */
function lineOf(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => pattern.test(l));
      if (line) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before ${pattern}: ${err}`)));
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** The PID of a process that has run and exited (reaped). */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', '']);
  assert.ok(result.pid);
  return result.pid;
}

function lockRecord(dir: string): { pid: number; token: string; startedAt: string } {
  return JSON.parse(readFileSync(path.join(dir, '.lock'), 'utf8'));
}

describe('embedded store: data folder lock', function () {
  this.timeout(60_000);
  let dir: string;
  const children: ChildProcessWithoutNullStreams[] = [];
  const opened: Stores[] = [];
  const open = async () => {
    const stores = await openEmbeddedStores({ dataDir: dir, compactionIntervalMs: 0 });
    opened.push(stores);
    return stores;
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pn-lock-'));
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited(child);
    }
    for (const stores of opened.splice(0)) await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('in this process', () => {
    it('holds a lock file with our PID while open, and removes it on close', async () => {
      const stores = await open();
      const record = lockRecord(dir);
      assert.equal(record.pid, process.pid);
      assert.ok(!Number.isNaN(Date.parse(record.startedAt)));
      await stores.close();
      assert.equal(existsSync(path.join(dir, '.lock')), false);
      await stores.close(); // idempotent
    });

    it('refuses a second store on the same folder while the first is open', async () => {
      const first = await open();
      await assert.rejects(open(), (err: unknown) => {
        assert.ok(err instanceof DataDirLockedError);
        assert.equal(err.pid, process.pid);
        assert.match(err.message, /already open in this process/);
        return true;
      });
      // The refused open left the first one's lock and data alone.
      assert.equal(lockRecord(dir).pid, process.pid);
      await first.beneficiaries.create(f.beneficiary());
      assert.equal(await first.beneficiaries.count(), 1);
    });

    it('opens the folder again after close, with the data', async () => {
      const first = await open();
      const ben = f.beneficiary();
      await first.beneficiaries.create(ben);
      await first.close();
      const again = await open();
      assert.deepEqual(await again.beneficiaries.get(ben.id), ben);
      await again.close();
      assert.equal(existsSync(path.join(dir, '.lock')), false);
    });

    it('takes no lock in memory', async () => {
      const a = await openEmbeddedStores({ inMemory: true });
      const b = await openEmbeddedStores({ inMemory: true });
      await a.close();
      await b.close();
    });

    it('does not remove a lock file that is no longer its own', async () => {
      const stores = await open();
      const foreign = { pid: deadPid(), token: 'someone-else', startedAt: new Date().toISOString() };
      writeFileSync(path.join(dir, '.lock'), JSON.stringify(foreign));
      await stores.close();
      assert.deepEqual(lockRecord(dir), foreign);
    });
  });

  describe('across processes', () => {
    it('refuses a folder held by a live process, naming its PID, and takes it over once it is killed', async () => {
      const child = holder(dir);
      children.push(child);
      await lineOf(child, /^open$/);
      assert.equal(lockRecord(dir).pid, child.pid);

      await assert.rejects(open(), (err: unknown) => {
        assert.ok(err instanceof DataDirLockedError);
        assert.equal(err.name, 'DataDirLockedError');
        assert.equal(err.pid, child.pid);
        assert.equal(
          err.message,
          `the data folder ${dir} is in use by process ${child.pid} (is the bot or seed:demo already running? stop it first)`,
        );
        return true;
      });

      child.kill('SIGKILL');
      await exited(child);
      const stores = await open();
      assert.equal(lockRecord(dir).pid, process.pid);
      await stores.close();
    });

    it('is free again once the holder closes (the child removes its lock on close)', async () => {
      const child = holder(dir);
      children.push(child);
      await lineOf(child, /^open$/);
      child.stdin.end();
      assert.equal(await exited(child), 0);
      assert.equal(existsSync(path.join(dir, '.lock')), false);
      await open();
    });

    it('takes over a stale lock whose process is gone', async () => {
      const pid = deadPid();
      writeFileSync(path.join(dir, '.lock'), JSON.stringify({ pid, startedAt: new Date().toISOString(), token: 'crashed' }));
      const stores = await open();
      const record = lockRecord(dir);
      assert.equal(record.pid, process.pid);
      assert.notEqual(record.token, 'crashed');
      await stores.close();
      assert.equal(existsSync(path.join(dir, '.lock')), false);
    });

    it('takes over a lock left with our own PID by a previous run (PID reused after a restart)', async () => {
      writeFileSync(path.join(dir, '.lock'), JSON.stringify({ pid: process.pid, startedAt: new Date(0).toISOString(), token: 'old-run' }));
      await open();
      assert.notEqual(lockRecord(dir).token, 'old-run');
    });

    it('takes over an empty lock file left by a crash', async () => {
      const file = path.join(dir, '.lock');
      writeFileSync(file, '');
      const old = new Date(Date.now() - 60_000);
      utimesSync(file, old, old);
      await open();
      assert.equal(lockRecord(dir).pid, process.pid);
    });

    it('waits for a lock file being written (still empty), then sees its owner', async () => {
      const owner = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
      children.push(owner);
      const file = path.join(dir, '.lock');
      writeFileSync(file, '');
      setTimeout(() => writeFileSync(file, JSON.stringify({ pid: owner.pid, startedAt: new Date().toISOString(), token: 'slow' })), 300);
      await assert.rejects(open(), (err: unknown) => err instanceof DataDirLockedError && err.pid === owner.pid);
    });

    it('leaves exactly one of several processes racing for the same stale lock', async function () {
      this.timeout(120_000);
      for (let round = 0; round < 3; round += 1) {
        writeFileSync(
          path.join(dir, '.lock'),
          JSON.stringify({ pid: deadPid(), startedAt: new Date().toISOString(), token: `stale-${round}` }),
        );
        const racers = Array.from({ length: 4 }, () => holder(dir, true));
        children.push(...racers);
        await Promise.all(racers.map((child) => lineOf(child, /^ready$/)));
        const outcomes = racers.map((child) => lineOf(child, /^(open|locked \S+)$/));
        for (const child of racers) child.stdin.write('go\n');
        const lines = await Promise.all(outcomes);
        const winners = racers.filter((_, i) => lines[i] === 'open');
        assert.equal(winners.length, 1, `round ${round}: ${lines.join(', ')}`);
        const winnerPid = winners[0].pid;
        assert.equal(lockRecord(dir).pid, winnerPid);
        for (const line of lines) if (line !== 'open') assert.equal(line, `locked ${winnerPid}`);
        for (const child of racers) child.stdin.end();
        for (const child of racers) assert.equal(await exited(child), 0);
        assert.equal(existsSync(path.join(dir, '.lock')), false);
        assert.deepEqual(
          ['.lock.takeover', '.lock.takeover.takeover'].filter((name) => existsSync(path.join(dir, name))),
          [],
        );
      }
    });
  });

  describe('start-up messages', () => {
    const env = (extra: Record<string, string>) => ({ ...process.env, MONGODB_URI: '', DATA_DIR: dir, ...extra });

    it('seed:demo prints one line and exits 1 while the folder is in use', async () => {
      await open();
      const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'cli', 'seedDemo.js')], {
        cwd: ROOT,
        env: env({}),
        encoding: 'utf8',
      });
      assert.equal(result.status, 1, result.stderr);
      assert.equal(
        result.stderr,
        `seed-demo failed: DataDirLockedError: the data folder ${dir} is in use by process ${process.pid} ` +
          '(is the bot or seed:demo already running? stop it first)\n',
      );
    });

    it('the bot prints one line and exits 1 while the folder is in use', async () => {
      await open();
      // As `npm start` runs it (restify's deprecation warning silenced).
      const args = [path.join(ROOT, 'dist', 'src', 'index.js')];
      const result = spawnSync(process.execPath, args, {
        cwd: ROOT,
        env: env({ PORT: '65000', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DEMO_DATA: 'off' }),
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(result.status, 1, result.stderr);
      assert.equal(
        result.stderr,
        `Fatal start-up error: DataDirLockedError: the data folder ${dir} is in use by process ${process.pid} ` +
          '(is the bot or seed:demo already running? stop it first)\n',
      );
    });
  });
});
