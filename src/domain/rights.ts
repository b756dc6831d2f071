/**
 * Who may do what: the rights matrix of the professional features, as data.
 * Pure. Every professional request goes through `decide` before any read,
 * so the rule lives in one place and one test can walk every cell of it:
 * role × action × own/other programme × channel, and "not a professional".
 */

export const PRO_ROLES = ['prescriber', 'coordinator', 'trainer'] as const;
export type ProRole = (typeof PRO_ROLES)[number];

export const PRO_ACTIONS = [
  /** Find a beneficiary by carnet number or by name (and birth date). */
  'beneficiary.search',
  /** Read a beneficiary's file: balance, upcoming sessions, chéquiers used. */
  'beneficiary.view',
  /** Prescribe a carnet / chéquier (creating the beneficiary if new). */
  'voucherBook.prescribe',
  /** Unlock a carnet locked after too many wrong birth dates, once the person was called. */
  'voucherBook.unlock',
  /** Read the sessions (and who is booked) at places. */
  'sessions.view',
  /** Mark a booked session attended or missed. */
  'attendance.record',
  /** Read who accessed a beneficiary's file. */
  'audit.view',
  /** Read the programme's figures (the report computed from the ledger). */
  'figures.view',
] as const;
export type ProAction = (typeof PRO_ACTIONS)[number];

/** Whether the subject belongs to the professional's own programme. */
export type Scope = 'own' | 'other';

/** The only channel where professionals are recognised (Teams, with an Entra ID identity). */
export const PRO_CHANNEL = 'msteams';

const GRANTS: Record<ProRole, ReadonlySet<ProAction>> = {
  prescriber: new Set<ProAction>(['beneficiary.search', 'beneficiary.view', 'voucherBook.prescribe', 'voucherBook.unlock']),
  trainer: new Set<ProAction>(['sessions.view', 'attendance.record']),
  // "All of their programme": every action, audit included.
  coordinator: new Set<ProAction>(PRO_ACTIONS),
};

export type RefusalReason = 'channel' | 'not_professional' | 'role' | 'other_programme';

export type Decision = { allowed: true } | { allowed: false; reason: RefusalReason };

export interface RightsRequest {
  channelId: string;
  /** undefined: the person is not a recognised, active professional. */
  role: ProRole | undefined;
  action: ProAction;
  scope: Scope;
}

/**
 * The decision, in the order a refusal is explained: wrong channel first
 * (nothing professional outside Teams), then identity, role, programme.
 * A professional of one programme never reaches another's beneficiaries.
 */
export function decide(request: RightsRequest): Decision {
  if (request.channelId !== PRO_CHANNEL) return { allowed: false, reason: 'channel' };
  if (request.role === undefined) return { allowed: false, reason: 'not_professional' };
  if (!GRANTS[request.role].has(request.action)) return { allowed: false, reason: 'role' };
  if (request.scope !== 'own') return { allowed: false, reason: 'other_programme' };
  return { allowed: true };
}

/** The actions a role may take in its own programme (for menus). */
export function grantedActions(role: ProRole): ProAction[] {
  return PRO_ACTIONS.filter((action) => GRANTS[role].has(action));
}
