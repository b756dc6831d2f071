/**
 * The embedded store's files at start-up (issue 16, medium 8 and a low one):
 * a broken line in bookings.db was dropped without a word and NeDB rewrote
 * the file; now the bot refuses to start, names the file and the line, and
 * keeps a copy. Ledger and bookings that disagree after loading are said at
 * start and in /readyz. Demo data never seeds a production store unless asked.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoDataWanted } from '../../src/config';
import { loadProgrammes } from '../../src/data/programmes';
import { seedDemo } from '../../src/services/demoSeed';
import { openStores } from '../../src/store/openStores';
import { freePort, readyWithin, runBot } from '../support/botProcess';
import { testNow } from '../support/clock';
import { MARTINES_BOOKING_KEY } from '../support/personas';

describe('datafiles at start-up', function () {
  this.timeout(120_000);
  let dir: string;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'datafiles-'));
    const stores = await openStores({ dataDir: dir });
    await seedDemo(stores, { programmes: loadProgrammes(['lozere', 'drome']), now: testNow() });
    await stores.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const bookingsFile = () => path.join(dir, 'bookings.db');

  it('a broken last line in bookings.db: the bot does not start, names the file and line, and the file is left as it was', async () => {
    const lines = readFileSync(bookingsFile(), 'utf8').trimEnd().split('\n');
    const broken = [...lines.slice(0, -1), lines.at(-1)!.slice(0, 40)].join('\n') + '\n';
    writeFileSync(bookingsFile(), broken);
    const bot = runBot({ DATA_DIR: dir, PORT: String(await freePort()), HOST: '127.0.0.1', DEMO_DATA: 'off' });
    const code = await Promise.race([bot.exit, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 60_000))]);
    if (code === 'still running') bot.child.kill('SIGKILL');
    assert.equal(code, 1, bot.output());
    assert.match(bot.output(), new RegExp(`bookings\\.db line ${lines.length} is not a readable record`));
    assert.equal(readFileSync(bookingsFile(), 'utf8'), broken, 'NeDB rewrote the file: the evidence is gone');
    assert.ok(existsSync(`${bookingsFile()}.corrupt-1`));
  });

  it('a booking gone from bookings.db while its hour is still reserved: said at start and in /readyz', async () => {
    const kept = readFileSync(bookingsFile(), 'utf8')
      .split('\n')
      .filter((line) => !line.includes(MARTINES_BOOKING_KEY));
    writeFileSync(bookingsFile(), kept.join('\n'));
    const port = await freePort();
    const bot = runBot({ DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: 'off' });
    try {
      const url = `http://127.0.0.1:${port}`;
      assert.notEqual(await readyWithin(url, 60_000), undefined, bot.output());
      const body = (await (await fetch(`${url}/readyz`)).json()) as { checks: Record<string, boolean> };
      assert.equal(body.checks.ledgerMatchesBookings, false);
      assert.match(bot.output(), /ledger and bookings disagree after loading/);
    } finally {
      bot.child.kill('SIGTERM');
      await bot.exit;
    }
  });

  it('demo data: seeded by default in development, never in production unless DEMO_DATA=auto is set', () => {
    assert.equal(demoDataWanted({ NODE_ENV: 'development' }), true);
    assert.equal(demoDataWanted({ NODE_ENV: 'production' }), false);
    assert.equal(demoDataWanted({ NODE_ENV: 'production', DEMO_DATA: 'auto' }), true);
    assert.equal(demoDataWanted({ NODE_ENV: 'development', DEMO_DATA: 'off' }), false);
  });
});
