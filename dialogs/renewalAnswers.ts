/**
 * « un autre carnet », « pourquoi il ne marche plus mon carnet », « je peux
 * en avoir d'autres des chèques ? »: the answer from where the person
 * stands, always with whom to ask and their phone (services/humanContacts:
 * the structure that gave the carnet first). Expired: since when, the hours
 * lost, who gives a new one. Used up: who gives another. Hours left: how
 * many, until when, and who gives another once they are used. A published
 * limit (Drôme: 8 chéquiers) is said; an assumed one stays internal. Not
 * identified: who gives carnets in the programme, and whom to ask.
 */
import type { TurnContext } from 'botbuilder';
import type { BalanceSummary } from '../src/domain/balance';
import type { Commune } from '../src/domain/communes';
import type { Programme } from '../src/domain/programme';
import { sendReply } from '../src/channels/send';
import type { PersonContacts } from '../src/services/beneficiaryAccount';
import { formatDate, joinWithOr, lowerFirst } from '../src/wording';
import { hoursLost } from './accountAnswers';
import type { DialogDeps } from './deps';
import { contactLine, contactLines, contactsFor, reach } from './humanContacts';
import { knownProgramme } from './programmeOf';
import { NO_HOURS } from './flowEnd';

/** The limit of carnets a person may receive, when the département published one. */
function publishedLimit(programme: Programme): number | undefined {
  const limit = programme.limits.maxBooksPerBeneficiary;
  return !limit.assumed && limit.value ? limit.value : undefined;
}

/** Where the person stands, for a proved beneficiary: their current carnet (not expired first), and whom to ask. */
export async function answerRenewal(context: TurnContext, beneficiaryId: string, deps: DialogDeps): Promise<typeof NO_HOURS | undefined> {
  const { t, services, clock } = deps;
  const programme = await knownProgramme(context, deps);
  if (!programme) return undefined;
  const now = clock.now();
  const summaries = await services.account.balances(beneficiaryId, programme, now);
  const known = await services.account.contacts(beneficiaryId);
  const contacts = await contactsFor(context, deps, { programme, known });
  const book = programme.voucherBook.word;
  const ask = (key: string, options: object = {}) => [t(key, { book, ...options }), ...contactLines(contacts, t, programme, now)];
  const current = summaries[0];
  if (!current) {
    const prescribers = joinWithOr(programme.prescribedBy.map(lowerFirst), t);
    await sendReply(context, ask('renew.none', { prescribers }).join('\n'), t);
    return NO_HOURS;
  }
  // Expired or used up: nothing to book with, so the menu next offers no booking.
  const ended = current.expired || current.hoursLeft === 0 ? NO_HOURS : undefined;
  const max = publishedLimit(programme);
  const expired = current.expired ? expiredLines(current, programme, known, t, now) : undefined;
  if (expired?.called) {
    // The structure that gave it is named with its phone: enough.
    await sendReply(context, expired.lines.join('\n'), t);
    return ended;
  }
  const lines = expired ? expired.lines : [stateLine(current, programme, t)];
  if (max && summaries.length >= max) lines.push(...ask('renew.limit_reached', { max }));
  else {
    if (max) lines.push(t('balance.books_used', { count: summaries.length, max, book }));
    lines.push(...ask(current.hoursLeft > 0 && !current.expired ? 'renew.ask_later' : 'renew.ask_now'));
  }
  await sendReply(context, lines.join('\n'), t);
  return ended;
}

/** « ne fonctionne plus : il a expiré le … », the hours lost, and the structure that gave it with its phone when known. */
function expiredLines(
  summary: BalanceSummary,
  programme: Programme,
  known: PersonContacts,
  t: DialogDeps['t'],
  now: Date,
): { lines: string[]; called: boolean } {
  const book = programme.voucherBook.word;
  const lines = [t('renew.expired', { book, number: summary.number, date: formatDate(summary.expiresAt, t) })];
  const lost = hoursLost(summary);
  if (lost > 0) lines.push(t('balance.expired_lost', { count: lost }));
  const structure = known.structurePlace && reach(known.structurePlace, t, now);
  const called = !!(known.structure && structure);
  if (called) lines.push(t('balance.expired_call', { structure: known.structure, reach: structure }));
  return { lines, called };
}

/** Used up (or all booked), or the hours left and until when. */
function stateLine(summary: BalanceSummary, programme: Programme, t: DialogDeps['t']): string {
  const book = programme.voucherBook.word;
  if (summary.hoursLeft > 0) {
    return t('renew.left', {
      book,
      number: summary.number,
      hours: t('common.hours', { count: summary.hoursLeft }),
      date: formatDate(summary.expiresAt, t),
    });
  }
  return t(summary.hoursReserved > 0 ? 'renew.used_or_reserved' : 'renew.used_up', { book, number: summary.number });
}

/** Not identified: who gives carnets in this programme (and the published limit), whom to ask, and how to see one's own. */
export async function sendRenewalRule(
  context: TurnContext,
  deps: DialogDeps,
  programme: Programme,
  options: { commune?: Commune; neverHadOne?: boolean } = {},
): Promise<void> {
  const { t, clock } = deps;
  const book = programme.voucherBook.word;
  const contacts = await contactsFor(context, deps, { programme, ...(options.commune ? { commune: options.commune } : {}) });
  const max = publishedLimit(programme);
  const lines = [
    t('renew.rule', { book, prescribers: joinWithOr(programme.prescribedBy.map(lowerFirst), t) }) +
      (max ? ` ${t('renew.limit', { max, book })}` : ''),
    t('renew.ask'),
    ...contactLines(contacts, t, programme, clock.now()),
    // « jai jamais eu de carnet »: no hours of her own to look at.
    ...(options.neverHadOne ? [] : [t('renew.own_hours')]),
  ];
  await sendReply(context, lines.join('\n'), t);
}

/**
 * After the last hour is booked (« Il ne vous reste plus d'heure. »): who
 * gives more, the first of the people who know the person, with the phone.
 */
export async function moreHoursLines(
  context: TurnContext,
  deps: DialogDeps,
  beneficiaryId: string,
  programme?: Programme,
): Promise<string[]> {
  const { t, services, clock } = deps;
  const known = await services.account.contacts(beneficiaryId);
  const [first] = await contactsFor(context, deps, { ...(programme ? { programme } : {}), known });
  return first ? [t('book.more_hours'), contactLine(first, t, programme, clock.now())] : [];
}
