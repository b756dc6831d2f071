/**
 * A carnet locked for good after wrong birth dates (services/identityGuard)
 * waits for a professional of its programme who may prescribe: they call
 * the person, then unlock it from the person's file. Checked and audited
 * as every professional action.
 */
import type { Stores } from '../../store/repositories';
import type { IdentityGuard } from '../identityGuard';
import { type ProAccess, type ProContext, type Refused, refused } from './proAccess';

export type UnlockOutcome = Refused | { outcome: 'unlocked'; numbers: string[]; name: string } | { outcome: 'not_locked' };

export class VoucherBookUnlock {
  constructor(
    private readonly stores: Stores,
    private readonly access: ProAccess,
    private readonly guard: Pick<IdentityGuard, 'isLockedForGood' | 'unlock'>,
  ) {}

  /** The numbers of the person's carnets that wait for an unlock. */
  async lockedNumbers(beneficiaryId: string): Promise<string[]> {
    const books = await this.stores.voucherBooks.listByBeneficiary(beneficiaryId);
    const locked = await Promise.all(books.map(async (b) => ((await this.guard.isLockedForGood(b.number)) ? b.number : undefined)));
    return locked.filter((n): n is string => n !== undefined);
  }

  async unlock(ctx: ProContext, beneficiaryId: string): Promise<UnlockOutcome> {
    const person = await this.stores.beneficiaries.get(beneficiaryId);
    const subject = { kind: 'beneficiary', id: beneficiaryId, programmeId: person?.programmeId };
    const decision = await this.access.check(ctx, 'voucherBook.unlock', subject);
    if (!decision.allowed) return refused(decision);
    const numbers = await this.lockedNumbers(beneficiaryId);
    if (numbers.length === 0) return { outcome: 'not_locked' };
    for (const number of numbers) await this.guard.unlock(number);
    await this.access.record(ctx, 'voucherBook.unlock', subject, { count: numbers.length });
    return { outcome: 'unlocked', numbers, name: person ? `${person.firstName} ${person.lastName}` : '' };
  }
}
