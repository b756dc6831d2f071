/**
 * Who saw or changed a beneficiary's file: for a coordinator (their
 * programme only, itself an audited access) and for the beneficiary
 * ("qui a consulté mon dossier ?", after the identity check).
 */
import type { AuditEvent } from '../../domain/types';
import type { Stores } from '../../store/repositories';
import { type ProAccess, type ProContext, type Refused, refused } from './proAccess';

const PROFESSIONAL_KINDS = new Set(['prescriber', 'coordinator', 'trainer']);

export interface AccessEntry {
  at: Date;
  action: string;
  role: string;
  /** The structure the professional worked for, when known. */
  structure?: string;
  channel?: string;
  /** A lookup refused (another département's prescriber, a role without the right): the coordination sees who tried. */
  refused?: true;
}

/** Lookups made to answer « qui a consulté ce dossier ? »: the log's own reading, not a view of the file (beneficiaryLookup). */
export const AUDIT_PURPOSE = 'audit.view';

function toEntry(event: AuditEvent): AccessEntry {
  const details = event.details ?? {};
  return {
    at: event.at,
    action: event.action,
    role: event.actor.kind,
    ...(typeof details.structure === 'string' ? { structure: details.structure } : {}),
    ...(typeof details.channel === 'string' ? { channel: details.channel } : {}),
    ...(details.outcome === 'refused' ? { refused: true as const } : {}),
  };
}

/**
 * Accesses by professionals, newest first: granted ones, and refused ones
 * when asked (the coordination's log); never the lookups that answered the
 * log question itself (« qui a consulté le dossier DRO-VALE-NCK ? »).
 */
async function professionalAccesses(stores: Stores, beneficiaryId: string, limit: number, withRefused = false): Promise<AccessEntry[]> {
  const events = await stores.audit.list({ subjectId: beneficiaryId, limit: 200 });
  return events
    .filter((e) => PROFESSIONAL_KINDS.has(e.actor.kind) && (withRefused || e.details?.outcome !== 'refused'))
    .filter((e) => e.details?.purpose !== AUDIT_PURPOSE)
    .slice(0, limit)
    .map(toEntry);
}

export class AccessLog {
  constructor(
    private readonly stores: Stores,
    private readonly access?: ProAccess,
  ) {}

  /** For a coordinator of the beneficiary's programme. */
  async forCoordinator(
    ctx: ProContext,
    beneficiaryId: string,
    limit = 20,
  ): Promise<Refused | { outcome: 'entries'; entries: AccessEntry[]; name?: string }> {
    const person = await this.stores.beneficiaries.get(beneficiaryId);
    const subject = { kind: 'beneficiary', id: beneficiaryId, programmeId: person?.programmeId };
    const decision = await this.access!.check(ctx, 'audit.view', subject);
    if (!decision.allowed) return refused(decision);
    const entries = await professionalAccesses(this.stores, beneficiaryId, limit, true);
    await this.access!.record(ctx, 'audit.view', subject);
    // The person's name, for the heading: the reader may see it (the check above allowed this file).
    return { outcome: 'entries', entries, ...(person ? { name: `${person.firstName} ${person.lastName}` } : {}) };
  }

  /** For the beneficiary themself, once identified. */
  forBeneficiary(beneficiaryId: string, limit = 10): Promise<AccessEntry[]> {
    return professionalAccesses(this.stores, beneficiaryId, limit);
  }
}
