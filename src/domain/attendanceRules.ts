/**
 * What marking a session does to its reserved hours, and when a mark may be
 * corrected. Attended consumes them; a no-show follows the programme's
 * policy (consume or release). A mark turned into the other one moves no
 * hour when both settle the same way (a no-show that consumes, corrected to
 * attended): only the booking's status changes, and the ledger stays as it
 * is. When they settle differently, the hours have already gone one way and
 * the ledger has no operation to bring consumed hours back: such a
 * correction is the coordination's, not the trainer's. Pure.
 */
import type { Programme } from './programme';

export type Settlement = 'consume' | 'release';

export function markSettlement(attended: boolean, programme: Pick<Programme, 'cancellation'>): Settlement {
  return attended ? 'consume' : programme.cancellation.noShow.value;
}

export type MarkCorrection =
  /** The hours stay where the first mark put them: only the status changes. */
  | { kind: 'status_only'; settlement: Settlement }
  /** The first mark moved the hours another way than the new one would. */
  | { kind: 'hours_moved'; settlement: Settlement };

export function markCorrection(wasAttended: boolean, attended: boolean, programme: Pick<Programme, 'cancellation'>): MarkCorrection {
  const before = markSettlement(wasAttended, programme);
  const after = markSettlement(attended, programme);
  return before === after ? { kind: 'status_only', settlement: after } : { kind: 'hours_moved', settlement: before };
}
