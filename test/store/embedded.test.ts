/** Embedded store specifics: crash safety of the datafiles, and closing. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { balanceFromLedger, isBalanced } from '../../src/domain/voucherLedger';
import { openEmbeddedStores } from '../../src/store/embedded';
import { cutTornTail } from '../../src/store/embedded/tornTail';
import { StoreUnavailableError } from '../../src/store/errors';
import * as f from './contract/fixtures';

describe('embedded store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pn-embedded-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('torn tail repair', () => {
    it('cuts the bytes after the last newline', async () => {
      const file = path.join(dir, 'x.db');
      writeFileSync(file, '{"a":1}\n{"b":');
      assert.equal(await cutTornTail(file), 5);
      assert.equal(readFileSync(file, 'utf8'), '{"a":1}\n');
    });

    it('leaves a file ending in a newline as it is', async () => {
      const file = path.join(dir, 'x.db');
      writeFileSync(file, '{"a":1}\n');
      assert.equal(await cutTornTail(file), 0);
      assert.equal(readFileSync(file, 'utf8'), '{"a":1}\n');
    });

    it('empties a file whose only line is torn, and ignores a missing file', async () => {
      const file = path.join(dir, 'x.db');
      writeFileSync(file, '{"a":');
      assert.equal(await cutTornTail(file), 5);
      assert.equal(readFileSync(file, 'utf8'), '');
      assert.equal(await cutTornTail(path.join(dir, 'missing.db')), 0);
    });

    it('opens a store whose last write was torn, with every complete write', async () => {
      const stores = await openEmbeddedStores({ dataDir: dir });
      const ben = f.beneficiary();
      await stores.beneficiaries.create(ben);
      await stores.close();
      appendFileSync(path.join(dir, 'beneficiaries.db'), '{"_id":"ben-torn","firstNa');
      const again = await openEmbeddedStores({ dataDir: dir });
      try {
        assert.deepEqual(await again.beneficiaries.get(ben.id), ben);
        assert.equal(await again.beneficiaries.count(), 1);
      } finally {
        await again.close();
      }
    });
  });

  describe('crash', () => {
    it('keeps every acknowledged write of a process killed with SIGKILL', async function () {
      this.timeout(30_000);
      const book = f.voucherBook({ hoursTotal: 1000 });
      const setup = await openEmbeddedStores({ dataDir: dir });
      await setup.voucherBooks.create(book);
      await setup.close();

      const child = spawn(process.execPath, [path.join(__dirname, 'support', 'embeddedWriter.js'), dir, book.id], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if ((out.match(/\n/g) ?? []).length >= 40) resolve();
        });
        child.once('exit', () => reject(new Error(`writer exited early: ${err}`)));
      });
      child.kill('SIGKILL');
      await exited;

      const acked = out.split('\n').filter((line) => /^ack \d+ applied$/.test(line)).length;
      const stores = await openEmbeddedStores({ dataDir: dir });
      try {
        for (let i = 0; i < acked; i += 1) assert.ok(await stores.beneficiaries.get(`ben-${i}`), `ben-${i} lost`);
        const after = await stores.voucherBooks.get(book.id);
        assert.ok(after && isBalanced(after));
        assert.ok(after.hoursReserved >= acked, `${after.hoursReserved} reserved, ${acked} acknowledged`);
        const { hoursLeft, hoursReserved } = balanceFromLedger(after.ledger);
        assert.deepEqual({ hoursLeft, hoursReserved }, { hoursLeft: after.hoursLeft, hoursReserved: after.hoursReserved });
      } finally {
        await stores.close();
      }
    });
  });

  describe('closing', () => {
    it('refuses to work once closed', async () => {
      const stores = await openEmbeddedStores({ inMemory: true });
      await stores.close();
      await assert.rejects(stores.ping(), StoreUnavailableError);
      await assert.rejects(stores.beneficiaries.count(), StoreUnavailableError);
    });

    it('needs a data folder unless in memory', async () => {
      await assert.rejects(openEmbeddedStores({}), /dataDir/);
    });
  });
});
