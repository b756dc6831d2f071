/**
 * What `npm audit --omit=dev --json` says, judged against the written
 * exceptions (docs/audit-exceptions.json): a high or critical advisory in a
 * production dependency fails, unless an exception names it with a reason
 * and a review date not yet past. An advisory endpoint that cannot answer
 * (no network, a registry mirror without it, a 5xx) is told plainly and is
 * not a failure: CI must not fail at random on someone else's outage, nor
 * pretend that nothing was found.
 */
import { z } from 'zod';

const BLOCKING = new Set(['high', 'critical']);

export const auditExceptionsSchema = z.array(
  z
    .object({
      /** The advisory: its GHSA id (as in https://github.com/advisories/GHSA-…). */
      advisory: z.string().regex(/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/, 'a GHSA id, e.g. GHSA-wf5p-g6vw-rhxx'),
      package: z.string().min(1),
      /** Why it cannot hurt here, or why it cannot be fixed yet: a sentence someone can check. */
      reason: z.string().min(20, 'a written reason (20 characters at least)'),
      /** After this day (YYYY-MM-DD) the exception no longer counts: look again. */
      reviewBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    })
    .strict(),
);

export type AuditException = z.infer<typeof auditExceptionsSchema>[number];

export interface Advisory {
  advisory: string;
  package: string;
  severity: string;
  title: string;
  range: string;
}

export type AuditVerdict =
  | { kind: 'clean'; counts: Record<string, number>; excepted: Advisory[] }
  | { kind: 'blocked'; blocking: Advisory[]; excepted: Advisory[] }
  | { kind: 'unreachable'; detail: string }
  | { kind: 'broken'; detail: string };

interface ViaAdvisory {
  name?: string;
  title?: string;
  url?: string;
  severity?: string;
  range?: string;
}

const ghsaOf = (url: string | undefined) => /GHSA(-[a-z0-9]{4}){3}/i.exec(url ?? '')?.[0] ?? url ?? 'unknown';

/** The advisories themselves (not the packages that merely depend on one), once each. */
function advisoriesOf(vulnerabilities: Record<string, { via?: unknown[] }>): Advisory[] {
  const found = new Map<string, Advisory>();
  for (const [name, vulnerability] of Object.entries(vulnerabilities)) {
    for (const via of vulnerability.via ?? []) {
      if (typeof via !== 'object' || via === null) continue;
      const v = via as ViaAdvisory;
      const advisory = ghsaOf(v.url);
      found.set(`${advisory}:${v.name ?? name}`, {
        advisory,
        package: v.name ?? name,
        severity: v.severity ?? 'unknown',
        title: v.title ?? '',
        range: v.range ?? '',
      });
    }
  }
  return [...found.values()];
}

export function auditVerdict(output: string, exceptions: AuditException[], today: string): AuditVerdict {
  let report: {
    vulnerabilities?: Record<string, { via?: unknown[] }>;
    metadata?: { vulnerabilities?: Record<string, number> };
    message?: string;
    statusCode?: number;
    error?: { code?: string; summary?: string };
  };
  try {
    report = JSON.parse(output) as typeof report;
  } catch {
    return { kind: 'broken', detail: `npm audit did not answer in JSON: ${output.trim().slice(0, 200) || '(nothing)'}` };
  }
  if (report.vulnerabilities) {
    const blocking: Advisory[] = [];
    const excepted: Advisory[] = [];
    for (const advisory of advisoriesOf(report.vulnerabilities)) {
      if (!BLOCKING.has(advisory.severity)) continue;
      const exception = exceptions.find(
        (e) => e.advisory.toLowerCase() === advisory.advisory.toLowerCase() && e.package === advisory.package,
      );
      (exception && exception.reviewBy >= today ? excepted : blocking).push(advisory);
    }
    if (blocking.length > 0) return { kind: 'blocked', blocking, excepted };
    return { kind: 'clean', counts: report.metadata?.vulnerabilities ?? {}, excepted };
  }
  // The advisory endpoint itself failed (refused, unreachable, 4xx/5xx from a mirror): nothing was checked.
  const endpointFailure =
    typeof report.statusCode === 'number' || /security\/advisories|security\/audits|request to .* failed/i.test(report.message ?? '');
  if (endpointFailure && !report.error?.code) return { kind: 'unreachable', detail: report.message ?? `HTTP ${report.statusCode}` };
  return { kind: 'broken', detail: report.error?.summary || report.error?.code || report.message || 'unknown error' };
}
