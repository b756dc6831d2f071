/**
 * The bot as an operator runs it: `node dist/src/index.js` in a child
 * process, on a fresh data folder. Start-up time is measured by
 * `npm run bench:startup`, not here: this machine is shared and noisy.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, readyWithin, runBot as run } from '../support/botProcess';
import { MARTINE } from '../support/personas';

/** Generous: this checks that it gets ready, not how fast (see bench/startup.ts). */
const READY_TIMEOUT_MS = 30_000;

describe('the bot process', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pass-process-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('stops with exit code 1 and one line per bad setting, without a stack trace', async () => {
    const { output, exit } = run({ PORT: 'abc', LOG_LEVEL: 'loud', DATA_DIR: dataDir() });
    assert.equal(await exit, 1);
    const lines = output().trim().split('\n');
    assert.ok(
      lines.some((l) => /^\s*PORT: /.test(l)),
      output(),
    );
    assert.ok(
      lines.some((l) => /^\s*LOG_LEVEL: /.test(l)),
      output(),
    );
    assert.doesNotMatch(output(), /\n\s+at /);
  });

  it('refuses an unknown programme in one line', async () => {
    const { output, exit } = run({ PROGRAMMES: 'lozere,atlantide', DATA_DIR: dataDir() });
    assert.equal(await exit, 1);
    assert.match(output(), /atlantide/);
    assert.doesNotMatch(output(), /\n\s+at /);
  });

  it('gets ready on a new data folder, seeds once, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const dir = dataDir();
    const first = run({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir });
    children.push(first.child);
    const readyAfter = await readyWithin(`http://127.0.0.1:${port}`, READY_TIMEOUT_MS);
    assert.ok(readyAfter !== undefined, `not ready:\n${first.output()}`);
    assert.match(first.output(), /"msg":"demo data seeded"/);
    first.child.kill('SIGTERM');
    assert.equal(await first.exit, 0);
    assert.match(first.output(), /stopped cleanly/);

    const second = run({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dir });
    children.push(second.child);
    assert.ok((await readyWithin(`http://127.0.0.1:${port}`, READY_TIMEOUT_MS)) !== undefined, second.output());
    assert.doesNotMatch(second.output(), /"msg":"demo data seeded"/);
    second.child.kill('SIGINT');
    assert.equal(await second.exit, 0);
  });

  it('never writes a message text, a phone number or a birth date to its logs', async () => {
    const port = await freePort();
    const proc = run({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir(), LOG_LEVEL: 'trace' });
    children.push(proc.child);
    assert.ok((await readyWithin(`http://127.0.0.1:${port}`, READY_TIMEOUT_MS)) !== undefined, proc.output());
    const say = (text: string) =>
      fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          id: `m-${text.length}`,
          text,
          channelId: 'sms',
          from: { id: MARTINE.phone },
          recipient: { id: 'bot' },
          conversation: { id: 'log-check' },
          deliveryMode: 'expectReplies',
        }),
      });
    for (const text of ['bonjour secret-phrase-xyz', '4', MARTINE.voucherBookNumber, MARTINE.birth])
      assert.equal((await say(text)).status, 200);
    proc.child.kill('SIGTERM');
    await proc.exit;
    const logs = proc.output();
    for (const secret of [
      'secret-phrase-xyz',
      MARTINE.phone,
      MARTINE.phoneNational.slice(1),
      MARTINE.birthDate,
      MARTINE.birth,
      MARTINE.lastName,
      MARTINE.firstName,
    ]) {
      assert.ok(!logs.includes(secret), `logs contain ${secret}`);
    }
  });
});
