/**
 * Who is this Teams user? Read from the store on EVERY turn (never cached in
 * state), so disabling a professional takes effect on their next message.
 */
import { type Clock, systemClock } from '../../domain/clock';
import { newId } from '../../domain/ids';
import { type Professional, professionalFromRecords, type TeamsIdentity } from '../../domain/professional';
import { PRO_CHANNEL } from '../../domain/rights';
import type { Stores } from '../../store/repositories';

export class ProfessionalDirectory {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock = systemClock,
  ) {}

  async recognise(channelId: string, identity: TeamsIdentity): Promise<Professional | undefined> {
    if (channelId !== PRO_CHANNEL || !identity.aadObjectId) return undefined;
    const [prescriber, trainer] = await Promise.all([
      this.stores.prescribers.findByAadObjectId(identity.aadObjectId),
      this.stores.trainers.findByAadObjectId(identity.aadObjectId),
    ]);
    return professionalFromRecords(identity, prescriber, trainer);
  }

  /** A Teams user asked for professional features without being one: kept for the administrators. */
  async recordUnknown(channelId: string, identity: TeamsIdentity): Promise<void> {
    await this.stores.audit.append({
      id: newId(),
      at: this.clock.now(),
      actor: { kind: 'system', id: 'unrecognised' },
      action: 'professional.unknown',
      subject: { kind: 'teamsUser', id: identity.aadObjectId ?? 'none' },
      details: { channel: channelId, outcome: 'refused', ...(identity.tenantId ? { tenantId: identity.tenantId } : {}) },
    });
  }
}
