/**
 * The CI audit step's judgement of `npm audit --omit=dev --json`, on the
 * shapes npm 11 prints: a report, a refused or unreachable advisory
 * endpoint, and a project problem.
 */
import assert from 'node:assert/strict';
import { auditExceptionsSchema, auditVerdict, type AuditException } from '../../src/cli/auditVerdict';

/** A report as npm 11 writes it: one advisory in axios, reaching a direct dependency through `via`. */
function report(severity: string) {
  return JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: {
      axios: {
        name: 'axios',
        severity,
        isDirect: false,
        via: [
          {
            source: 1097679,
            name: 'axios',
            dependency: 'axios',
            title: 'Axios Cross-Site Request Forgery Vulnerability',
            url: 'https://github.com/advisories/GHSA-wf5p-g6vw-rhxx',
            severity,
            range: '>=0.8.1 <0.28.0',
          },
        ],
        effects: ['botframework-connector'],
        range: '<0.28.0',
        fixAvailable: false,
      },
      'botframework-connector': { name: 'botframework-connector', severity, isDirect: true, via: ['axios'], effects: [] },
    },
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, [severity]: 2, total: 2 } },
  });
}

const exception = (reviewBy: string): AuditException => ({
  advisory: 'GHSA-wf5p-g6vw-rhxx',
  package: 'axios',
  reason: 'Only the Bot Connector is called, with our own token, never a URL a user gives.',
  reviewBy,
});

describe('the CI audit step', () => {
  it('passes when no advisory is high or critical', () => {
    const verdict = auditVerdict(report('moderate'), [], '2026-11-25');
    assert.equal(verdict.kind, 'clean');
  });

  it('fails on a high advisory, naming the advisory itself, not the packages that depend on it', () => {
    const verdict = auditVerdict(report('high'), [], '2026-11-25');
    assert.equal(verdict.kind, 'blocked');
    assert.deepEqual(verdict.kind === 'blocked' && verdict.blocking.map((a) => [a.advisory, a.package, a.severity]), [
      ['GHSA-wf5p-g6vw-rhxx', 'axios', 'high'],
    ]);
  });

  it('accepts a critical advisory that has a written exception, until its review date', () => {
    assert.equal(auditVerdict(report('critical'), [exception('2026-12-31')], '2026-11-25').kind, 'clean');
    assert.equal(auditVerdict(report('critical'), [exception('2026-11-24')], '2026-11-25').kind, 'blocked');
  });

  it('says "not checked", without failing, when the registry refuses the advisory request (this machine: 405)', () => {
    const refused = JSON.stringify({
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      method: 'POST',
      uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
      body: '',
      error: { summary: '', detail: '' },
    });
    assert.deepEqual(auditVerdict(refused, [], '2026-11-25'), {
      kind: 'unreachable',
      detail: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    });
  });

  it('says "not checked" when the registry cannot be reached at all', () => {
    const down = JSON.stringify({
      message: 'request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed, reason: connect ECONNREFUSED 127.0.0.1:9',
      error: { summary: '', detail: '' },
    });
    assert.equal(auditVerdict(down, [], '2026-11-25').kind, 'unreachable');
  });

  it('fails when audit cannot run for a reason of the project (no lockfile), or answers no JSON', () => {
    const noLock = JSON.stringify({ error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.', detail: '' } });
    assert.deepEqual(auditVerdict(noLock, [], '2026-11-25'), { kind: 'broken', detail: 'This command requires an existing lockfile.' });
    assert.equal(auditVerdict('npm ERR! something', [], '2026-11-25').kind, 'broken');
  });

  it('refuses an exception without a real reason or a GHSA id', () => {
    assert.equal(auditExceptionsSchema.safeParse([{ ...exception('2026-12-31'), reason: 'ok' }]).success, false);
    assert.equal(auditExceptionsSchema.safeParse([{ ...exception('2026-12-31'), advisory: 'CVE-2024-1234' }]).success, false);
    assert.equal(auditExceptionsSchema.safeParse([exception('2026-12-31')]).success, true);
  });
});
