/**
 * npm run audit:prod — `npm audit --omit=dev` judged by auditVerdict.ts:
 * exit 1 for a high or critical advisory in a production dependency that
 * docs/audit-exceptions.json does not accept with a reason, or when npm
 * audit cannot run at all (no lockfile…); exit 0 when clean. When the
 * registry's advisory endpoint cannot answer, says loudly that nothing was
 * checked and exits 0 — or 3 with AUDIT_REQUIRED=1, for a CI whose
 * registry is known to answer.
 *
 * Then, offline and whatever the registry says: production packages known
 * to be deprecated or unmaintained (deprecatedVerdict.ts) fail the run
 * unless docs/deprecated-exceptions.json accepts them with a reason.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Advisory, auditExceptionsSchema, auditVerdict } from './auditVerdict';
import { deprecatedExceptionsSchema, deprecatedInProduction, deprecatedVerdict, knownDeprecatedSchema } from './deprecatedVerdict';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXCEPTIONS = path.join(ROOT, 'docs', 'audit-exceptions.json');

function exceptions() {
  const parsed = auditExceptionsSchema.safeParse(JSON.parse(readFileSync(EXCEPTIONS, 'utf8')));
  if (!parsed.success) {
    console.error(`${EXCEPTIONS}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    process.exit(1);
  }
  return parsed.data;
}

const line = (a: Advisory) => `  ${a.severity.padEnd(8)} ${a.package} ${a.range} — ${a.title} (${a.advisory})`;

function main(): number {
  const accepted = exceptions();
  const npm = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  const today = new Date().toISOString().slice(0, 10);
  const verdict = auditVerdict(npm.stdout ?? '', accepted, today);
  switch (verdict.kind) {
    case 'clean': {
      const counts = Object.entries(verdict.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      console.log(`npm audit (production dependencies): no high or critical advisory left unaccepted${counts ? ` (${counts})` : ''}.`);
      for (const a of verdict.excepted) console.log(`accepted, see docs/audit-exceptions.json:\n${line(a)}`);
      return 0;
    }
    case 'blocked':
      console.error('npm audit (production dependencies): high or critical advisories without a written exception:');
      for (const a of verdict.blocking) console.error(line(a));
      console.error(
        'Upgrade, or add an entry with a reason and a review date to docs/audit-exceptions.json (see README, "Dependency advisories").',
      );
      return 1;
    case 'unreachable':
      console.warn(`npm audit: NOT CHECKED — the registry's advisory endpoint could not answer (${verdict.detail}).`);
      console.warn('Production dependencies were not checked against advisories on this run.');
      return process.env.AUDIT_REQUIRED === '1' ? 3 : 0;
    case 'broken':
      console.error(`npm audit could not run: ${verdict.detail}`);
      return 1;
  }
}

/** 0 when every deprecated production package found is accepted, 1 otherwise. */
function deprecatedPackages(): number {
  const read = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as unknown;
  const found = deprecatedInProduction(
    read('package-lock.json') as never,
    knownDeprecatedSchema.parse(read('docs/deprecated-packages.json')),
  );
  const verdict = deprecatedVerdict(
    found,
    deprecatedExceptionsSchema.parse(read('docs/deprecated-exceptions.json')),
    new Date().toISOString().slice(0, 10),
  );
  for (const f of verdict.excepted)
    console.log(`deprecated, accepted in docs/deprecated-exceptions.json: ${f.package}@${f.version} — ${f.why}`);
  for (const e of verdict.stale)
    console.warn(`docs/deprecated-exceptions.json: ${e.package}@${e.version} is no longer installed, remove its entry`);
  if (verdict.blocking.length === 0) return 0;
  console.error('Deprecated or unmaintained production packages without a written exception:');
  for (const f of verdict.blocking) console.error(`  ${f.package}@${f.version} — ${f.why}`);
  return 1;
}

process.exitCode = Math.max(main(), deprecatedPackages());
