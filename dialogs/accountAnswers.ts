/** The answer about a person's own account: hours left on each carnet. */
import type { TurnContext } from 'botbuilder';
import type { BalanceSummary } from '../src/domain/balance';
import type { Programme } from '../src/domain/programme';
import type { Translate } from '../src/i18n';
import type { DialogDeps } from './deps';
import { formatDate } from '../src/wording';
import { knownProgramme } from './programmeOf';
import { sendReply } from '../src/channels/send';

function balanceText(summary: BalanceSummary, programme: Programme, t: Translate): string {
  const book = programme.voucherBook.word;
  if (summary.expired) {
    return [
      t('balance.expired', { book, number: summary.number, date: formatDate(summary.expiresAt, t) }),
      t('balance.expired_next'),
    ].join('\n');
  }
  const lines = [t('balance.book', { book, number: summary.number })];
  const value = summary.eurosLeft === undefined ? '' : t('balance.value', { euros: t('common.euros', { amount: summary.eurosLeft }) });
  lines.push(t('balance.left', { count: summary.hoursLeft }) + value);
  if (summary.hoursReserved > 0) lines.push(t('balance.reserved', { count: summary.hoursReserved }));
  if (summary.hoursConsumed > 0) lines.push(t('balance.consumed', { count: summary.hoursConsumed }));
  lines.push(t('balance.valid_until', { date: formatDate(summary.expiresAt, t) }));
  return lines.join('\n');
}

export async function answerBalance(context: TurnContext, beneficiaryId: string, deps: DialogDeps): Promise<void> {
  const { t, services } = deps;
  const programme = await knownProgramme(context, deps);
  if (!programme) return;
  const summaries = await services.account.balances(beneficiaryId, programme, deps.clock.now());
  if (summaries.length === 0) {
    await sendReply(context, t('balance.none', { book: programme.voucherBook.word }), t);
    return;
  }
  for (const summary of summaries) await sendReply(context, balanceText(summary, programme, t), t);
  // Only a published limit is stated (Drôme: 8 chéquiers); an assumed one stays internal.
  const limit = programme.limits.maxBooksPerBeneficiary;
  if (!limit.assumed && limit.value) {
    await sendReply(context, t('balance.books_used', { count: summaries.length, max: limit.value, book: programme.voucherBook.word }), t);
  }
}
