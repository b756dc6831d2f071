import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { missingV8Flags, V8_FLAGS } from '../../src/v8Tuning';

const ROOT = join(__dirname, '..', '..', '..');

describe('the V8 flags the process is started with (src/v8Tuning.ts)', () => {
  it('are in npm start and in the systemd unit of the README, so operators run what was measured', () => {
    const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
    const unit = /^ExecStart=.*$/m.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[0] ?? '';
    for (const flag of V8_FLAGS) {
      assert.ok(start.includes(`${flag} `), `npm start lacks ${flag}`);
      assert.ok(unit.includes(`${flag} `), `the README's ExecStart lacks ${flag}`);
    }
  });

  it('names the ones a start lacked', () => {
    assert.deepEqual(missingV8Flags(['--no-regexp-tier-up']), ['--heap-growing-percent=50']);
    assert.deepEqual(missingV8Flags([...V8_FLAGS, '--expose-gc']), []);
  });
});
