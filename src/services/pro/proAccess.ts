/**
 * The gate every professional request passes: the rights matrix decides
 * (domain/rights.ts), and the access — granted or refused — is written to
 * the audit trail with who, role, what, which beneficiary, when, channel.
 * Nothing about a beneficiary is read for a professional before `check`.
 */
import { type Clock, systemClock } from '../../domain/clock';
import { newId } from '../../domain/ids';
import type { Professional } from '../../domain/professional';
import { decide, type Decision, type ProAction, type RefusalReason } from '../../domain/rights';
import type { Actor } from '../../domain/types';
import type { Stores } from '../../store/repositories';

/** Who asks, on which channel: rebuilt on every turn, never cached. */
export interface ProContext {
  professional: Professional | undefined;
  channelId: string;
}

export type Refused = { outcome: 'refused'; reason: RefusalReason | 'other_place' };

export interface AuditSubject {
  kind: string;
  id: string;
  programmeId?: string;
}

export function actorOf(professional: Professional): Actor {
  return { kind: professional.role, id: professional.id };
}

export class ProAccess {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Decides; a refusal is audited at once and returned. */
  async check(ctx: ProContext, action: ProAction, subject: AuditSubject): Promise<Decision> {
    const scope = ctx.professional && subject.programmeId === ctx.professional.programmeId ? 'own' : 'other';
    const decision = decide({ channelId: ctx.channelId, role: ctx.professional?.role, action, scope });
    if (!decision.allowed) await this.record(ctx, action, subject, { outcome: 'refused', reason: decision.reason });
    return decision;
  }

  /** Writes one audit event for an access that happened (or was refused). */
  async record(
    ctx: ProContext,
    action: string,
    subject: AuditSubject,
    details: Record<string, string | number | boolean> = {},
  ): Promise<void> {
    const pro = ctx.professional;
    await this.stores.audit.append({
      id: newId(),
      at: this.clock.now(),
      actor: pro ? actorOf(pro) : { kind: 'system', id: 'unrecognised' },
      ...(subject.programmeId ? { programmeId: subject.programmeId } : {}),
      action,
      subject: { kind: subject.kind, id: subject.id },
      details: {
        channel: ctx.channelId,
        ...(pro ? { role: pro.role } : {}),
        ...(pro?.structure ? { structure: pro.structure } : {}),
        outcome: 'ok',
        ...details,
      },
    });
  }
}

export function refused(decision: Decision): Refused {
  return { outcome: 'refused', reason: decision.allowed ? 'role' : decision.reason };
}
