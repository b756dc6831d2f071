/**
 * Who is this? A beneficiary proves it with the carnet number and their
 * birth date. Ends with the beneficiary id, or undefined (after the human
 * route) when it could not be done. The answer never says which of the two
 * was wrong; repeated failures lock the carnet and the conversation
 * (services/identityGuard), a carnet for longer each time, then until the
 * structure that gave it unlocks it: the person is told whom to call. Once proved, the channel identity (phone,
 * browser) is linked, so next time this dialog ends at once; the proof
 * also lasts for the conversation (bot/state: VERIFIED_FOR_MS), for this
 * sender only. Nothing personal is asked in a Teams group chat or channel.
 */
import {
  asksWithoutVoucherBook,
  findSignals,
  saysLostVoucherBook,
  saysNotAtHand,
  saysNotHereOnceTold,
  saysNoVoucherBook,
  saysNumberUnknown,
} from '../src/nlu/conversationSignals';
import type { Commune } from '../src/domain/communes';
import type { Programme } from '../src/domain/programme';
import { writtenForName } from './speakingFor';
import { communesInSentence } from '../src/nlu/communeEntity';
import { ComponentDialog, type DialogContext, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { senderOf, verifiedBeneficiary } from '../src/bot/state';
import { isSharedConversation } from '../src/channels/conversationKind';
import { dateMisread, parseBirthDate } from '../src/nlu/birthDate';
import { addressKey, conversationKey, type IdentityLock, voucherBookKey } from '../src/services/identityGuard';
import { parseVoucherBookNumber } from '../src/domain/voucherBookNumber';
import { voucherBookPrefix } from '../src/domain/programmeRules';
import { attemptedVoucherBookNumber, findVoucherBookNumber, withoutVoucherBookNumber } from '../src/nlu/voucherBookNumberEntity';
import { DEFAULT_RETENTION_DAYS, type DialogDeps } from './deps';
import { rememberProgramme } from './programmeOf';
import { type ContactOptions, phoneContactText, sendNoVoucherBookHelp, sendPersonalContacts } from './humanContacts';
import { isComeBack } from './threadTypes';
import { ParsedTextPrompt } from './prompts/ParsedTextPrompt';
import { asking } from './prompts/questionKind';
import { sendReply } from '../src/channels/send';

export const IDENTIFY_DIALOG = 'identify';
const NUMBER_PROMPT = 'identify.number';
/** SMS: the carnet number, or the birth date (the phone on file may stand for the number). */
const NUMBER_OR_DATE_PROMPT = 'identify.numberOrDate';
const BIRTH_PROMPT = 'identify.birthDate';
/** SMS, the birth date alone did not do: the carnet number, or the way out when the person has none at hand. */
const NUMBER_AFTER_DATE_PROMPT = 'identify.numberAfterDate';
const FLOW = 'identify.flow';

export interface IdentifyOptions {
  utterance?: string;
  /** The phone on file did not match: ask for the carnet number this time. */
  withoutPhone?: boolean;
  /** The carnet was not at hand: the question waits for its number, in words that say so. */
  waiting?: boolean;
  /** SMS: the birth date given alone before the question waited: checked with the number when it comes, not asked again. */
  birthDate?: string;
  /** Number and birth date that matched no carnet, in this identification so far. */
  failures?: number;
  /** The person was already helped (where the number is, whom to call): asked again in words that say « réessayons ». */
  helped?: true;
  /** The programme of the carnet numbers typed so far (their prefix), whose contacts are given. */
  programmeId?: string;
  /** The carnet number of a check that failed: a date alone at the next question corrects the birth date for it. */
  failedNumber?: string;
  /** Where the person said they live (INSEE code), kept while the question waits: whom to call is near it. */
  communeInsee?: string;
  /** Asked to erase their data: with no carnet, there is no file to erase (said so), not how to get a carnet. */
  forErasure?: true;
}

/** « j'ai pas de carnet, j'ai juste parlé avec vous »: no carnet said in a sentence this long, when it names the carnet. */
const NO_VOUCHER_BOOK_WORDS = 14;

/** From this many numbers and birth dates that match nothing, the person is helped: where the number is, whom to call. */
const HELP_AFTER_FAILURES = 2;
/** A lock-out told this recently is only recalled in short (the longest timed lock lasts hours; a day covers them). */
const LOCK_TOLD_MS = 24 * 3_600_000;

interface IdentifyValues {
  number?: string;
  /** SMS: the birth date came first (the phone on file may have stood for the carnet number). */
  dateFirst?: boolean;
  birthDate?: string;
}

/**
 * What the carnet question got: a number (with the birth date, when said
 * beside it: « LOZ-MEND-E4L 12/04/1958 »), « I have none / lost it », « not
 * here » (« il est à la ferme »; « je sais pas » may mean that or having
 * none: `unsure`), or the person proved who they are in another flow meanwhile.
 */
type VoucherBookAnswer =
  | { number: string; kept?: true; birthDate?: string }
  | { none: true }
  | { notAtHand: 'away' | 'unsure' }
  | { verified: string }
  /** « je l'ai perdu »: a carnet they had; « je peux y aller sans carnet ? »: a question, the question kept. */
  | { lost: true }
  | { asksWithout: true };
type NumberOrDateAnswer = VoucherBookAnswer | { birthDate: string };
/** After the birth date alone: no number in the answer either (« martine delmas »). */
type NumberAfterDateAnswer = VoucherBookAnswer | { noNumber: true };

/**
 * What an identification waiting below this one already got: « combien il
 * me reste d'heures » at the booking's birth-date question runs the balance
 * over it, whose own identification starts from the carnet number given
 * (or, on SMS, the birth date), not from nothing. Its flow's values, on the
 * stacks of the dialogs this one runs in.
 */
function givenBelow(dc: DialogContext): IdentifyValues | undefined {
  for (let at = dc.parent; at; at = at.parent) {
    for (const instance of at.stack) {
      const values = instance.id === FLOW ? (instance.state as { values?: IdentifyValues } | undefined)?.values : undefined;
      if (values?.number || values?.birthDate) return values;
    }
  }
  return undefined;
}

/** Proved in the flow that ran over the question (« mes heures » at the carnet question), nothing more to ask. */
const provedMeanwhile = (result: unknown): { verified: string } | undefined =>
  isComeBack(result) && result.verified ? { verified: result.verified } : undefined;

export class IdentifyDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(IDENTIFY_DIALOG);
    const { t } = deps;
    const prefixes = deps.programmes.map(voucherBookPrefix);
    const readNumber = (text: string): { value: VoucherBookAnswer } | { retry: string } => {
      const found = findVoucherBookNumber(text, prefixes);
      if (found.ok) return { value: { number: found.number, ...this.birthDateBeside(text) } };
      // « pas sous la main », « il est à la ferme », « je l'ai pas sur moi »: a carnet the person has, for later.
      if (saysNotAtHand(text)) return { value: { notAtHand: 'away' } };
      if (asksWithoutVoucherBook(text)) return { value: { asksWithout: true } };
      // Before « no carnet »: « je l'ai perdu » says they had one, whose structure knows its number.
      if (saysLostVoucherBook(text)) return { value: { lost: true } };
      // « j'ai pas de carnet », « je l'ai perdu »: not a typo to retry, a person to help get one.
      const signals = findSignals(text);
      // A longer sentence too, when it names the carnet: « j'ai pas de carnet, j'ai juste parlé avec vous ».
      if (signals.has('noVoucherBook') || saysNoVoucherBook(text, NO_VOUCHER_BOOK_WORDS)) return { value: { none: true } };
      // « je sais pas »: the number not at hand, or no carnet at all; the question waits, and says what to write if none.
      if (signals.has('dontKnow')) return { value: { notAtHand: 'unsure' } };
      return { retry: this.numberMistake(text) ?? t(found.reason === 'check' ? 'identify.number_typo' : 'identify.number_unreadable') };
    };
    this.addDialog(
      asking('voucherBookNumber', new ParsedTextPrompt<VoucherBookAnswer>(NUMBER_PROMPT, t, readNumber, undefined, provedMeanwhile)),
    );
    this.addDialog(
      asking(
        'voucherBookNumber',
        new ParsedTextPrompt<NumberOrDateAnswer>(
          NUMBER_OR_DATE_PROMPT,
          t,
          (text) => {
            const number = readNumber(text);
            if ('value' in number) return number;
            const date = parseBirthDate(text, deps.clock.now());
            return date ? { value: { birthDate: date } } : { retry: this.dateMistake(text) ?? number.retry };
          },
          undefined,
          provedMeanwhile,
        ),
      ),
    );
    this.addDialog(
      asking(
        'voucherBookNumber',
        new ParsedTextPrompt<NumberAfterDateAnswer>(
          NUMBER_AFTER_DATE_PROMPT,
          t,
          (text) => {
            const number = readNumber(text);
            // A number mistyped is worth retrying; anything else says the person has no number to give.
            if ('value' in number) return number;
            const found = findVoucherBookNumber(text, prefixes);
            return !found.ok && found.reason === 'check' ? number : { value: { noNumber: true } };
          },
          undefined,
          provedMeanwhile,
        ),
      ),
    );
    this.addDialog(
      asking(
        'birthDate',
        new ParsedTextPrompt<string | { verified: string }>(
          BIRTH_PROMPT,
          t,
          (text) => {
            const date = parseBirthDate(text, deps.clock.now());
            if (date) return { value: date };
            // « je sais plus ma date de naissance »: where to find it, and a person, rather than « Je n'ai pas compris cette date » again.
            if (findSignals(text).has('dontKnow')) return { retry: t('identify.birth_date_unknown') };
            return { retry: this.dateMistake(text) ?? t('identify.birth_date_unreadable') };
          },
          undefined,
          provedMeanwhile,
        ),
      ),
    );
    this.addDialog(new WaterfallDialog(FLOW, [this.askNumber.bind(this), this.askBirthDate.bind(this), this.verify.bind(this)]));
    this.initialDialogId = FLOW;
  }

  /**
   * What is wrong with a carnet number of a served programme typed wrong
   * (« LOZ-MEND-E4 », a character short), said with what a number looks
   * like and a way to a person; undefined when the text tries no number.
   */
  private numberMistake(text: string): string | undefined {
    const { t, programmes } = this.deps;
    const attempt = attemptedVoucherBookNumber(text, programmes.map(voucherBookPrefix));
    if (!attempt) return undefined;
    if (attempt.mistake === 'typo') return t('identify.number_typo');
    const example = t('identify.number_example', { prefix: attempt.prefix });
    // « DRO-VALE »: the prefix says whose number it is, so the programme's own word (« chéquier ») is the one used.
    const book = programmes.find((p) => voucherBookPrefix(p) === attempt.prefix)?.voucherBook.word;
    return t(attempt.mistake === 'incomplete' ? 'identify.number_incomplete' : 'identify.number_too_long', {
      example,
      ...(book ? { book } : {}),
    });
  }

  /** What is wrong with a date typed in digits (« 07/21/1967 », « 1967 »), said rather than « pas reconnu ». */
  private dateMistake(text: string): string | undefined {
    const { t } = this.deps;
    const wrong = dateMisread(text, this.deps.clock.now());
    if (!wrong) return undefined;
    if (wrong.kind === 'yearOnly') return t('identify.date_year_only', { said: wrong.said, year: wrong.year });
    if (wrong.kind === 'day') return t('identify.date_day_unknown', { said: wrong.said });
    return t('identify.date_month_unknown', { said: wrong.said, month: wrong.month, example: wrong.swapped ?? '25/06/1947' });
  }

  /** The birth date said with the carnet number (« DRO-VALE-NCK 03111949 »): not asked again. */
  private birthDateBeside(text: string): { birthDate?: string } {
    const birthDate = parseBirthDate(withoutVoucherBookNumber(text), this.deps.clock.now());
    return birthDate ? { birthDate } : {};
  }

  private guardKeys(step: WaterfallStepContext, voucherBookNumber?: string): string[] {
    const { channelId, conversation } = step.context.activity;
    const keys = [conversationKey(channelId, conversation.id)];
    // The person's own network address, when the turn came straight from them (not via the Bot Framework).
    const address = this.deps.clientAddress?.();
    if (address) keys.push(addressKey(address));
    return voucherBookNumber ? [voucherBookKey(voucherBookNumber), ...keys] : keys;
  }

  private async askNumber(step: WaterfallStepContext<IdentifyOptions>): Promise<DialogTurnResult> {
    const { state, services } = this.deps;
    // A Teams group chat or channel: everyone there would read the answers.
    if (isSharedConversation(step.context.activity)) return this.giveUp(step, 'identify.shared_conversation');
    const already = verifiedBeneficiary(
      await state.conversationData.get(step.context, {}),
      senderOf(step.context.activity),
      this.deps.clock.now(),
    );
    // « on m'a donné un nouveau carnet LOZ-QL3H-VRR »: a number typed that is not the remembered person's is checked
    // as any number is (its birth date asked), never answered with the carnets known here.
    const typed = step.options?.utterance ? findVoucherBookNumber(step.options.utterance) : undefined;
    // After such a number matched nothing, the question is asked again (failedNumber), not answered for the remembered person.
    const another = async (who: string) =>
      step.options?.failedNumber !== undefined || (typed?.ok === true && !(await services.account.holdsVoucherBook(who, typed.number)));
    // A proof kept in this conversation holds only while the person is on file (erased from another channel: asked afresh).
    if (already && (await services.account.programmeOf(already)) && !(await another(already))) return step.endDialog(already);
    const { channelId, from } = step.context.activity;
    const linked = await services.channelLinks.beneficiaryOf(channelId, from.id);
    if (linked && !(await another(linked))) return this.verified(step, linked);
    const lock = await services.identityGuard.lockOf(this.guardKeys(step));
    if (lock) return this.locked(step, lock);
    // « jai perdu mon carnet » as the request: who knows its number, and the question (on SMS, the birth date may do).
    if (!step.options?.waiting && step.options?.utterance && saysLostVoucherBook(step.options.utterance)) return this.lost(step);
    // Given to the identification this flow interrupted: not asked again.
    const below = givenBelow(step);
    if (below?.number) return step.next({ number: below.number, kept: true } satisfies VoucherBookAnswer);
    if (below?.dateFirst && below.birthDate) return step.next({ birthDate: below.birthDate } satisfies NumberOrDateAnswer);
    // Glued words of a sentence pass the check character one time in 32 (« un rdv mnde » → UN-RDVM-NDE): a served programme's prefix too.
    const inSentence = step.options?.utterance ? findVoucherBookNumber(step.options.utterance) : undefined;
    if (inSentence?.ok && this.deps.programmes.some((p) => voucherBookPrefix(p) === inSentence.prefix)) {
      return step.next({ number: inSentence.number, ...this.birthDateBeside(String(step.options?.utterance)) } satisfies VoucherBookAnswer);
    }
    // « LOZ-MEND-E4 » as the first message, a character short: what is wrong with it, and the question again.
    const mistake = step.options?.utterance && !inSentence?.ok ? this.numberMistake(step.options.utterance) : undefined;
    if (mistake) {
      const prompt = channelId === 'sms' && !step.options?.withoutPhone ? NUMBER_OR_DATE_PROMPT : NUMBER_PROMPT;
      return step.prompt(prompt, { prompt: mistake });
    }
    // « un rdv a florac mais je sais pas mon numero »: a carnet they have, its number not at hand — said, not asked for.
    if (!step.options?.waiting && step.options?.utterance && saysNumberUnknown(step.options.utterance)) {
      return this.notAtHand(step, 'away', step.options.withoutPhone);
    }
    // On SMS the phone number on file may stand for the carnet number, so the birth date alone may do.
    // Every SMS gets the same question, on file or not: it says nothing of whether this number is known
    // (before: « Votre numéro de téléphone est enregistré », issue 16).
    // After a failed check, « 12/04/1958 » alone is the birth date corrected, for the carnet just given (only the wrong part is said again).
    if (step.options?.failedNumber) {
      const key = step.options.helped ? 'identify.ask_number_again_or_corrected_birth_date' : 'identify.ask_number_or_corrected_birth_date';
      return step.prompt(NUMBER_OR_DATE_PROMPT, { prompt: this.deps.t(key, this.bookOf(step.options.failedNumber)) });
    }
    const later = step.options?.waiting === true;
    if (channelId === 'sms' && !step.options?.withoutPhone) {
      return step.prompt(NUMBER_OR_DATE_PROMPT, {
        prompt: this.deps.t(later ? 'identify.ask_number_or_birth_date_later' : 'identify.ask_number_or_birth_date'),
      });
    }
    const key = later ? 'identify.ask_number_later' : step.options?.helped ? 'identify.ask_number_again' : 'identify.ask_number';
    return step.prompt(NUMBER_PROMPT, { prompt: this.deps.t(key) });
  }

  private async askBirthDate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === undefined) return this.stuck(step);
    const answer: NumberOrDateAnswer = typeof step.result === 'string' ? { number: step.result } : (step.result as NumberOrDateAnswer);
    const failedNumber = (step.options as IdentifyOptions | undefined)?.failedNumber;
    if ('birthDate' in answer && !('number' in answer) && failedNumber) {
      (step.values as IdentifyValues).number = failedNumber;
      return step.next(answer.birthDate);
    }
    if ('birthDate' in answer && !('number' in answer)) return this.askNumberAfterDate(step, answer.birthDate);
    if ('verified' in answer) return step.endDialog(answer.verified);
    if ('asksWithout' in answer) return this.answerWithout(step);
    if ('lost' in answer) return this.lost(step, (step.options as IdentifyOptions | undefined)?.withoutPhone);
    if ('none' in answer && !this.notHereOnceTold(step)) return this.withoutVoucherBook(step);
    if ('none' in answer) return this.notAtHand(step, 'away', (step.options as IdentifyOptions | undefined)?.withoutPhone);
    if ('notAtHand' in answer) return this.notAtHand(step, answer.notAtHand, (step.options as IdentifyOptions | undefined)?.withoutPhone);
    const values = step.values as IdentifyValues;
    values.number = answer.number;
    // Both in one message, or the birth date given before the question waited: checked at once.
    const birthDate = answer.birthDate ?? (step.options as IdentifyOptions | undefined)?.birthDate;
    if (birthDate) return step.next(birthDate);
    const { t } = this.deps;
    return step.prompt(BIRTH_PROMPT, {
      prompt:
        'kept' in answer
          ? t('identify.ask_birth_date_kept', { number: answer.number, ...this.bookOf(answer.number) })
          : t('identify.ask_birth_date'),
    });
  }

  /**
   * SMS, the birth date given first: the one person with this phone on
   * file and that date is recognised at once; anyone else (on file or
   * not, right date or not) is asked the carnet number, in the same words.
   * Not a counted failure yet: the check with the carnet number counts it.
   */
  private async askNumberAfterDate(step: WaterfallStepContext, birthDate: string): Promise<DialogTurnResult> {
    const { services } = this.deps;
    const values = step.values as IdentifyValues;
    values.dateFirst = true;
    values.birthDate = birthDate;
    const { channelId, from } = step.context.activity;
    const byPhone = await services.account.voucherBookNumberForPhone(from.id);
    const keys = byPhone ? this.guardKeys(step, byPhone) : [];
    if (byPhone && !(await services.identityGuard.isLocked(keys))) {
      const outcome = await services.account.identify(byPhone, birthDate, channelId);
      if (outcome.ok) return this.proved(step, keys, outcome.beneficiary.id);
    }
    return step.prompt(NUMBER_AFTER_DATE_PROMPT, { prompt: this.deps.t('identify.ask_number_after_birth_date') });
  }

  private async verify(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === undefined) return this.stuck(step);
    const values = step.values as IdentifyValues;
    if (values.dateFirst) {
      const answer = step.result as NumberAfterDateAnswer;
      if ('verified' in answer) return step.endDialog(answer.verified);
      if ('noNumber' in answer) return this.numberNeeded(step, String(values.birthDate));
      if ('asksWithout' in answer) return this.answerWithout(step);
      if ('lost' in answer) return this.lost(step, true, values.birthDate);
      if ('none' in answer && !this.notHereOnceTold(step)) return this.withoutVoucherBook(step);
      // The birth date alone did not do: the number is what the question waits for.
      if ('none' in answer) return this.notAtHand(step, 'away', true, values.birthDate);
      if ('notAtHand' in answer) return this.notAtHand(step, answer.notAtHand, true, values.birthDate);
      // A birth date said again with the number is the one to check (the person may have corrected it).
      return this.check(step, answer.number, answer.birthDate ?? String(values.birthDate));
    }
    const proved = step.result as string | { verified: string };
    if (typeof proved === 'object') return step.endDialog(proved.verified);
    return this.check(step, String(values.number), proved);
  }

  /** The carnet number and the birth date, against the locks and the store. */
  private async check(step: WaterfallStepContext, number: string, birthDate: string): Promise<DialogTurnResult> {
    const { services, t } = this.deps;
    const keys = this.guardKeys(step, number);
    const lock = await services.identityGuard.lockOf(keys);
    if (lock) return this.locked(step, lock, number);
    const outcome = await services.account.identify(number, birthDate, step.context.activity.channelId);
    if (!outcome.ok) {
      const lockNow = await services.identityGuard.recordFailure(keys);
      if (lockNow) return this.locked(step, lockNow, number);
      const options = step.options as IdentifyOptions | undefined;
      const failures = (options?.failures ?? 0) + 1;
      if (failures < HELP_AFTER_FAILURES) {
        await sendReply(step.context, t('identify.no_match', this.bookOf(number)), t);
        return step.replaceDialog(FLOW, { withoutPhone: true, failures, failedNumber: number } satisfies IdentifyOptions);
      }
      // Helped already and still nothing: in short, with one number to call (the whole help again made each try four SMS).
      if (options?.helped) {
        const call = await phoneContactText(step.context, this.deps, this.programmeOfNumber(number));
        await sendReply(step.context, `${t('identify.no_match_still')}\n${call}`, t);
        return step.replaceDialog(FLOW, { withoutPhone: true, failures, helped: true, failedNumber: number } satisfies IdentifyOptions);
      }
      // Tried again and still nothing: what the carnet looks like, and a person to call (of the carnet's département), then the question.
      await sendReply(step.context, t('identify.no_match_again', this.bookOf(number)), t);
      await sendPersonalContacts(step.context, this.deps, this.programmeOfNumber(number));
      return step.replaceDialog(FLOW, { withoutPhone: true, failures, helped: true, failedNumber: number } satisfies IdentifyOptions);
    }
    return this.proved(step, keys, outcome.beneficiary.id);
  }

  /** Proved: the counts cleared, this phone or browser remembered, the proof kept for the conversation. */
  private async proved(step: WaterfallStepContext, keys: string[], beneficiaryId: string): Promise<DialogTurnResult> {
    const { services, t } = this.deps;
    const { channelId, from } = step.context.activity;
    await services.identityGuard.recordSuccess(keys);
    await services.channelLinks.link(channelId, from.id, beneficiaryId, this.deps.clock.now());
    // Written for someone else: their file is named (« c'est bien le dossier de Gérard »), the writer is not « vous ».
    const name = await writtenForName(step.context, this.deps, beneficiaryId);
    const key = channelId === 'sms' ? 'identify.remembered_phone' : 'identify.remembered_device';
    await sendReply(step.context, name ? t(`${key}_for`, { name }) : t(key), t);
    return this.verified(step, beneficiaryId);
  }

  /** `{ book: 'chéquier' }` for a number whose prefix names its programme: said in that programme's word, not the neutral one. */
  private bookOf(number?: string): { book?: string } {
    const word = number ? this.programmeOfNumber(number).programme?.voucherBook.word : undefined;
    return word ? { book: word } : {};
  }

  /** Remembers the proof for this conversation and the person's programme. */
  private async verified(step: WaterfallStepContext, beneficiaryId: string): Promise<DialogTurnResult> {
    const { state, services } = this.deps;
    const data = await state.conversationData.get(step.context, {});
    await state.conversationData.set(step.context, {
      ...data,
      verified: { beneficiaryId, at: this.deps.clock.now().getTime(), ...senderOf(step.context.activity) },
    });
    const programmeId = await services.account.programmeOf(beneficiaryId);
    const programme = this.deps.programmes.find((p) => p.id === programmeId);
    if (programme) await rememberProgramme(step.context, this.deps, programme);
    return step.endDialog(beneficiaryId);
  }

  /**
   * Locked for some minutes: says how long, with the human route. Locked
   * until the prescriber unlocks it: says so, and names the structure that
   * gave this carnet with its phone (told too, when a professional issued it).
   */
  private async locked(step: WaterfallStepContext, lock: IdentityLock, number?: string): Promise<DialogTurnResult> {
    const { t, services, state } = this.deps;
    const data = await state.conversationData.get(step.context, {});
    const now = this.deps.clock.now().getTime();
    // The carnet's programme (its département's contact), remembered for the turns that type no number while locked.
    const programme =
      (number ? this.programmeOfNumber(number).programme : undefined) ??
      this.deps.programmes.find((p) => p.id === data.lockTold?.programmeId);
    // Only its prescriber unlocks a carnet locked for good: named then (as before); a timed lock names no carnet's issuer to whoever typed it.
    const known = number && lock.kind === 'prescriber' ? await services.account.issuerOf(number) : undefined;
    const contacts = { ...(programme ? { programme } : {}), ...(known ? { known } : {}) };
    const book = programme?.voucherBook.word ?? t('common.book_word');
    const minutes = lock.kind === 'timed' ? lock.minutes : 15;
    // Written again while still locked: a short reminder and one number to call, not the whole text again.
    if (data.lockTold && now - data.lockTold.at < LOCK_TOLD_MS) {
      const again =
        lock.kind === 'prescriber' ? t('identify.locked_for_good_again', { book }) : t('identify.locked_again', { count: minutes });
      await sendReply(step.context, `${again}\n${await phoneContactText(step.context, this.deps, contacts)}`, t);
      return step.endDialog(undefined);
    }
    await state.conversationData.set(step.context, { ...data, lockTold: { at: now, ...(programme ? { programmeId: programme.id } : {}) } });
    const text =
      lock.kind === 'timed' || !number
        ? t('identify.locked', { count: minutes, ...this.bookOf(number) })
        : t('identify.locked_for_good', { book });
    // Said at once with a person to call near the person: the carnet's issuer, else its département's contact.
    await sendReply(step.context, text, t);
    await sendPersonalContacts(step.context, this.deps, contacts);
    return step.endDialog(undefined);
  }

  /** No carnet, or lost: the same answer as at the menu (MainDialog), then nothing more to ask. */
  private async withoutVoucherBook(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.options as IdentifyOptions | undefined)?.forErasure) {
      // « j'ai pas de carnet, j'ai juste parlé avec vous »: no file here, only this conversation, which goes by itself.
      const { t } = this.deps;
      await sendReply(step.context, t('privacy.no_file', { count: this.deps.conversationRetentionDays ?? DEFAULT_RETENTION_DAYS }), t);
      await sendPersonalContacts(step.context, this.deps, this.contactOptions(step));
      return step.endDialog(undefined);
    }
    await sendNoVoucherBookHelp(step.context, this.deps, this.contactOptions(step));
    return step.endDialog(undefined);
  }

  /** « je peux y aller sans carnet ? »: answered, with whom to call, then the same question again. */
  private async answerWithout(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await sendReply(step.context, this.deps.t('identify.without_carnet'), this.deps.t);
    await sendPersonalContacts(step.context, this.deps, this.contactOptions(step));
    return step.replaceDialog(FLOW, step.options);
  }

  /**
   * « je l'ai perdu »: a carnet the person had. The structure that gave it
   * knows its number — named with its phone when this phone is on file. On
   * SMS the question waits (the birth date suffices on a phone on file); on
   * other channels nothing more can prove who they are: nothing more asked.
   */
  private async lost(step: WaterfallStepContext, withoutPhone = false, birthDate?: string): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    const { channelId, from } = step.context.activity;
    const onFile = channelId === 'sms' ? await services.account.voucherBookNumberForPhone(from.id) : undefined;
    const known = onFile ? await services.account.issuerOf(onFile) : undefined;
    await sendReply(step.context, t('identify.lost'), t);
    await sendPersonalContacts(step.context, this.deps, { ...this.contactOptions(step), ...(known ? { known } : {}) });
    if (channelId !== 'sms') return step.endDialog(undefined);
    return step.replaceDialog(FLOW, {
      waiting: true,
      ...(withoutPhone ? { withoutPhone } : {}),
      ...(birthDate ? { birthDate } : {}),
    } satisfies IdentifyOptions);
  }

  /** « je l'ai pas » once the person said the number was not at hand (the question waits): still not here, not none. */
  private notHereOnceTold(step: WaterfallStepContext): boolean {
    return (step.options as IdentifyOptions | undefined)?.waiting === true && saysNotHereOnceTold(step.context.activity.text ?? '');
  }

  /** The commune the person said (in the sentence that started the flow, kept while the question waits). */
  private communeSaid(step: WaterfallStepContext): Commune | undefined {
    const options = step.options as IdentifyOptions | undefined;
    const { communes } = this.deps.services.placeSearch;
    if (options?.communeInsee) return communes.getByInsee(options.communeInsee);
    const served = this.deps.programmes.map((p) => p.departement.code);
    const found = options?.utterance ? communesInSentence(communes, options.utterance, served) : [];
    return found.length === 1 ? found[0] : undefined;
  }

  /** Whom to call is near the commune said, when one was (in its programme). */
  private contactOptions(step: WaterfallStepContext): { commune?: Commune; programme?: Programme } {
    const commune = this.communeSaid(step);
    const programme = commune ? this.deps.services.placeSearch.programmeOf(commune, this.deps.programmes) : undefined;
    return commune && programme ? { commune, programme } : {};
  }

  /**
   * The carnet is not at hand (« il est à la ferme »), or the person does not
   * know its number: where the number is, that what they asked waits, whom to
   * call; then the question again, which takes the number however late it
   * comes (« menu » leaves it). Never the way to get a carnet they have;
   * said once, then only what to write without one and whom to call.
   */
  private async notAtHand(
    step: WaterfallStepContext,
    why: 'away' | 'unsure',
    withoutPhone = false,
    birthDate?: string,
  ): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const told = (step.options as IdentifyOptions | undefined)?.waiting === true;
    const lines = told ? [] : [t('identify.not_at_hand')];
    if (why === 'unsure') lines.push(t('identify.not_at_hand_no_carnet'));
    if (lines.length > 0) await sendReply(step.context, lines.join(' '), t);
    const near = this.contactOptions(step);
    await sendPersonalContacts(step.context, this.deps, near);
    return step.replaceDialog(FLOW, {
      waiting: true,
      ...(near.commune ? { communeInsee: near.commune.insee } : {}),
      ...(withoutPhone ? { withoutPhone } : {}),
      ...(birthDate ? { birthDate } : {}),
    } satisfies IdentifyOptions);
  }

  /**
   * SMS, the birth date alone did not do and no number came either (« martine
   * delmas »): the bot's own offer must not end in « pas reconnu ». Why the
   * number is needed, where it is written, whom to call; then the question
   * waits for the number.
   */
  private async numberNeeded(step: WaterfallStepContext, birthDate: string): Promise<DialogTurnResult> {
    const { t } = this.deps;
    await sendReply(step.context, t('identify.number_needed'), t);
    await sendPersonalContacts(step.context, this.deps);
    return step.replaceDialog(FLOW, { waiting: true, withoutPhone: true, birthDate } satisfies IdentifyOptions);
  }

  /** The programme a carnet number belongs to, by its prefix (« LOZ »), even mistyped after it: its département's contacts. */
  private programmeOfNumber(number: string): { programme?: Programme } {
    const parsed = parseVoucherBookNumber(number);
    const prefix = parsed.ok ? parsed.prefix : /^\s*([a-z]{3})\b/i.exec(number)?.[1]?.toUpperCase();
    const programme = prefix ? this.deps.programmes.find((p) => voucherBookPrefix(p) === prefix) : undefined;
    return programme ? { programme } : {};
  }

  /**
   * Three answers in a row that could not be read (a number mistyped again
   * and again): kindly, where the number is written and what it looks like,
   * whom to call, then the question again, once; a second time, the human
   * route alone.
   */
  private async stuck(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as IdentifyOptions | undefined;
    const { t } = this.deps;
    // « LOZ-MEND-E4X » mistyped: still a Lozère carnet, whose département's contacts are given.
    const number = (step.values as IdentifyValues).number ?? step.context.activity.text ?? '';
    const programme = this.programmeOfNumber(number).programme ?? this.deps.programmes.find((p) => p.id === options?.programmeId);
    const contacts = programme ? { programme } : {};
    if (options?.helped) return this.giveUp(step, 'identify.cannot_read', contacts);
    await sendReply(step.context, t('identify.stuck'), t);
    await sendPersonalContacts(step.context, this.deps, contacts);
    return step.replaceDialog(FLOW, {
      withoutPhone: true,
      helped: true,
      ...(options?.failures ? { failures: options.failures } : {}),
      ...(programme ? { programmeId: programme.id } : {}),
    } satisfies IdentifyOptions);
  }

  private async giveUp(step: WaterfallStepContext, messageKey: string, contacts: ContactOptions = {}): Promise<DialogTurnResult> {
    const { t } = this.deps;
    await sendReply(step.context, t(messageKey), t);
    await sendPersonalContacts(step.context, this.deps, contacts);
    return step.endDialog(undefined);
  }
}
