/**
 * "Qui a consulté mon dossier ?": after the same identity check as the
 * balance (IdentifiedDialog), the structures and dates of the professionals
 * who read or changed the person's file. Never their names, even when
 * the person names one (« c qui claire ? »): the structures and roles again.
 */
import type { TurnContext } from 'botbuilder';
import { formatDate } from '../src/wording';
import { frenchList } from '../src/i18n';
import { normalize } from '../src/nlu/normalize';
import type { DialogDeps } from './deps';
import { IdentifiedDialog } from './IdentifiedDialog';
import { sendReply } from '../src/channels/send';
import { contactLines as humanContactLines, contactsFor } from './humanContacts';
import { knownProgramme } from './programmeOf';

export const MY_ACCESS_LOG_DIALOG = 'myAccessLog';

let questions: string[] | undefined;

export function isAccessLogQuestion(text: string | undefined): boolean {
  if (!text) return false;
  questions ??= frenchList('pro:my_access_log.questions').map(normalize);
  const said = normalize(text).replace(/\?/g, '').trim();
  return questions.some((q) => said.includes(q));
}

export async function answerAccessLog(context: TurnContext, beneficiaryId: string, deps: DialogDeps): Promise<void> {
  const { t, state } = deps;
  const entries = await deps.services.accessLog.forBeneficiary(beneficiaryId);
  await state.conversationData.set(context, { ...(await state.conversationData.get(context, {})), accessLogOf: beneficiaryId });
  if (entries.length === 0) {
    const lines = [t('pro:my_access_log.none'), t('pro:my_access_log.more'), ...(await contactLines(context, beneficiaryId, deps))];
    await sendReply(context, lines.join('\n'), t);
    return;
  }
  // One line per structure and day: what the person wants to know is who, and when.
  const seen = new Set<string>();
  const lines: string[] = [t('pro:my_access_log.intro')];
  for (const entry of entries) {
    const date = formatDate(entry.at, t);
    const who = entry.structure ?? t(entry.role === 'trainer' ? 'pro:audit.trainer' : 'pro:audit.unknown_structure');
    if (seen.has(`${date}|${who}`)) continue;
    seen.add(`${date}|${who}`);
    lines.push(t('pro:my_access_log.line', { date, who }));
  }
  lines.push(t('pro:my_access_log.more'), ...(await contactLines(context, beneficiaryId, deps)));
  await sendReply(context, lines.join('\n'), t);
}

/** The person whose access log was the last answer, if it was (read once: the flag goes, whatever the message is). */
export async function followsAccessLog(context: TurnContext, deps: DialogDeps): Promise<string | undefined> {
  const data = await deps.state.conversationData.get(context, {});
  if (!data.accessLogOf) return undefined;
  await deps.state.conversationData.set(context, { ...data, accessLogOf: undefined });
  return data.accessLogOf;
}

/** A short question of who someone is (« c qui claire ? », « c'est qui ça ? »): `pro:my_access_log.who_questions`. */
const MAX_WHO_WORDS = 6;
let whoQuestions: string[] | undefined;

function asksWho(text: string): boolean {
  whoQuestions ??= frenchList('pro:my_access_log.who_questions').map(normalize);
  const said = normalize(text)
    .replace(/[?!.,;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!said || said.split(' ').length > MAX_WHO_WORDS) return false;
  return whoQuestions.some((q) => ` ${said} `.includes(` ${q} `));
}

/**
 * « c qui claire ? » right after the list of who looked at the file: who
 * looked, as the log says it — the structure, the role, the day — and
 * whom to ask. A name said is neither confirmed nor denied: the log gives
 * none (the professionals' names stay theirs). False, nothing sent, when
 * the message asks no such thing.
 */
export async function answerWhoLooked(context: TurnContext, deps: DialogDeps, text: string, beneficiaryId: string): Promise<boolean> {
  if (!asksWho(text)) return false;
  const { t } = deps;
  const entries = await deps.services.accessLog.forBeneficiary(beneficiaryId);
  const contacts = await contactLines(context, beneficiaryId, deps);
  if (entries.length === 0) {
    await sendReply(context, [t('pro:my_access_log.none'), t('pro:my_access_log.more'), ...contacts].join('\n'), t);
    return true;
  }
  const programme = await knownProgramme(context, deps);
  const book = programme?.voucherBook.word ?? t('common.book_word');
  const lines = new Set<string>();
  for (const entry of entries) {
    const who = entry.structure ?? t(entry.role === 'trainer' ? 'pro:audit.trainer' : 'pro:audit.unknown_structure');
    const role = t(`pro:my_access_log.roles.${ROLES.has(entry.role) ? entry.role : 'other'}`, { book });
    lines.add(t('pro:my_access_log.who_line', { who, role, date: formatDate(entry.at, t) }));
  }
  await sendReply(context, [t('pro:my_access_log.who_intro'), ...lines, t('pro:my_access_log.who_more'), ...contacts].join('\n'), t);
  return true;
}

/** The roles a professional in the log may have, each worded for the person (`pro:my_access_log.roles`). */
const ROLES: ReadonlySet<string> = new Set(['prescriber', 'coordinator', 'trainer']);

/** Whom to ask about it, with phone numbers: the people who know the person, the programme, the helpline. */
async function contactLines(context: TurnContext, beneficiaryId: string, deps: DialogDeps): Promise<string[]> {
  const programme = await knownProgramme(context, deps);
  const contacts = await contactsFor(context, deps, { programme, known: await deps.services.account.contacts(beneficiaryId) });
  return humanContactLines(contacts, deps.t, programme, deps.clock.now());
}

export function myAccessLogDialog(deps: DialogDeps): IdentifiedDialog {
  return new IdentifiedDialog(MY_ACCESS_LOG_DIALOG, deps, answerAccessLog);
}
