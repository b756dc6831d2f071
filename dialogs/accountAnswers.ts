/** The answer about a person's own account: hours left on each carnet, and what to do when none is left. */
import type { TurnContext } from 'botbuilder';
import type { BalanceSummary } from '../src/domain/balance';
import type { Programme } from '../src/domain/programme';
import type { Translate } from '../src/i18n';
import type { PersonContacts } from '../src/services/beneficiaryAccount';
import type { DialogDeps } from './deps';
import { formatDate, formatSlotStart } from '../src/wording';
import { contactLines, contactsFor, reach } from './humanContacts';
import type { HumanContact } from '../src/services/humanContacts';
import { knownProgramme } from './programmeOf';
import { sendReply } from '../src/channels/send';
import { NO_HOURS } from './flowEnd';
import { missedBalanceLine, missedText } from './missedAnswer';
import { asksWhyHourCounted } from '../src/nlu/conversationSignals';
import { writtenForName } from './speakingFor';

/** Hours an expired carnet lost: those the expiry wrote off, or those still on it when the expiry is not yet recorded. */
export function hoursLost(summary: BalanceSummary): number {
  return summary.hoursExpired > 0 ? summary.hoursExpired : summary.hoursLeft;
}

/**
 * An expired carnet: when, how many hours were lost, and whom to call for a
 * new one — the structure that gave it, with its phone, when the places
 * data knows it; else the whole human route.
 */
function expiredText(
  summary: BalanceSummary,
  programme: Programme,
  known: PersonContacts,
  contacts: readonly HumanContact[],
  t: Translate,
  now: Date,
): string {
  const book = programme.voucherBook.word;
  const lines = [t('balance.expired', { book, number: summary.number, date: formatDate(summary.expiresAt, t) })];
  const lost = hoursLost(summary);
  if (lost > 0) lines.push(t('balance.expired_lost', { count: lost }));
  const structure = known.structurePlace && reach(known.structurePlace, t, now);
  if (known.structure && structure) lines.push(t('balance.expired_call', { structure: known.structure, reach: structure }));
  else lines.push(t('balance.expired_next'), ...contactLines(contacts, t, programme, now));
  return lines.join('\n');
}

/**
 * The balance flow's dialog id. The About flow's own balance (a carnet typed
 * at its département question) bears it too, so that the conversation router
 * sees the balance under way there: « mes heures » at its birth-date question
 * is that flow's, not a second balance over it (the hours were shown twice).
 */
export const BALANCE_DIALOG = 'balance';

/** `next`: the carnet's next booked session, so « 1 heure réservée » says when. */
function balanceText(summary: BalanceSummary, programme: Programme, t: Translate, next?: Date, missedLine?: string, name?: string): string {
  const book = programme.voucherBook.word;
  const lines = [name ? t('balance.book_of', { book, number: summary.number, name }) : t('balance.book', { book, number: summary.number })];
  const value = summary.eurosLeft === undefined ? '' : t('balance.value', { euros: t('common.euros', { amount: summary.eurosLeft }) });
  lines.push(t('balance.left', { count: summary.hoursLeft }) + value);
  if (summary.hoursReserved > 0) {
    lines.push(
      next
        ? t('balance.reserved_next', { count: summary.hoursReserved, when: formatSlotStart(next, t) })
        : t('balance.reserved', { count: summary.hoursReserved }),
    );
  }
  if (summary.hoursConsumed > 0) lines.push(t('balance.consumed', { count: summary.hoursConsumed }));
  if (summary.hoursConsumed > 0 && missedLine) lines.push(missedLine);
  lines.push(t('balance.valid_until', { date: formatDate(summary.expiresAt, t) }));
  return lines.join('\n');
}

export async function answerBalance(
  context: TurnContext,
  beneficiaryId: string,
  deps: DialogDeps,
  utterance?: string,
): Promise<typeof NO_HOURS | undefined> {
  const { t, services } = deps;
  const programme = await knownProgramme(context, deps);
  if (!programme) return undefined;
  const now = deps.clock.now();
  const summaries = await services.account.balances(beneficiaryId, programme, now);
  if (summaries.length === 0) {
    await sendReply(context, t('balance.none', { book: programme.voucherBook.word }), t);
    return NO_HOURS;
  }
  // An hour counted for an absence is said in the balance; asked about (« pourquoi on m'a enlevé une heure ? »), explained first.
  const missed = await services.account.missedSessions(beneficiaryId);
  const asked = asksWhyHourCounted(utterance) || asksWhyHourCounted(context.activity.text);
  if (asked) await sendReply(context, missedText(missed, programme.voucherBook.word, t, now), t);
  const expired = summaries.some((s) => s.expired);
  const known = expired ? await services.account.contacts(beneficiaryId) : {};
  const contacts = expired ? await contactsFor(context, deps, { programme, known }) : [];
  const upcoming = summaries.some((s) => s.hoursReserved > 0) ? await services.account.upcomingBookings(beneficiaryId, now) : [];
  // Asked by a relative (« je suis la fille de Gérard »): « Le chéquier de Gérard », not « Votre chéquier ».
  const name = await writtenForName(context, deps, beneficiaryId);
  // Two carnets still valid: the hours of both together first, then each one's.
  const valid = summaries.filter((s) => !s.expired);
  if (valid.length > 1) {
    const count = await services.account.hoursLeftInAll(beneficiaryId, now);
    await sendReply(context, t('balance.all_books', { count, books: valid.length, book: programme.voucherBook.word }), t);
  }
  for (const summary of summaries) {
    const next = upcoming.find((u) => u.booking.voucherBookId === summary.voucherBookId)?.slot.start;
    await sendReply(
      context,
      summary.expired
        ? expiredText(summary, programme, known, contacts, t, now)
        : balanceText(summary, programme, t, next, missedBalanceLine(missed, summary.voucherBookId, t), name),
      t,
    );
  }
  // Only a published limit is stated (Drôme: 8 chéquiers); an assumed one stays internal.
  const limit = programme.limits.maxBooksPerBeneficiary;
  if (!limit.assumed && limit.value) {
    await sendReply(context, t('balance.books_used', { count: summaries.length, max: limit.value, book: programme.voucherBook.word }), t);
  }
  // Expired or used up: nothing to book with, so the menu offers no booking next.
  return summaries.some((s) => !s.expired && s.hoursLeft > 0) ? undefined : NO_HOURS;
}

/**
 * No hour to book with: the expired carnet said as such (hours lost, whom
 * to call), or no hour left; then the people who can give more, with
 * their numbers.
 */
export async function answerNoHours(context: TurnContext, beneficiaryId: string, deps: DialogDeps): Promise<void> {
  const { t, services } = deps;
  const programme = await knownProgramme(context, deps);
  const now = deps.clock.now();
  const known = await services.account.contacts(beneficiaryId);
  const contacts = await contactsFor(context, deps, { programme, known });
  const latest = programme ? (await services.account.balances(beneficiaryId, programme, now))[0] : undefined;
  if (programme && latest?.expired) {
    await sendReply(context, expiredText(latest, programme, known, contacts, t, now), t);
    return;
  }
  const lines = [t('book.no_hours', { book: programme?.voucherBook.word ?? t('common.book_word') })];
  lines.push(...contactLines(contacts, t, programme, now));
  await sendReply(context, lines.join('\n'), t);
}
