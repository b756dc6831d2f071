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
import { channelKind } from '../src/channels/channelKind';
import type { PlainQuestion } from '../src/nlu/plainQuestions';
import { formatDate } from '../src/wording';
import type { DialogDeps } from './deps';
import { contactLine, contactsFor, personalContactsText, placeWithCommune, reach } from './humanContacts';
import { knownProgramme } from './programmeOf';
import { answerRenewal } from './renewalAnswers';
import { communesInSentence } from '../src/nlu/communeEntity';

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
    case 'whyRemembered':
      await answerWhyRemembered(context, deps);
      return;
    case 'forRelative':
      await answerForRelative(context, deps);
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
 * « pourquoi vous avez mon numero ? c pas moi gerard c sa fille »: this phone
 * was remembered when a file was opened from it; whose, and how to have it
 * forgotten. Else, that it stands for no file.
 */
async function answerWhyRemembered(context: TurnContext, deps: DialogDeps): Promise<void> {
  const { t, services } = deps;
  const { channelId, from } = context.activity;
  const linked = await services.channelLinks.beneficiaryOf(channelId, from.id);
  const name = linked && (await services.account.firstName(linked));
  await sendReply(context, name ? t('plain.why_remembered', { name }) : t('plain.why_not_remembered'), t);
}

/**
 * « ma mère n'a pas internet », « c'est pour mon père, il a 85 ans »: the answer is the relative's — the pass can be
 * theirs (no internet needed), who gives it and whom to call, near the commune named if one is (« elle habite à Florac »).
 * That commune is the relative's: it is not kept as the writer's.
 */
async function answerForRelative(context: TurnContext, deps: DialogDeps): Promise<void> {
  const { t } = deps;
  const { communes } = deps.services.placeSearch;
  const served = deps.programmes.map((p) => p.departement.code);
  const [commune] = communesInSentence(communes, context.activity.text ?? '', served);
  const programme = commune ? deps.services.placeSearch.programmeOf(commune, deps.programmes) : await knownProgramme(context, deps);
  // The relative's contacts: not the writer's own places (known: none), and a place near the relative's commune, said so.
  const contacts = await contactsFor(context, deps, { ...(commune ? { commune } : {}), ...(programme ? { programme } : {}), known: {} });
  const now = deps.clock.now();
  // On SMS, what fits in two segments with the welcome: the commune is asked by the short menu's « Écrivez MENU » instead.
  const sms = channelKind(context.activity.channelId) === 'sms';
  const book = programme?.voucherBook.word ?? t('common.book_word');
  const lines = contacts.map((contact) =>
    contact.kind === 'prescriber' && commune
      ? t('plain.for_relative_prescriber', { name: placeWithCommune(contact.place, t), reach: reach(contact.place, t, now), book })
      : contactLine(contact, t, programme, now),
  );
  await sendReply(
    context,
    [t('plain.for_relative'), t('human.intro'), ...lines, ...(commune || sms ? [] : [t('plain.for_relative_commune')])].join('\n'),
    t,
  );
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
