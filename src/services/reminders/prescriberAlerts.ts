/**
 * Prescribers follow the people they prescribed for: when the programme
 * enables it, each professional who issued one of the person's carnets is
 * told in Teams once the person has used all their hours, or has missed
 * the programme's number of sessions. Checked after what can cause either:
 * a session marked attended or missed, a late cancellation that counts the
 * hour. One message per professional and reason (per carnet for "all hours
 * used"): checking twice plans nothing new.
 */
import { outboxIds, type PrescriberAlert } from '../../domain/outbox';
import type { Programme } from '../../domain/programme';
import type { VoucherBook } from '../../domain/types';
import type { Stores } from '../../store/repositories';
import { newMessage } from './reminderPlanner';

/** Carnet issuers who are prescribing professionals (not the seed, not the system). */
const PRESCRIBING_ACTORS = new Set(['prescriber', 'coordinator']);

/** Every hour of the active carnets is consumed: none left, none reserved, some used. */
export function allHoursUsed(books: readonly VoucherBook[]): boolean {
  const active = books.filter((b) => b.status === 'active');
  return active.length > 0 && active.every((b) => b.hoursLeft === 0 && b.hoursReserved === 0) && active.some((b) => b.hoursConsumed > 0);
}

/**
 * A carnet locked for good after wrong birth dates (services/identityGuard):
 * the professional who issued it is told, to call the person and unlock it
 * from their file. Nothing for a number no carnet has, or a carnet from the
 * seed. One alert per lock: the instant is part of its id.
 */
export async function planLockedBookAlert(stores: Stores, voucherBookNumber: string, now: Date): Promise<boolean> {
  const book = await stores.voucherBooks.getByNumber(voucherBookNumber);
  if (!book || !PRESCRIBING_ACTORS.has(book.issuedBy.kind)) return false;
  const professionalId = book.issuedBy.id;
  const message = newMessage({
    id: outboxIds.prescriberAlert('book_locked', professionalId, `${book.id}:${now.toISOString()}`),
    kind: 'prescriber_alert',
    programmeId: book.programmeId,
    beneficiaryId: book.beneficiaryId,
    dueAt: now,
    now,
  });
  return stores.outbox.add({ ...message, professionalId, alert: 'book_locked', voucherBookId: book.id });
}

export class PrescriberAlertPlanner {
  constructor(
    private readonly stores: Stores,
    private readonly programmes: readonly Programme[],
  ) {}

  /** Plans what this person's situation now calls for; returns how many alerts were added. */
  async check(beneficiaryId: string, now: Date): Promise<number> {
    const person = await this.stores.beneficiaries.get(beneficiaryId);
    const settings = this.programmes.find((p) => p.id === person?.programmeId)?.reminders.prescriberAlerts?.value;
    if (!person || !settings) return 0;
    const books = await this.stores.voucherBooks.listByBeneficiary(beneficiaryId);
    const prescribers = [...new Set(books.filter((b) => PRESCRIBING_ACTORS.has(b.issuedBy.kind)).map((b) => b.issuedBy.id))];
    if (prescribers.length === 0) return 0;
    const due: { alert: PrescriberAlert; about: string }[] = [];
    if (settings.hoursUsed && allHoursUsed(books)) {
      const latest = [...books].sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime())[0];
      due.push({ alert: 'hours_used', about: latest.id });
    }
    if (settings.missedSessions > 0) {
      const missed = await this.stores.bookings.list({ beneficiaryId, statuses: ['missed'] });
      if (missed.length >= settings.missedSessions) due.push({ alert: 'missed_twice', about: beneficiaryId });
    }
    let added = 0;
    for (const { alert, about } of due) {
      for (const professionalId of prescribers) {
        const message = newMessage({
          id: outboxIds.prescriberAlert(alert, professionalId, about),
          kind: 'prescriber_alert',
          programmeId: person.programmeId,
          beneficiaryId,
          dueAt: now,
          now,
        });
        if (await this.stores.outbox.add({ ...message, professionalId, alert })) added += 1;
      }
    }
    return added;
  }
}
