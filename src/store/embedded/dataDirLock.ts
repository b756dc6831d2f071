/**
 * One process at a time on a data folder. Two NeDB processes appending to
 * the same datafiles never see each other's writes and overwrite each other
 * at compaction, so the embedded store takes `DATA_DIR/.lock` before it
 * reads or repairs anything.
 *
 * The lock file is created atomically ('wx') and holds the owner's PID, its
 * start time and a random token. An existing file is:
 * - live when its PID runs (EPERM counts as running) and, on Linux, is the
 *   same process that wrote it (its start time in /proc matches, so a PID
 *   reused by another program does not block us): the open is refused;
 * - ours when it carries our PID and a token this process holds: refused too
 *   (a second store open on the same folder in one process);
 * - stale otherwise (the owner was killed, or it carries our PID but a token
 *   we never issued: a previous run that had our PID, as after a container
 *   restart): it is taken over, so a bot killed with SIGKILL restarts alone.
 *
 * Taking over is the only step that deletes somebody else's file, and two
 * processes may find the same stale lock at once. So it runs under a guard,
 * `.lock.takeover`, taken with the same rules (a guard left by a crash is
 * itself stale and taken over through `.lock.takeover.takeover`): the guard
 * holder looks at the lock again and deletes it only if it is still stale,
 * then everybody competes again with 'wx'. A live lock is never deleted: its
 * owner alone removes it, on close, and only if the file is still its own.
 *
 * Scope: processes of one machine (one PID namespace). Folders shared
 * between machines or containers with separate PID namespaces are not
 * protected — PIDs mean nothing across them.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE_NAME = '.lock';

/** Another process (or another store of this process) has the data folder open. */
export class DataDirLockedError extends Error {
  constructor(
    /** The folder as configured (DATA_DIR). */
    readonly dataDir: string,
    /** The owner's PID, when known. */
    readonly pid: number | undefined,
  ) {
    super(
      pid === process.pid
        ? `the data folder ${dataDir} is already open in this process (close the other store first)`
        : `the data folder ${dataDir} is in use by ${pid ? `process ${pid}` : 'another process'} ` +
            '(is the bot or seed:demo already running? stop it first)',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  /** Removes the lock file if it is still ours; idempotent. */
  release(): void;
}

interface LockRecord {
  pid: number;
  /** When the owner process started (ISO), for people reading the file. */
  startedAt: string;
  /** Linux: field 22 of /proc/<pid>/stat, to tell a reused PID apart. */
  procStart?: string;
  token: string;
}

/** Tokens of the locks this process holds now. */
const heldTokens = new Set<string>();

/** A lock file without a valid record younger than this is still being written. */
const WRITE_GRACE_MS = 2_000;
/** How long an open waits for another process's takeover or write to finish. */
const WAIT_MS = 3_000;
const RETRY_MS = 25;
/** Nested guards; each level needs a crash inside the previous one's microseconds. */
const MAX_DEPTH = 3;

type Probe =
  | { state: 'missing' }
  | { state: 'live'; pid: number }
  | { state: 'stale' }
  /** Just created, content not written yet: look again shortly. */
  | { state: 'writing' };

type Attempt = { acquired: LockRecord } | { live: number } | { wait: number | undefined };

function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

/** Fields after the command name in /proc/<pid>/stat (field 3 is index 0), or undefined off Linux. */
function procStatFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function procStart(pid: number): string | undefined {
  return procStatFields(pid)?.[19];
}

function isAlive(record: LockRecord): boolean {
  try {
    process.kill(record.pid, 0);
  } catch (err) {
    if (errorCode(err) !== 'EPERM') return false;
  }
  const fields = procStatFields(record.pid);
  if (!fields) return true;
  // A zombie is dead; a different start time means the PID was reused.
  if (fields[0] === 'Z' || fields[0] === 'X') return false;
  return record.procStart === undefined || fields[19] === record.procStart;
}

function newRecord(): LockRecord {
  return {
    pid: process.pid,
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    procStart: procStart(process.pid),
    token: randomBytes(12).toString('hex'),
  };
}

function parse(text: string): LockRecord | undefined {
  try {
    const record = JSON.parse(text) as Partial<LockRecord>;
    if (Number.isInteger(record.pid) && (record.pid as number) > 0 && typeof record.token === 'string') {
      return record as LockRecord;
    }
  } catch {
    // not a record
  }
  return undefined;
}

function readRecord(file: string): { record?: LockRecord; missing?: true; mtimeMs?: number } {
  try {
    const text = fs.readFileSync(file, 'utf8');
    const record = parse(text);
    if (record) return { record };
    return { mtimeMs: fs.statSync(file).mtimeMs };
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return { missing: true };
    throw err;
  }
}

/**
 * « Now » by the folder's own clock, to age a file's mtime: a network share
 * (or a process run with its clock moved, as the tests' faketime does) keeps
 * another time than Date.now(). A probe file is written and read back.
 */
function folderNow(dir: string): number {
  const probe = path.join(dir, `.lock.clock.${process.pid}.${randomBytes(4).toString('hex')}`);
  fs.writeFileSync(probe, '');
  try {
    return fs.statSync(probe).mtimeMs;
  } finally {
    fs.rmSync(probe, { force: true });
  }
}

function inspect(file: string): Probe {
  const { record, missing, mtimeMs } = readRecord(file);
  if (missing) return { state: 'missing' };
  if (!record) {
    // Empty or garbled: being written now, or left by a crash (or a full disk) long ago.
    return Math.abs(folderNow(path.dirname(file)) - (mtimeMs as number)) < WRITE_GRACE_MS ? { state: 'writing' } : { state: 'stale' };
  }
  if (record.pid === process.pid) return heldTokens.has(record.token) ? { state: 'live', pid: record.pid } : { state: 'stale' };
  return isAlive(record) ? { state: 'live', pid: record.pid } : { state: 'stale' };
}

/** Creates `file` with the record unless it exists; false when it does. */
function create(file: string, record: LockRecord): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (err) {
    if (errorCode(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    fs.writeSync(fd, `${JSON.stringify(record)}\n`);
    fs.closeSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw err;
  }
  return true;
}

/** Removes `file` if it still holds `token`. Safe: nobody else deletes a live lock. */
function removeIfOurs(file: string, token: string): void {
  try {
    if (parse(fs.readFileSync(file, 'utf8'))?.token === token) fs.unlinkSync(file);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
  }
}

/**
 * One synchronous try (no other code of this process runs meanwhile): the
 * lock, or who holds it, or a reason to try again shortly.
 */
function attempt(file: string, depth: number): Attempt {
  for (let round = 0; round < 5; round += 1) {
    const record = newRecord();
    if (create(file, record)) return { acquired: record };
    const probe = inspect(file);
    if (probe.state === 'live') return { live: probe.pid };
    if (probe.state === 'writing') return { wait: undefined };
    if (probe.state === 'stale') {
      if (depth >= MAX_DEPTH) return { wait: undefined };
      const guardFile = `${file}.takeover`;
      const guard = attempt(guardFile, depth + 1);
      // Another process is taking over: it will hold the lock in a moment.
      if ('live' in guard) return { wait: guard.live };
      if ('wait' in guard) return guard;
      try {
        // Looked at again under the guard: only a lock still stale is deleted.
        if (inspect(file).state === 'stale') fs.rmSync(file, { force: true });
      } finally {
        removeIfOurs(guardFile, guard.acquired.token);
      }
    }
    // missing, or stale and removed: compete again with 'wx'.
  }
  return { wait: undefined };
}

/**
 * Takes the lock of `dataDir` (which must exist), or throws
 * DataDirLockedError naming the owner's PID.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const result = attempt(file, 0);
    if ('acquired' in result) {
      const { token } = result.acquired;
      heldTokens.add(token);
      let held = true;
      return {
        file,
        release: () => {
          if (!held) return;
          held = false;
          heldTokens.delete(token);
          removeIfOurs(file, token);
        },
      };
    }
    if ('live' in result) throw new DataDirLockedError(dataDir, result.live);
    if (Date.now() >= deadline) throw new DataDirLockedError(dataDir, result.wait);
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}
