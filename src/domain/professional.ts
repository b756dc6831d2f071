/**
 * One view of the people who work with the bot in Teams: prescribers and
 * coordinators (Prescriber records) and trainers (Trainer records). Pure:
 * the service reads the records, this module decides whether they make a
 * recognised professional for this turn.
 */
import type { ProRole } from './rights';
import type { Prescriber, Trainer } from './types';

export interface Professional {
  /** Store id of the Prescriber or Trainer record. */
  id: string;
  role: ProRole;
  programmeId: string;
  displayName: string;
  /** Prescribing structure; trainers have their places instead. */
  structure?: string;
  /** Training places (trainers only). */
  placeIds: string[];
}

export interface TeamsIdentity {
  aadObjectId?: string;
  tenantId?: string;
}

/**
 * A record recognises a Teams user when it is active and, if it names a
 * tenant, the activity comes from that tenant. A record without tenant
 * accepts the Entra object id alone (object ids are unique GUIDs; the
 * operator sets the tenant to pin it).
 */
function tenantMatches(recordTenant: string | undefined, activityTenant: string | undefined): boolean {
  return recordTenant === undefined || recordTenant === activityTenant;
}

export function professionalFromRecords(
  identity: TeamsIdentity,
  prescriber: Prescriber | undefined,
  trainer: Trainer | undefined,
): Professional | undefined {
  if (!identity.aadObjectId) return undefined;
  if (
    prescriber &&
    prescriber.active &&
    prescriber.aadObjectId === identity.aadObjectId &&
    tenantMatches(prescriber.tenantId, identity.tenantId)
  ) {
    return {
      id: prescriber.id,
      role: prescriber.role,
      programmeId: prescriber.programmeId,
      displayName: prescriber.displayName,
      structure: prescriber.structure,
      placeIds: [],
    };
  }
  if (trainer && trainer.active && trainer.aadObjectId === identity.aadObjectId && tenantMatches(trainer.tenantId, identity.tenantId)) {
    return {
      id: trainer.id,
      role: 'trainer',
      programmeId: trainer.programmeId,
      displayName: trainer.firstName,
      placeIds: [...trainer.placeIds],
    };
  }
  return undefined;
}
