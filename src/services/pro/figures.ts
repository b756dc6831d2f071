/**
 * The programme's figures for a coordinator in Teams: the same report as
 * `npm run report`, computed from the ledger, for their own programme only;
 * reading it is an audited access like any other.
 */
import type { ProgrammeReport } from '../../domain/programmeReport';
import type { Stores } from '../../store/repositories';
import { buildProgrammeReport } from '../programmeReport';
import { type ProAccess, type ProContext, type Refused, refused } from './proAccess';

export class ProgrammeFigures {
  constructor(
    private readonly stores: Stores,
    private readonly access: ProAccess,
  ) {}

  /** Figures of `programmeId` between two Paris dates (YYYY-MM-DD, inclusive). */
  async report(
    ctx: ProContext,
    programmeId: string,
    from: string,
    to: string,
  ): Promise<Refused | { outcome: 'report'; report: ProgrammeReport }> {
    const subject = { kind: 'programme', id: programmeId, programmeId };
    const decision = await this.access.check(ctx, 'figures.view', subject);
    if (!decision.allowed) return refused(decision);
    const report = await buildProgrammeReport(this.stores, programmeId, from, to);
    await this.access.record(ctx, 'figures.view', subject);
    return { outcome: 'report', report };
  }
}
