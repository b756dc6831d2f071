/**
 * The voucher ledger rules: how each operation moves hours between the
 * buckets of a book (left, reserved, consumed, expired), and what must hold
 * before it may apply. Pure: the stores turn an `LedgerEffect` into one
 * atomic conditional update, so the rule lives here once for every store.
 */
import type { Actor, LedgerEntry, LedgerOperation, VoucherBook } from './types';

export type HourBucket = 'hoursLeft' | 'hoursReserved' | 'hoursConsumed' | 'hoursExpired';

export interface LedgerEffect {
  /** Bucket that gives the hours; it must hold at least `hours`. */
  from: HourBucket;
  /** Bucket that receives them. */
  to: HourBucket;
  /** Whether the book must not have passed its expiry date. */
  requiresUnexpired: boolean;
}

const EFFECTS: Record<Exclude<LedgerOperation, 'issue'>, LedgerEffect> = {
  reserve: { from: 'hoursLeft', to: 'hoursReserved', requiresUnexpired: true },
  release: { from: 'hoursReserved', to: 'hoursLeft', requiresUnexpired: false },
  consume: { from: 'hoursReserved', to: 'hoursConsumed', requiresUnexpired: false },
  expire: { from: 'hoursLeft', to: 'hoursExpired', requiresUnexpired: false },
  // Reserved hours change hands (a move): the buckets stay as they are, the entry says who holds them.
  transfer: { from: 'hoursReserved', to: 'hoursReserved', requiresUnexpired: false },
};

export function ledgerEffect(operation: Exclude<LedgerOperation, 'issue'>): LedgerEffect {
  return EFFECTS[operation];
}

/** Outcome of applying one ledger entry to a book. */
export type LedgerResult =
  | { outcome: 'applied'; book: VoucherBook }
  /** The same operation id was applied before: nothing changed (replay). */
  | { outcome: 'duplicate'; book: VoucherBook }
  | { outcome: 'insufficient'; book: VoucherBook }
  | { outcome: 'expired'; book: VoucherBook }
  | { outcome: 'inactive'; book: VoucherBook }
  | { outcome: 'not_found' };

/**
 * Explains why a conditional update did not match, from the book as it is
 * now. Used by the stores after a guarded write found nothing to change.
 */
export function classifyRefusal(book: VoucherBook | undefined, entry: LedgerEntry): Exclude<LedgerResult, { outcome: 'applied' }> {
  if (!book) return { outcome: 'not_found' };
  if (book.ledger.some((e) => e.operationId === entry.operationId)) return { outcome: 'duplicate', book };
  if (book.status !== 'active') return { outcome: 'inactive', book };
  const effect = ledgerEffect(entry.operation as Exclude<LedgerOperation, 'issue'>);
  if (effect.requiresUnexpired && book.expiresAt.getTime() <= entry.at.getTime()) return { outcome: 'expired', book };
  return { outcome: 'insufficient', book };
}

/** Applies an entry in memory: the reference the stores are tested against. */
export function applyEntry(book: VoucherBook, entry: LedgerEntry): LedgerResult {
  if (entry.operation === 'issue') throw new Error('issue entries are written when the book is created');
  if (!Number.isFinite(entry.hours) || entry.hours <= 0) throw new Error('ledger hours must be a positive number');
  const effect = ledgerEffect(entry.operation);
  const fits =
    book.status === 'active' &&
    !book.ledger.some((e) => e.operationId === entry.operationId) &&
    book[effect.from] >= entry.hours &&
    (!effect.requiresUnexpired || book.expiresAt.getTime() > entry.at.getTime());
  if (!fits) return classifyRefusal(book, entry);
  const moved = { ...book, [effect.from]: book[effect.from] - entry.hours };
  return { outcome: 'applied', book: { ...moved, [effect.to]: moved[effect.to] + entry.hours, ledger: [...book.ledger, entry] } };
}

/**
 * The bookings whose hours are reserved and not yet released, consumed or
 * expired, by the ledger alone: a `reserve` holds them, a `transfer` hands
 * them to the booking that replaced the first.
 */
export function heldBookingIds(ledger: readonly LedgerEntry[]): Set<string> {
  const held = new Set<string>();
  for (const entry of ledger) {
    if (!entry.bookingId) continue;
    if (entry.operation === 'reserve') held.add(entry.bookingId);
    else if (entry.operation === 'transfer') {
      if (entry.fromBookingId) held.delete(entry.fromBookingId);
      held.add(entry.bookingId);
    } else if (entry.operation === 'release' || entry.operation === 'consume' || entry.operation === 'expire') held.delete(entry.bookingId);
  }
  return held;
}

/**
 * Rebuilds the buckets from the ledger alone: the audit check that the
 * stored balance is what the history says.
 */
export function balanceFromLedger(ledger: readonly LedgerEntry[]): Pick<VoucherBook, HourBucket | 'hoursTotal'> {
  const b = { hoursTotal: 0, hoursLeft: 0, hoursReserved: 0, hoursConsumed: 0, hoursExpired: 0 };
  for (const entry of ledger) {
    if (entry.operation === 'issue') {
      b.hoursTotal += entry.hours;
      b.hoursLeft += entry.hours;
      continue;
    }
    const effect = ledgerEffect(entry.operation);
    b[effect.from] -= entry.hours;
    b[effect.to] += entry.hours;
  }
  return b;
}

/** The invariant every book keeps: nothing negative, buckets add up. */
export function isBalanced(book: VoucherBook): boolean {
  const buckets = [book.hoursLeft, book.hoursReserved, book.hoursConsumed, book.hoursExpired];
  return buckets.every((h) => h >= 0) && book.hoursLeft + book.hoursReserved + book.hoursConsumed + book.hoursExpired === book.hoursTotal;
}

export interface NewVoucherBook {
  id: string;
  number: string;
  programmeId: string;
  beneficiaryId: string;
  hours: number;
  issuedAt: Date;
  expiresAt: Date;
  issuedBy: Actor;
  structure?: string;
  /** Why it was issued, for staff (never personal data). */
  reason: string;
}

/** A new, active book: all its hours left, and the `issue` entry that says so. */
export function issueVoucherBook(spec: NewVoucherBook): VoucherBook {
  if (!Number.isFinite(spec.hours) || spec.hours <= 0) throw new Error('a book holds a positive number of hours');
  return {
    id: spec.id,
    number: spec.number,
    programmeId: spec.programmeId,
    beneficiaryId: spec.beneficiaryId,
    issuedAt: spec.issuedAt,
    expiresAt: spec.expiresAt,
    issuedBy: spec.issuedBy,
    ...(spec.structure ? { structure: spec.structure } : {}),
    hoursTotal: spec.hours,
    hoursLeft: spec.hours,
    hoursReserved: 0,
    hoursConsumed: 0,
    hoursExpired: 0,
    status: 'active',
    ledger: [
      { operationId: `issue:${spec.id}`, operation: 'issue', hours: spec.hours, at: spec.issuedAt, by: spec.issuedBy, reason: spec.reason },
    ],
  };
}
