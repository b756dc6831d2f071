/**
 * The operator's tools as processes: `admin` (add, list, disable, with exit
 * 2 and one line for bad arguments) on an embedded store in a temporary
 * folder, and `teams:package` (a zip with the manifest naming the bot id
 * from MicrosoftAppId and two PNG icons of the sizes Teams requires).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';

const ROOT = resolve(__dirname, '..', '..', '..');
const run = (script: string, args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', script), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
  });

describe('npm run admin', function () {
  this.timeout(60_000);
  let dir: string;
  const admin = (...args: string[]) => run('admin.js', args, { DATA_DIR: dir });
  const AAD = '12345678-1234-4234-8234-123456789abc';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'admin-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a coordinator, lists it, disables it', () => {
    const added = admin(
      'add',
      '--role',
      'coordinator',
      '--programme',
      'drome',
      '--name',
      'Anne',
      '--structure',
      'CMS de Valence',
      '--aad',
      AAD,
      '--id',
      'anne',
    );
    assert.equal(added.status, 0, added.stderr);
    assert.match(added.stdout, /^added\tactive\tcoordinator\tdrome\tanne\tAnne\tCMS de Valence\t12345678-1234-4234-8234-123456789abc\t-$/m);
    assert.match(admin('list', '--programme', 'drome').stdout, /active\tcoordinator\tdrome\tanne/);
    const disabled = admin('disable', '--aad', AAD);
    assert.equal(disabled.status, 0, disabled.stderr);
    assert.match(admin('list').stdout, /disabled\tcoordinator\tdrome\tanne/);
  });

  const bad: [string, string[], RegExp][] = [
    ['no command', [], /usage: npm run admin -- add\|list\|disable/],
    ['an unknown command', ['frob'], /usage/],
    ['an unknown option', ['list', '--bogus'], /Unknown option '--bogus'/],
    [
      'a malformed object id and no structure',
      ['add', '--role', 'prescriber', '--programme', 'drome', '--name', 'X', '--aad', 'nope'],
      /--aad: must be a GUID.*; --structure: is required for a prescriber or coordinator/,
    ],
    [
      'a trainer without places',
      ['add', '--role', 'trainer', '--programme', 'drome', '--name', 'Zoé', '--aad', AAD],
      /--places: is required for a trainer/,
    ],
    [
      'an unknown role',
      ['add', '--role', 'boss', '--programme', 'drome', '--name', 'X', '--aad', AAD, '--structure', 'S'],
      /--role: must be prescriber, coordinator or trainer/,
    ],
    [
      'an unknown programme',
      ['add', '--role', 'prescriber', '--programme', 'ardeche', '--name', 'X', '--aad', AAD, '--structure', 'S'],
      /--programme: unknown programme "ardeche" \(served: lozere, drome\)/,
    ],
    ['disabling nobody', ['disable', '--aad', '99999999-1234-4234-8234-123456789abc'], /no active professional with aadObjectId/],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 with one line for ${what}`, () => {
      const result = admin(...args);
      assert.equal(result.status, 2);
      assert.match(result.stderr, message);
    });
  }
});

describe('npm run teams:package', function () {
  this.timeout(30_000);

  it('writes a zip with the manifest (bot id from MicrosoftAppId) and two icons', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teams-'));
    try {
      const out = join(dir, 'app.zip');
      const appId = '0e3b8a6c-1234-4abc-9def-0123456789ab';
      const result = run('teamsPackage.js', ['--out', out], { MicrosoftAppId: appId });
      assert.equal(result.status, 0, result.stderr);
      const files = unzipSync(readFileSync(out));
      assert.deepEqual(Object.keys(files).sort(), ['color.png', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
      assert.equal(manifest.id, appId);
      assert.equal(manifest.bots[0].botId, appId);
      assert.deepEqual(manifest.icons, { color: 'color.png', outline: 'outline.png' });
      const color = PNG.sync.read(Buffer.from(files['color.png']));
      const outline = PNG.sync.read(Buffer.from(files['outline.png']));
      assert.deepEqual([color.width, color.height, outline.width, outline.height], [192, 192, 32, 32]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with one line when MicrosoftAppId is missing', () => {
    const result = run('teamsPackage.js', [], {});
    assert.equal(result.status, 2);
    assert.match(result.stderr, /MicrosoftAppId is not set/);
  });
});
