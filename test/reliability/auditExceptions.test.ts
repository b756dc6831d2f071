/**
 * The advisories CI accepts (docs/audit-exceptions.json) are well written,
 * and the reasons that can be checked in code still hold.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { auditExceptionsSchema } from '../../src/cli/auditVerdict';
import { type BotUnderTest, startBot } from '../support/botServer';

const FILE = path.resolve(__dirname, '..', '..', '..', 'docs', 'audit-exceptions.json');

describe('accepted dependency advisories (docs/audit-exceptions.json)', function () {
  this.timeout(30_000);
  it('each names a GHSA advisory and a package, gives a reason and a review date', () => {
    const parsed = auditExceptionsSchema.safeParse(JSON.parse(readFileSync(FILE, 'utf8')));
    assert.ok(parsed.success, parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  });

  describe('find-my-way ReDoS (GHSA-rrr8-f88r-h8q6): only routes with several parameters in one segment are exposed', () => {
    let bot: BotUnderTest;
    before(async () => {
      bot = await startBot({ seed: false });
    });
    after(async () => bot.close());

    it('no route of the app has more than one parameter in a path segment', () => {
      const routes = (bot.app.server.getDebugInfo() as { routes: { path: string }[] }).routes.map((r) => String(r.path));
      assert.ok(routes.includes('/api/messages'), 'the routes were read');
      const multiparametric = routes.filter((route) =>
        route.split('/').some((segment) => (segment.match(/:/g) ?? []).length > 1 || /.:/.test(segment)),
      );
      assert.deepEqual(multiparametric, []);
    });
  });
});
