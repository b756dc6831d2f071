/**
 * A full disk: every append to the data folder fails with ENOSPC while
 * reads still work. /readyz must say so (503, store false) instead of 200,
 * and come back by itself once writes work again. The full disk is the
 * kernel's own: the conversation file and the readiness probe's file are
 * replaced by links to /dev/full, whose every write fails with ENOSPC.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WRITE_PROBE } from '../../src/store/embedded/writeHealth';
import { type BotUnderTest, startBot } from '../support/botServer';

describe('a full disk under the embedded store', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;
  let dataDir: string;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'disk-full-'));
    bot = await startBot({ dataDir, seed: false });
  });
  after(async () => {
    await bot?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const readiness = async () => {
    const response = await fetch(`${bot.url}/readyz`);
    return { status: response.status, body: (await response.json()) as { checks: Record<string, boolean> } };
  };

  it('is ready while writes work', async () => {
    assert.equal((await readiness()).status, 200);
  });

  it('turns /readyz to 503 (store false) after writes fail, and back to 200 once they work again', async () => {
    const conversationFile = path.join(dataDir, 'botState.db');
    unlinkSync(conversationFile);
    symlinkSync('/dev/full', conversationFile);
    symlinkSync('/dev/full', path.join(dataDir, WRITE_PROBE));
    const { status } = await bot.post({
      type: 'message',
      id: 'disk-full-1',
      text: 'bonjour',
      channelId: 'webchat',
      from: { id: 'u' },
      recipient: { id: 'bot' },
      conversation: { id: 'disk-full' },
      deliveryMode: 'expectReplies',
    });
    assert.ok(status < 500 || status === 503, `status ${status}`);
    const full = await readiness();
    assert.equal(full.status, 503);
    assert.equal(full.body.checks.store, false);

    unlinkSync(path.join(dataDir, WRITE_PROBE));
    unlinkSync(conversationFile);
    assert.equal((await readiness()).status, 200, 'still not ready once space came back');
  });
});
