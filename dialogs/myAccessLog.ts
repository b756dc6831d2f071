/**
 * "Qui a consulté mon dossier ?": after the same identity check as the
 * balance (IdentifiedDialog), the structures and dates of the professionals
 * who read or changed the person's file. Never their names.
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
  const { t } = deps;
  const entries = await deps.services.accessLog.forBeneficiary(beneficiaryId);
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

/** Whom to ask about it, with phone numbers: the people who know the person, the programme, the helpline. */
async function contactLines(context: TurnContext, beneficiaryId: string, deps: DialogDeps): Promise<string[]> {
  const programme = await knownProgramme(context, deps);
  const contacts = await contactsFor(context, deps, { programme, known: await deps.services.account.contacts(beneficiaryId) });
  return humanContactLines(contacts, deps.t, programme, deps.clock.now());
}

export function myAccessLogDialog(deps: DialogDeps): IdentifiedDialog {
  return new IdentifiedDialog(MY_ACCESS_LOG_DIALOG, deps, answerAccessLog);
}
