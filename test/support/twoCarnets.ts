/**
 * A person with two carnets, the way it happens: Paulette Roux (Lozère,
 * Mende, born 15/02/1950) has almost used up her first carnet — 1 hour
 * left, and it expires in five days (Monday 7 December on the tests'
 * clock) — and her social worker has just prescribed a new one of 10 hours.
 * The corpus sets it up with `twoCarnets: true`; the unit tests use it too.
 */
import { issueVoucherBook, applyEntry } from '../../src/domain/voucherLedger';
import { voucherBookNumberFor } from '../../src/domain/voucherBookNumber';
import type { Actor, VoucherBook } from '../../src/domain/types';
import type { Stores } from '../../src/store/repositories';

const DAY = 24 * 3_600_000;
const SEED: Actor = { kind: 'system', id: 'test-two-carnets' };

export const PAULETTE = {
  id: 'two-carnets-paulette',
  firstName: 'Paulette',
  lastName: 'Roux',
  birthDate: '1950-02-15',
  /** Mende. */
  communeInsee: '48095',
  oldBook: { id: 'two-carnets-old', number: voucherBookNumberFor('LOZ', 'PAUL22') },
  newBook: { id: 'two-carnets-new', number: voucherBookNumberFor('LOZ', 'NEUF23') },
  /** The old carnet expires this long after the clock's now. */
  oldExpiresInDays: 5,
} as const;

/** The old carnet: 10 hours, 9 used in weekly sessions, 1 left, expiring soon. */
function oldCarnet(now: Date): VoucherBook {
  const issuedAt = new Date(now.getTime() - 360 * DAY);
  let book = issueVoucherBook({
    id: PAULETTE.oldBook.id,
    number: PAULETTE.oldBook.number,
    programmeId: 'lozere',
    beneficiaryId: PAULETTE.id,
    hours: 10,
    issuedAt,
    expiresAt: new Date(now.getTime() + PAULETTE.oldExpiresInDays * DAY),
    issuedBy: SEED,
    structure: 'France services de Mende',
    reason: 'first carnet',
  });
  for (let i = 0; i < 9; i += 1) {
    const at = new Date(issuedAt.getTime() + (i + 1) * 7 * DAY);
    for (const operation of ['reserve', 'consume'] as const) {
      const applied = applyEntry(book, {
        operationId: `seed-${operation}-${i}`,
        operation,
        hours: 1,
        at,
        by: SEED,
        reason: 'past session',
      });
      if (applied.outcome !== 'applied') throw new Error(`seeding the old carnet: ${applied.outcome}`);
      book = applied.book;
    }
  }
  return book;
}

export async function seedTwoCarnets(stores: Stores, now: Date): Promise<void> {
  await stores.beneficiaries.create({
    id: PAULETTE.id,
    programmeId: 'lozere',
    firstName: PAULETTE.firstName,
    lastName: PAULETTE.lastName,
    birthDate: PAULETTE.birthDate,
    communeInsee: PAULETTE.communeInsee,
    createdAt: new Date(now.getTime() - 360 * DAY),
    createdBy: SEED,
  });
  await stores.voucherBooks.create(oldCarnet(now));
  await stores.voucherBooks.create(
    issueVoucherBook({
      id: PAULETTE.newBook.id,
      number: PAULETTE.newBook.number,
      programmeId: 'lozere',
      beneficiaryId: PAULETTE.id,
      hours: 10,
      issuedAt: new Date(now.getTime() - DAY),
      expiresAt: new Date(now.getTime() + 364 * DAY),
      issuedBy: SEED,
      structure: 'France services de Mende',
      reason: 'second carnet',
    }),
  );
}
