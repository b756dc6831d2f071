/**
 * The answers to plain questions (src/nlu/plainQuestions.ts), the same
 * wherever they are asked: at the menu and as a first message (MainDialog),
 * at a question, which comes back after (ConversationRouter). Only what the
 * data says: the places data says nothing of home visits nor of computers
 * on site, and a validity the département has not published is not said. A
 * session is one chèque of the carnet, so its length is the chèque's.
 */
import type { TurnContext } from 'botbuilder';
import { senderOf, verifiedBeneficiary } from '../src/bot/state';
import { sendReply } from '../src/channels/send';
import type { PlainQuestion } from '../src/nlu/plainQuestions';
import { formatDate } from '../src/wording';
import type { DialogDeps } from './deps';
import { personalContactsText } from './humanContacts';
import { knownProgramme } from './programmeOf';
import { answerRenewal } from './renewalAnswers';

export async function answerPlainQuestion(context: TurnContext, deps: DialogDeps, question: PlainQuestion): Promise<void> {
  const { t } = deps;
  switch (question) {
    case 'whoAnswers':
      // « c'est un robot ? », « allo y a quelqu'un » : what answers, and who else can.
      await sendReply(context, [t('plain.who_answers'), await personalContactsText(context, deps)].join('\n'), t);
      return;
    case 'homeVisit':
      await sendReply(context, [t('plain.home_visit'), await personalContactsText(context, deps)].join('\n'), t);
      return;
    case 'noComputer':
      await sendReply(context, t('plain.no_computer'), t);
      return;
    case 'hoursExpire':
      await answerExpiry(context, deps);
      return;
    case 'sessionLength':
    case 'severalSameDay':
      await sendReply(
        context,
        t(question === 'sessionLength' ? 'plain.session_length' : 'plain.several_same_day', await sessionWords(context, deps)),
        t,
      );
      return;
    case 'smsCost':
      await sendReply(context, t('plain.sms_cost'), t);
      return;
  }
}

/**
 * A session is one chèque (DESIGN: a carnet of one-hour chèques): its length is the chèque's hours, the
 * person's programme's, or every programme's when they all say the same.
 */
async function sessionWords(context: TurnContext, deps: DialogDeps): Promise<{ duration: string; book: string }> {
  const { t, programmes } = deps;
  const programme = await knownProgramme(context, deps);
  const hours = new Set((programme ? [programme] : programmes).map((p) => p.voucherBook.hoursPerVoucher));
  const [only] = hours;
  const duration = hours.size === 1 && only !== undefined ? t('plain.duration', { count: only }) : t('plain.duration_usual');
  return { duration, book: programme?.voucherBook.word ?? t('common.book_word') };
}

/** The person's own carnet when they are known here (its date, or why it has no hour any more); else the programme's rule. */
async function answerExpiry(context: TurnContext, deps: DialogDeps): Promise<void> {
  const { t, clock, services, state } = deps;
  const now = clock.now();
  const programme = await knownProgramme(context, deps);
  const data = await state.conversationData.get(context, {});
  const { channelId, from } = context.activity;
  const known =
    verifiedBeneficiary(data, senderOf(context.activity), now) ?? (await services.channelLinks.beneficiaryOf(channelId, from.id));
  const book = programme?.voucherBook.word ?? t('common.book_word');
  if (known && programme) {
    const [current] = await services.account.balances(known, programme, now);
    // Expired or used up: since when, the hours lost, whom to ask for another (renewalAnswers).
    if (!current || current.expired || current.hoursLeft === 0) {
      await answerRenewal(context, known, deps);
      return;
    }
    const hours = t('common.hours', { count: current.hoursLeft });
    await sendReply(context, t('plain.expiry_own', { book, number: current.number, date: formatDate(current.expiresAt, t), hours }), t);
    return;
  }
  const validity = programme?.validityMonths;
  const months = validity && !validity.assumed ? validity.value : undefined;
  await sendReply(context, months ? t('plain.expiry_rule_months', { book, months }) : t('plain.expiry_rule', { book }), t);
}
