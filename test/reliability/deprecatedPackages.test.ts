/**
 * No production package known to be deprecated or unmaintained is
 * installed (package-lock.json, read offline) unless
 * docs/deprecated-exceptions.json accepts it with a reason — and the
 * reasons that can be checked in code still hold.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  deprecatedExceptionsSchema,
  deprecatedInProduction,
  deprecatedVerdict,
  knownDeprecatedSchema,
} from '../../src/cli/deprecatedVerdict';
import { type BotUnderTest, startBot } from '../support/botServer';
import { testNow } from '../support/clock';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as unknown;

describe('deprecated or unmaintained production packages (offline, from package-lock.json)', function () {
  this.timeout(30_000);
  const known = knownDeprecatedSchema.parse(read('docs/deprecated-packages.json'));
  const accepted = deprecatedExceptionsSchema.parse(read('docs/deprecated-exceptions.json'));
  // The suite's day, so that the suite passes on any day: a review date that has come is the audit's
  // to report (src/cli/audit.js, run by .ci/run before the tests, on the real date).
  const today = testNow().toISOString().slice(0, 10);

  it('finds formidable 1.x and uuid 3.x in a lockfile, and ignores dev-only packages and fixed versions', () => {
    const lock = {
      packages: {
        '': { version: '0.1.0' },
        'node_modules/formidable': { version: '1.2.6' },
        'node_modules/a/node_modules/uuid': { version: '3.4.0' },
        'node_modules/uuid': { version: '10.0.0' },
        'node_modules/glob': { version: '7.2.3', dev: true },
        'node_modules/b/node_modules/formidable': { version: '3.5.4' },
      },
    };
    assert.deepEqual(
      deprecatedInProduction(lock, known).map((f) => `${f.package}@${f.version}`),
      ['formidable@1.2.6', 'uuid@3.4.0'],
    );
  });

  it('installs none in production without a written exception whose review date is not past', () => {
    const { blocking } = deprecatedVerdict(deprecatedInProduction(read('package-lock.json') as never, known), accepted, today);
    assert.deepEqual(blocking, [], 'upgrade, or add an entry with a reason to docs/deprecated-exceptions.json');
  });

  it('keeps no exception for a package that is no longer installed', () => {
    const { stale } = deprecatedVerdict(deprecatedInProduction(read('package-lock.json') as never, known), accepted, today);
    assert.deepEqual(
      stale.map((e) => `${e.package}@${e.version}`),
      [],
    );
  });

  describe('Web Chat: only its prebuilt browser bundle is used, never its Node-side tree', () => {
    let bot: BotUnderTest;
    before(async () => {
      bot = await startBot({ seed: false });
    });
    after(async () => bot.close());

    it('loads no module of botframework-webchat or of the speech SDK into the bot (and still serves the bundle)', async () => {
      assert.equal((await fetch(`${bot.url}/webchat/webchat.js`)).status, 200);
      const loaded = Object.keys(require.cache).filter((file) =>
        /node_modules[\\/](botframework-webchat[^\\/]*|microsoft-cognitiveservices-speech-sdk|async-disk-cache|botframework-directlinejs)[\\/]/.test(
          file,
        ),
      );
      assert.deepEqual(loaded, []);
    });
  });
});
