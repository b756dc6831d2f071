/**
 * My sessions: the upcoming ones, numbered; pick one to cancel or move it.
 * Before a cancellation, the person is told what happens to the hours
 * (given back, or still counted when it is too late under the programme's
 * rule). A move books the new session before releasing the old one.
 */
import {
  ComponentDialog,
  type DialogContext,
  type DialogReason,
  type DialogTurnResult,
  type FoundChoice,
  type PromptValidator,
  type PromptValidatorContext,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { frenchList } from '../src/i18n';
import { scopedRequestId } from '../src/services/requestKey';
import type { UpcomingBooking } from '../src/services/beneficiaryAccount';
import type { DialogDeps } from './deps';
import { formatSlotStart } from '../src/wording';
import type { WhenEntity } from '../src/nlu/whenEntity';
import { wishFromOpening } from './bookingWish';
import { CHOOSE_SLOT_DIALOG, ChooseSlotDialog, type ChooseSlotOptions } from './ChooseSlotDialog';
import { IDENTIFY_DIALOG, IdentifyDialog } from './IdentifyDialog';
import { noteDone } from './doneInFlow';
import { knownProgramme } from './programmeOf';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { asking } from './prompts/questionKind';
import { moveMoments, newMomentForNone, newMomentForOnly, pickOwnSession, sessionNamedByMoment } from './sessionByMoment';
import { describeMoment } from './momentWords';
import { sendReply } from '../src/channels/send';
import { placeName } from '../src/frenchGrammar';
import { requestOrigin } from './requestOrigin';
import { cancellationSettlement } from '../src/domain/bookingRules';
import { turnUnderstanding } from './turnUnderstanding';
import { isComeBack } from './threadTypes';
import { reach, sendPersonalContacts } from './humanContacts';
import type { TurnContext } from 'botbuilder';
import { normalize } from '../src/nlu/normalize';
import { findYesNo } from '../src/nlu/smallEntities';
import type { Place } from '../src/domain/types';
import { asksOfOwnSession } from '../src/nlu/ownSessionQuestion';
import { ownSessionAnswer } from './ownSessionAnswer';

export const MY_BOOKINGS_DIALOG = 'myBookings';
const FLOW = 'myBookings.flow';
const LIST_PROMPT = 'myBookings.list';
const CONFIRM_PROMPT = 'myBookings.confirm';
const ACTION_PROMPT = 'myBookings.action';
const MOVE_FLOW = 'myBookings.move';
const MOVE_CONFIRM_PROMPT = 'myBookings.moveConfirm';
/** The move confirmation's « index » for another moment wanted (« non plutôt mardi », « pas celui-là »). */
const OTHER_MOMENT = 2;

/**
 * At « Je déplace votre séance … au … ? », not a yes but another moment
 * said (« non en fait plutôt mardi »), or another session wanted (« non pas
 * celui-là », « je me suis trompée »): the new moment is chosen again.
 */
function wantsOtherMoment(context: TurnContext): boolean {
  const entities = turnUnderstanding(context)?.entities;
  if (entities?.yesNo === true) return false;
  return !!entities?.when || saysNotThisOne(context.activity.text);
}

/** « pas celui-là », « une autre », « je me suis trompée »: not the one in question. */
function saysNotThisOne(text: string | undefined): boolean {
  const said = ` ${normalize(text ?? '').replace(/[?!.,]/g, ' ')} `;
  return frenchList('my_bookings.other_moment_words').some((words) => said.includes(` ${normalize(words)} `));
}

/**
 * « non pas celui-là » at the list of one's sessions: its « non » is no
 * « Rien, merci » (the flow ended there, silently); which one is asked again.
 */
function notNothingWhenNotThisOne(validator: PromptValidator<FoundChoice>): PromptValidator<FoundChoice> {
  return async (prompt) => {
    const items = (prompt.options.validations as { items?: number } | undefined)?.items;
    if (prompt.recognized.value?.index === items && saysNotThisOne(prompt.context.activity.text)) prompt.recognized.succeeded = false;
    return validator(prompt);
  };
}

/** The list's « index » for a new moment said where the session to move was asked (« mardi aprem »). */
const NEW_MOMENT = -1;

/**
 * At the list of sessions to move, a moment naming none of them is the new
 * moment (« mardi aprem »): the session is asked again, for that moment.
 */
function newMomentAtMoveList(validator: PromptValidator<FoundChoice>, now: () => Date): PromptValidator<FoundChoice> {
  return async (prompt) => {
    if (await validator(prompt)) return true;
    const { starts = [], move } = (prompt.options.validations ?? {}) as { starts?: string[]; move?: boolean };
    const text = prompt.context.activity.text ?? '';
    if (!move || starts.length < 2 || !newMomentForNone(text, starts, now())) return false;
    prompt.recognized.succeeded = true;
    prompt.recognized.value = { index: NEW_MOMENT, value: text, score: 1 };
    return true;
  };
}

/** The cancellation confirmation's « index » for another of one's sessions meant (« non pas celle-là », « non celle de lundi »). */
const OTHER_SESSION = 2;

/**
 * At « Annuler votre séance du … ? » with other sessions listed, not a yes
 * but another session meant: « non pas celle-là », or a moment naming
 * another of them (« non celle de lundi »).
 */
function meansOtherSession(prompt: PromptValidatorContext<FoundChoice>, now: Date): boolean {
  const { starts = [], chosen } = (prompt.options.validations ?? {}) as { starts?: string[]; chosen?: number };
  const text = prompt.context.activity.text ?? '';
  if (starts.length < 2 || prompt.recognized.value?.index === 0 || findYesNo(text)[0]?.value === true) return false;
  const named = sessionNamedByMoment(text, starts, now);
  return saysNotThisOne(text) || (named !== undefined && named !== chosen);
}

/** What the move part needs, kept in its options. */
interface MoveContext {
  beneficiaryId: string;
  bookingId: string;
  placeId: string;
  label: string;
  before: string;
  /** The moment said with the request (« déplacer mon rdv à mardi »): the sessions then are listed first. */
  moment?: WhenEntity;
}

export interface MyBookingsOptions {
  utterance?: string;
  /** The person already said they want to cancel ("annuler mon rendez-vous"). */
  cancel?: boolean;
  /** …or to move it ("déplacer mon rdv"): never the cancellation. */
  move?: boolean;
  /** …and which session: the one a reminder was about (« ANNULER » in reply). */
  bookingId?: string;
  /** The new moment said where the session to move was asked (« mardi aprem »): kept while the session is asked again. */
  newMoment?: WhenEntity;
}

/**
 * Kept in the dialog state, which comes back from storage as plain JSON:
 * only ids and strings. The sessions themselves (with their Date fields)
 * are read again when needed — a saved session once came back with its
 * dates as strings and was shown as « Séance du Invalid DateTime ».
 */
interface Values {
  beneficiaryId?: string;
  /** The booking ids listed, in the order shown. */
  listed?: string[];
  chosenId?: string;
  /** The list was asked (not skipped): this turn's message answered it. */
  askedList?: boolean;
  /** « Que voulez-vous faire ? » was asked: this turn's message answered it. */
  askedAction?: boolean;
}

/** What the list of sessions ends with when another flow ran over it: list them again, as they are now. */
const LIST_AGAIN = { listAgain: true } as const;
const isListAgain = (result: unknown) => (result as typeof LIST_AGAIN | undefined)?.listAgain === true;

/**
 * The list of one's sessions, asked again after a digression from what the
 * store holds then, not from its saved options: a session booked (or
 * cancelled) meanwhile would be missing from it (or still offered).
 */
class SessionListPrompt extends NumberedChoicePrompt {
  override async resumeDialog(dc: DialogContext, reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    return isComeBack(result) && !result.passOn ? dc.endDialog(LIST_AGAIN) : super.resumeDialog(dc, reason, result);
  }
}

export class MyBookingsDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(MY_BOOKINGS_DIALOG);
    this.addDialog(new IdentifyDialog(deps));
    // « celle de lundi »: the session on that day; one listed, « oui » or « plutôt mardi » (pickOwnSession).
    this.addDialog(
      new SessionListPrompt(
        LIST_PROMPT,
        deps.t,
        newMomentAtMoveList(notNothingWhenNotThisOne(pickOwnSession(() => deps.clock.now())), () => deps.clock.now()),
      ),
    );
    this.addDialog(
      asking(
        'yesNo',
        new NumberedChoicePrompt(CONFIRM_PROMPT, deps.t, async (prompt) => {
          if (!meansOtherSession(prompt, deps.clock.now())) return prompt.recognized.succeeded;
          prompt.recognized.succeeded = true;
          prompt.recognized.value = { index: OTHER_SESSION, value: prompt.context.activity.text ?? '', score: 1 };
          return true;
        }),
      ),
    );
    // « plutôt mardi » at « Que voulez-vous faire ? »: moved, to Tuesday.
    this.addDialog(
      new NumberedChoicePrompt(ACTION_PROMPT, deps.t, async (prompt) => {
        const start = (prompt.options.validations as { start?: string } | undefined)?.start;
        if (prompt.recognized.succeeded || !start || !newMomentForOnly(prompt.context.activity.text ?? '', start, deps.clock.now()))
          return prompt.recognized.succeeded;
        prompt.recognized.succeeded = true;
        prompt.recognized.value = { index: 1, value: prompt.context.activity.text ?? '', score: 1 };
        return true;
      }),
    );
    this.addDialog(
      asking(
        'yesNo',
        new NumberedChoicePrompt(MOVE_CONFIRM_PROMPT, deps.t, async (prompt) => {
          if (prompt.recognized.value?.index === 0 || !wantsOtherMoment(prompt.context)) return prompt.recognized.succeeded;
          prompt.recognized.succeeded = true;
          prompt.recognized.value = { index: OTHER_MOMENT, value: prompt.context.activity.text ?? '', score: 1 };
          return true;
        }),
      ),
    );
    this.addDialog(new ChooseSlotDialog(deps));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        (step: WaterfallStepContext<MyBookingsOptions>) => step.beginDialog(IDENTIFY_DIALOG, step.options),
        this.list.bind(this),
        this.chooseAction.bind(this),
        this.confirm.bind(this),
        this.cancel.bind(this),
      ]),
    );
    this.addDialog(new WaterfallDialog(MOVE_FLOW, [this.chooseNewSlot.bind(this), this.confirmMove.bind(this), this.move.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private bookingLabel({ slot, place }: UpcomingBooking): string {
    const { t } = this.deps;
    // Named as the booking confirmation names it: « Commune de Mende » is « Mende », not « Commune de Mende (Mende) ».
    const name = place && placeName(place.name, place.commune);
    const where = !place ? t('my_bookings.unknown_place') : name === place.commune ? name : `${name} (${place.commune})`;
    // The sessions kept in the step's values come back from the dialog state as ISO strings, not Dates.
    return t('my_bookings.choice', { when: formatSlotStart(new Date(slot.start), t), place: where });
  }

  /** The session the person picked, read again from the store (it may have been cancelled meanwhile). */
  private async chosenBooking(values: Values): Promise<UpcomingBooking | undefined> {
    if (!values.beneficiaryId || !values.chosenId) return undefined;
    const bookings = await this.deps.services.account.upcomingBookings(values.beneficiaryId, this.deps.clock.now());
    return bookings.find((s) => s.booking.id === values.chosenId);
  }

  private async list(step: WaterfallStepContext<MyBookingsOptions>): Promise<DialogTurnResult> {
    const beneficiaryId = step.result as string | undefined;
    if (!beneficiaryId) return step.endDialog();
    const { t, services } = this.deps;
    const bookings = await services.account.upcomingBookings(beneficiaryId, this.deps.clock.now());
    if (bookings.length === 0) {
      await sendReply(step.context, t('my_bookings.none'), t);
      return step.endDialog();
    }
    // « et mon rdv de lundi il est à quelle heure ? »: answered, no list to act on (« Je reviens à … » follows in a digression).
    const { options } = step;
    if (!options?.cancel && !options?.move && options?.utterance && asksOfOwnSession(options.utterance)) {
      const answer = ownSessionAnswer(options.utterance, bookings, this.deps.clock.now(), t, (b) => this.bookingLabel(b));
      await sendReply(step.context, answer, t);
      return step.endDialog();
    }
    Object.assign(step.values as Values, { beneficiaryId, listed: bookings.map((s) => s.booking.id) } satisfies Values);
    // "annuler mon rendez-vous" with a single session, or in reply to a reminder: straight to the confirmation.
    const reminded = bookings.findIndex((s) => s.booking.id === step.options?.bookingId);
    if (step.options?.cancel && reminded >= 0) return step.next({ index: reminded });
    const starts = bookings.map((s) => new Date(s.slot.start).toISOString());
    // « je veux changer le rdv de lundi »: the session that moment names, not the list asked again.
    const named = step.options?.utterance ? sessionNamedByMoment(step.options.utterance, starts, this.deps.clock.now()) : undefined;
    // « de lundi à mardi »: the session on Monday, and no other, even the only one.
    const split = step.options?.move && step.options.utterance ? moveMoments(step.options.utterance, this.deps.clock.now()) : undefined;
    if ((step.options?.cancel || step.options?.move) && named !== undefined) return step.next({ index: named });
    if ((step.options?.cancel || step.options?.move) && bookings.length === 1 && !split) return step.next({ index: 0 });
    // No session on Monday: said, then the sessions there are (the new moment is kept for after the choice).
    if (split) await sendReply(step.context, t('my_bookings.none_then', { when: describeMoment(split.from, t) }), t);
    const choices = bookings.map((s) => ({ value: this.bookingLabel(s), synonyms: [] as string[] }));
    choices.push({ value: t('my_bookings.nothing'), synonyms: frenchList('my_bookings.nothing_synonyms') });
    const newMoment = step.options?.move ? step.options.newMoment : undefined;
    const listKey = step.options?.cancel
      ? 'my_bookings.which_to_cancel'
      : newMoment
        ? 'my_bookings.which_to_move_to'
        : step.options?.move
          ? 'my_bookings.which_to_move'
          : 'my_bookings.list';
    const prompt = t(listKey, { count: bookings.length, ...(newMoment ? { when: describeMoment(newMoment, t) } : {}) });
    (step.values as Values).askedList = true;
    return step.prompt(LIST_PROMPT, {
      prompt,
      retryPrompt: `${t('common.didnt_understand')} ${prompt}`,
      choices,
      validations: { starts, items: bookings.length, move: step.options?.move === true },
    });
  }

  private async chooseAction(step: WaterfallStepContext<MyBookingsOptions>): Promise<DialogTurnResult> {
    if (isListAgain(step.result)) return step.replaceDialog(FLOW, step.options);
    const values = step.values as Values;
    const { index } = step.result as FoundChoice;
    // « mardi aprem » where the session to move was asked: which one, asked again for that moment.
    if (index === NEW_MOMENT) {
      const now = this.deps.clock.now();
      const newMoment = newMomentForNone(step.context.activity.text ?? '', [], now);
      return step.replaceDialog(FLOW, { ...step.options, move: true, ...(newMoment ? { newMoment } : {}) } satisfies MyBookingsOptions);
    }
    values.chosenId = values.listed?.[index];
    if (!values.chosenId) {
      // « Rien, merci »: said so, not a silent end.
      await sendReply(step.context, this.deps.t('my_bookings.nothing_changed'), this.deps.t);
      return step.endDialog();
    }
    const chosen = await this.chosenBooking(values);
    if (!chosen) {
      await sendReply(step.context, this.deps.t('my_bookings.gone'), this.deps.t);
      return step.endDialog();
    }
    // « non en fait plutôt mardi » at a list of one: that session, moved to Tuesday (unless a cancellation was asked).
    // « celui de vendredi à mardi aprem » at a list of several: that session, moved to Tuesday afternoon.
    const text = step.context.activity.text ?? '';
    const moment =
      !values.askedList || step.options?.cancel
        ? undefined
        : values.listed?.length === 1
          ? newMomentForOnly(text, new Date(chosen.slot.start).toISOString(), this.deps.clock.now())
          : moveMoments(text, this.deps.clock.now())?.to;
    if (moment) return this.startMove(step, chosen, moment);
    // "annuler mon rendez-vous": the person already said what to do.
    if (step.options?.cancel) return step.next({ index: 0 });
    if (step.options?.move) return step.next({ index: 1 });
    const { t } = this.deps;
    const question = t('my_bookings.what_to_do', { session: this.bookingLabel(chosen) });
    values.askedAction = true;
    return step.prompt(ACTION_PROMPT, {
      prompt: question,
      validations: { start: new Date(chosen.slot.start).toISOString() },
      retryPrompt: `${t('common.didnt_understand')} ${question}`,
      choices: [
        { value: t('my_bookings.action_cancel'), synonyms: frenchList('my_bookings.action_cancel_synonyms') },
        { value: t('my_bookings.action_move'), synonyms: frenchList('my_bookings.action_move_synonyms') },
        { value: t('my_bookings.nothing'), synonyms: frenchList('my_bookings.nothing_synonyms') },
      ],
    });
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as Values;
    const action = (step.result as FoundChoice).index;
    const chosen = await this.chosenBooking(values);
    const { t, services } = this.deps;
    if (!chosen) {
      await sendReply(step.context, t('my_bookings.gone'), t);
      return step.endDialog();
    }
    if (action === 2) {
      await sendReply(step.context, t('my_bookings.kept'), t);
      return step.endDialog();
    }
    if (action === 1) {
      // « la déplacer à mardi », « plutôt mardi »: the new moment said with it.
      const moment = values.askedAction
        ? newMomentForOnly(step.context.activity.text ?? '', new Date(chosen.slot.start).toISOString(), this.deps.clock.now())
        : undefined;
      return this.startMove(step, chosen, moment);
    }
    const programme = await knownProgramme(step.context, this.deps);
    const preview = programme && (await services.booking.previewCancellation(chosen.booking, programme, this.deps.clock.now()));
    if (!programme || preview?.outcome !== 'cancellable') {
      await this.tooLate(step.context, t('my_bookings.too_late_to_cancel'), 'cancel', chosen.place);
      return step.endDialog();
    }
    const consequence =
      preview.settlement === 'release'
        ? t('my_bookings.hours_back')
        : t('my_bookings.hours_kept', { notice: programme.cancellation.noticeHours.value, book: programme.voucherBook.word });
    const question = t('my_bookings.confirm_cancel', { session: this.bookingLabel(chosen), consequence });
    const listed = await services.account.upcomingBookings(values.beneficiaryId!, this.deps.clock.now());
    return step.prompt(CONFIRM_PROMPT, {
      prompt: question,
      retryPrompt: `${t('common.didnt_understand')} ${question}`,
      validations: {
        starts: listed.map((s) => new Date(s.slot.start).toISOString()),
        chosen: listed.findIndex((s) => s.booking.id === chosen.booking.id),
      },
      choices: [
        { value: t('my_bookings.yes_cancel'), synonyms: frenchList('common.yes_synonyms') },
        { value: t('my_bookings.no_keep'), synonyms: frenchList('common.no_synonyms') },
      ],
    });
  }

  /** The move of the session chosen: checked before anything is asked, then the new moment. */
  private async startMove(step: WaterfallStepContext, chosen: UpcomingBooking, newMoment?: WhenEntity): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    const values = step.values as Values;
    const book = await services.account.voucherBook(chosen.booking.voucherBookId);
    // The old session must still be movable. No free hour is needed: its own reserved hour goes
    // to the new one (BookingService.move).
    const programme = await knownProgramme(step.context, this.deps);
    const preview = programme && (await services.booking.previewCancellation(chosen.booking, programme, this.deps.clock.now()));
    if (!programme || preview?.outcome !== 'cancellable') {
      await this.tooLate(step.context, t('my_bookings.too_late_to_move'), 'move', chosen.place);
      return step.endDialog();
    }
    const utterance = (step.options as MyBookingsOptions | undefined)?.utterance;
    const said = (await wishFromOpening(step.context, this.deps, utterance)).when;
    // « changer le rdv de lundi »: that moment named the session to move, not the new one.
    const namesThisSession =
      utterance !== undefined && sessionNamedByMoment(utterance, [new Date(chosen.slot.start).toISOString()], this.deps.clock.now()) === 0;
    // « de lundi à mardi matin »: the new moment is the one after « à ».
    const split = utterance !== undefined ? moveMoments(utterance, this.deps.clock.now()) : undefined;
    const options = step.options as MyBookingsOptions | undefined;
    const moment = newMoment ?? options?.newMoment ?? (split ? split.to : namesThisSession ? undefined : said);
    return step.replaceDialog(MOVE_FLOW, {
      beneficiaryId: values.beneficiaryId!,
      bookingId: chosen.booking.id,
      placeId: chosen.slot.placeId,
      label: this.bookingLabel(chosen),
      before: (book?.expiresAt ?? chosen.slot.start).toISOString(),
      ...(moment ? { moment } : {}),
    } satisfies MoveContext);
  }

  private async cancel(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    const values = step.values as Values;
    if ((step.result as FoundChoice).index === OTHER_SESSION) {
      // « non celle de lundi »: that one's cancellation; « non pas celle-là »: which one, asked.
      const { bookingId: _reminded, ...options } = (step.options ?? {}) as MyBookingsOptions;
      return step.replaceDialog(FLOW, {
        ...options,
        cancel: true,
        utterance: step.context.activity.text ?? '',
      } satisfies MyBookingsOptions);
    }
    if ((step.result as FoundChoice).index !== 0) {
      // « ah non alors je préfère la déplacer » once told the hour would be lost: a move, the hour kept.
      const instead = turnUnderstanding(step.context)?.intent === 'move_booking' && (await this.chosenBooking(values));
      if (instead) return this.startMove(step, instead);
      await sendReply(step.context, t('my_bookings.kept'), t);
      return step.endDialog();
    }
    const chosen = await this.chosenBooking(values);
    if (!chosen) {
      await sendReply(step.context, t('my_bookings.gone'), t);
      return step.endDialog();
    }
    const programme = await knownProgramme(step.context, this.deps);
    const outcome = programme
      ? await services.booking.cancel(
          chosen.booking.id,
          programme,
          { kind: 'beneficiary', id: values.beneficiaryId! },
          this.deps.clock.now(),
          {
            channelId: step.context.activity.channelId,
          },
        )
      : { outcome: 'not_found' as const };
    if (outcome.outcome !== 'cancelled') {
      await this.tooLate(step.context, t('my_bookings.too_late_to_cancel'), 'cancel', chosen.place);
      return step.endDialog();
    }
    const book = await services.account.voucherBook(chosen.booking.voucherBookId);
    // Stopped later in the thread (a digression's cancellation, back to a booking), this stays told as done.
    await noteDone(step.context, this.deps, { kind: 'cancelled', when: formatSlotStart(new Date(chosen.slot.start), t) });
    const lines = [t('my_bookings.cancelled_session', { session: this.bookingLabel(chosen) })];
    if (book) lines.push(t('book.hours_left', { count: book.hoursLeft }));
    await sendReply(step.context, lines.join('\n'), t);
    return step.endDialog();
  }

  private async chooseNewSlot(step: WaterfallStepContext<MoveContext>): Promise<DialogTurnResult> {
    const { placeId, before, moment, label } = step.options;
    // Which session is being moved, before the moment is asked: the list alone does not say it.
    await sendReply(step.context, this.deps.t('my_bookings.moving', { session: label }), this.deps.t);
    return step.beginDialog(CHOOSE_SLOT_DIALOG, { placeId, before, ...(moment ? { moment } : {}) } satisfies ChooseSlotOptions);
  }

  private async confirmMove(step: WaterfallStepContext<MoveContext>): Promise<DialogTurnResult> {
    const slotId = step.result as string | undefined;
    if (!slotId) return step.endDialog();
    (step.values as { slotId?: string }).slotId = slotId;
    const { t, services } = this.deps;
    const slot = await services.slots.slot(slotId);
    const programme = await knownProgramme(step.context, this.deps);
    // The new session so close that cancelling it would cost the hour: said before the « oui », as for a booking.
    const late = slot && programme && cancellationSettlement(programme, slot.start, this.deps.clock.now()) === 'consume';
    const question = t(late ? 'my_bookings.confirm_move_late' : 'my_bookings.confirm_move', {
      // « du lundi 7 décembre à 9 h, Mende, au mardi… »: the place is an aside, closed by a comma before « au ».
      from: step.options.label.includes(',') ? `${step.options.label},` : step.options.label,
      to: slot ? formatSlotStart(slot.start, t) : '',
      book: programme?.voucherBook.word ?? t('common.book_word'),
    });
    return step.prompt(MOVE_CONFIRM_PROMPT, {
      prompt: question,
      retryPrompt: `${t('common.didnt_understand')} ${question}`,
      choices: [
        { value: t('common.yes'), synonyms: frenchList('common.yes_synonyms') },
        { value: t('common.no'), synonyms: frenchList('common.no_synonyms') },
      ],
    });
  }

  private async move(step: WaterfallStepContext<MoveContext>): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    if ((step.result as FoundChoice).index === OTHER_MOMENT) {
      // Nothing moved yet; the sessions at the moment said now (or the first ones again).
      await sendReply(step.context, t('my_bookings.not_moved_yet'), t);
      const { moment: _moment, ...options } = step.options;
      const when = turnUnderstanding(step.context)?.entities.when;
      return step.replaceDialog(MOVE_FLOW, { ...options, ...(when ? { moment: when } : {}) } satisfies MoveContext);
    }
    if ((step.result as FoundChoice).index !== 0) {
      await sendReply(step.context, t('my_bookings.kept'), t);
      return step.endDialog();
    }
    const programme = await knownProgramme(step.context, this.deps);
    const outcome = programme
      ? await services.booking.move(step.options.bookingId, (step.values as { slotId: string }).slotId, {
          // The confirming message's id, scoped to this person here: a channel's retry of it books once.
          requestId: scopedRequestId(requestOrigin(step.context), step.options.beneficiaryId),
          programme,
          actor: { kind: 'beneficiary', id: step.options.beneficiaryId },
          now: this.deps.clock.now(),
          channelId: step.context.activity.channelId,
        })
      : ({ outcome: 'not_found' } as const);
    if (outcome.outcome === 'moved') {
      const slot = await services.slots.slot(outcome.booking.slotId);
      if (slot) await noteDone(step.context, this.deps, { kind: 'moved', when: formatSlotStart(slot.start, t) });
      await sendReply(step.context, t('my_bookings.moved', { when: slot ? formatSlotStart(slot.start, t) : '' }), t);
      return step.endDialog();
    }
    if (outcome.outcome === 'slot_full' || outcome.outcome === 'slot_past') {
      await sendReply(step.context, t('book.slot_taken'), t);
      return step.replaceDialog(MOVE_FLOW, step.options);
    }
    const key = outcome.outcome === 'needs_free_hour' ? 'my_bookings.move_needs_hour' : 'my_bookings.too_late_to_move';
    const place = await services.slots.place(step.options.placeId);
    await this.tooLate(step.context, t(key, { book: programme?.voucherBook.word ?? t('common.book_word') }), 'move', place);
    return step.endDialog();
  }

  /**
   * What cannot be done in writing, and whom to tell: the session's place
   * with its phone (or its address and hours); the human route when the
   * place is unknown or gives neither.
   */
  private async tooLate(context: TurnContext, said: string, about: 'cancel' | 'move', place: Place | undefined): Promise<void> {
    const { t } = this.deps;
    const contact = place && reach(place, t, this.deps.clock.now());
    if (place && contact) {
      await sendReply(
        context,
        `${said} ${t(`my_bookings.tell_place_${about}`, { place: placeName(place.name, place.commune), reach: contact })}`,
        t,
      );
      return;
    }
    await sendReply(context, said, t);
    await sendPersonalContacts(context, this.deps);
  }
}
