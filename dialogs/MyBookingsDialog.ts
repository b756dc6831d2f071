/**
 * My sessions: the upcoming ones, numbered; pick one to cancel or move it
 * (after « rdv » alone, booking another is offered beside them).
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
import { openingUnderstanding, tellImpossibleDate } from './impossibleDate';
import { heldSessionSentence } from './heldSession';
import { BOOK_DIALOG, type BookOptions } from './BookDialog';
import type { ThenStart } from './flowEnd';
import { CHOOSE_SLOT_DIALOG, ChooseSlotDialog, type ChooseSlotOptions } from './ChooseSlotDialog';
import { IDENTIFY_DIALOG, IdentifyDialog } from './IdentifyDialog';
import { noteCancelled, noteDone } from './doneInFlow';
import { knownProgramme } from './programmeOf';
import { answeredAside, NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { asking } from './prompts/questionKind';
import { refinedMoment } from '../src/nlu/refinedMoment';
import {
  atSessionHour,
  moveMoments,
  newMomentForNone,
  newMomentForOnly,
  pickOwnSession,
  sessionDay,
  sessionNamedByMoment,
  sessionsInMoment,
} from './sessionByMoment';
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
import { saysCancel } from '../src/nlu/commands';
import { saysCantCome } from '../src/nlu/cantCome';
import { asksOfOwnSession } from '../src/nlu/ownSessionQuestion';
import { ownSessionAnswer, ownSessionDetailLines } from './ownSessionAnswer';

export const MY_BOOKINGS_DIALOG = 'myBookings';
const FLOW = 'myBookings.flow';
const LIST_PROMPT = 'myBookings.list';
/** The same list, asked to cancel one: « annuler » there is no request to cancel one (it stops the flow). */
const CANCEL_LIST_PROMPT = 'myBookings.cancelList';
/** How long after a booking « ah non finalement annule » means that session. */
const JUST_BOOKED_MS = 30 * 60_000;
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
    const nothing = (prompt.options.validations as { nothing?: number } | undefined)?.nothing;
    if (prompt.recognized.value?.index === nothing && saysNotThisOne(prompt.context.activity.text)) prompt.recognized.succeeded = false;
    return validator(prompt);
  };
}

/** The list's « index » for a new moment said where the session to move was asked (« mardi aprem »). */
const NEW_MOMENT = -1;
/** The list's « index » for « annuler » at the list of one's sessions: which one to cancel, asked (or its confirmation). */
const CANCEL_ONE = -2;

/**
 * « ANNULER » at « Vos 2 prochaines séances… »: the list is there to cancel
 * or move one, so the person asks to cancel one, not to stop (the router
 * leaves it to this question: questionKind `cancelsOne`).
 */
function cancelAtList(validator: PromptValidator<FoundChoice>): PromptValidator<FoundChoice> {
  return async (prompt) => {
    if (await validator(prompt)) return true;
    if (!saysCancel(prompt.context.activity.text)) return false;
    prompt.recognized.succeeded = true;
    prompt.recognized.value = { index: CANCEL_ONE, value: prompt.context.activity.text ?? '', score: 1 };
    return true;
  };
}

/** « ah non finalement annule », « celui que je viens de prendre »: the session just booked. */
function saysJustBooked(text: string): boolean {
  const said = ` ${normalize(text)
    .replace(/[?!.,']/g, ' ')
    .replace(/\s+/g, ' ')} `;
  return frenchList('my_bookings.just_booked_words').some((words) => said.includes(` ${normalize(words)} `));
}

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

/** The cancellation confirmation's « index » for a move asked instead (« deplacer », « vous pouvez la mettre la semaine d'après ? »). */
const MOVE_INSTEAD = 3;

/** At « Annuler votre séance du … ? »: « deplacer », « la décaler », or a new moment for it (« plutôt la semaine d'après »). */
function movesInstead(prompt: PromptValidatorContext<FoundChoice>, now: Date): boolean {
  const { starts = [], chosen = -1 } = (prompt.options.validations ?? {}) as { starts?: string[]; chosen?: number };
  const text = prompt.context.activity.text ?? '';
  if (findYesNo(text)[0]?.value === true) return false;
  if (turnUnderstanding(prompt.context)?.intent === 'move_booking' || saysMove(text)) return true;
  return chosen >= 0 && newMomentForOnly(text, starts[chosen], now) !== undefined;
}

/** « deplacer », « on peut la decaler ? », « reporter »: the move's own words (my_bookings.action_move_synonyms). */
function saysMove(text: string): boolean {
  const said = ` ${normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ')} `;
  return (
    frenchList('my_bookings.action_move_synonyms').some((words) => said.includes(` ${normalize(words)} `)) ||
    /\b(?:deplac|decal|report)/.test(said)
  );
}

/** « si j'annule je pourrai en reprendre une autre ? », « et mon heure ? » (my_bookings.rebook_words). */
function asksAboutRebooking(text: string): boolean {
  const said = ` ${normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ')} `;
  return frenchList('my_bookings.rebook_words').some((words) => said.includes(` ${normalize(words)} `));
}

/**
 * « je pourrai pas venir lundi », « je peux plus venir vendredi »: read as a
 * cancellation, but the person said only that they cannot come — the session
 * may as well be moved. Said with « annuler » it is the cancellation.
 */
function onlyCantCome(options: MyBookingsOptions | undefined): boolean {
  const said = options?.cancel ? options.utterance : undefined;
  return !!said && saysCantCome(said) && !/\bannul/.test(normalize(said));
}

/** What the move part needs, kept in its options. */
interface MoveContext {
  beneficiaryId: string;
  bookingId: string;
  placeId: string;
  label: string;
  /** When the session moved starts (ISO): « même heure » is its hour. */
  start?: string;
  before: string;
  /** The moved session's day (YYYY-MM-DD): « la semaine d'après » is the week after it. */
  movedDay: string;
  /** The moment said with the request (« déplacer mon rdv à mardi »): the sessions then are listed first. */
  moment?: WhenEntity;
  /** Asked as a cancellation and a new booking: the move is said to be made instead. */
  instead?: boolean;
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
  /** « annuler celui de mardi et en prendre un jeudi à la place »: a move, said to be one instead of what was asked. */
  instead?: boolean;
  /**
   * A session named and nothing asked of it (« rdv », « mon rdv »): hers,
   * with the choice of booking another; with none ahead, the booking.
   */
  orBook?: boolean;
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
    const ownSession = () => newMomentAtMoveList(notNothingWhenNotThisOne(pickOwnSession(() => deps.clock.now())), () => deps.clock.now());
    this.addDialog(
      asking({ expecting: 'choice', cancelsOne: true }, new SessionListPrompt(LIST_PROMPT, deps.t, cancelAtList(ownSession()))),
    );
    this.addDialog(new SessionListPrompt(CANCEL_LIST_PROMPT, deps.t, ownSession()));
    this.addDialog(
      asking(
        { expecting: 'yesNo', reads: asksAboutRebooking },
        new NumberedChoicePrompt(CONFIRM_PROMPT, deps.t, async (prompt) => {
          const text = prompt.context.activity.text ?? '';
          const { rebook } = (prompt.options.validations ?? {}) as { rebook?: string };
          // « si j'annule je pourrai en reprendre une autre ? »: what becomes of the hour, then the question again.
          if (!prompt.recognized.succeeded && rebook && asksAboutRebooking(text)) {
            await sendReply(prompt.context, rebook, deps.t);
            answeredAside(prompt);
            return false;
          }
          const index = meansOtherSession(prompt, deps.clock.now())
            ? OTHER_SESSION
            : prompt.recognized.value?.index !== 0 && movesInstead(prompt, deps.clock.now())
              ? MOVE_INSTEAD
              : undefined;
          if (index === undefined) return prompt.recognized.succeeded;
          prompt.recognized.succeeded = true;
          prompt.recognized.value = { index, value: text, score: 1 };
          return true;
        }),
      ),
    );
    // « plutôt mardi » at « Que voulez-vous faire ? »: moved, to Tuesday.
    this.addDialog(
      new NumberedChoicePrompt(ACTION_PROMPT, deps.t, async (prompt) => {
        const start = (prompt.options.validations as { start?: string } | undefined)?.start;
        const text = prompt.context.activity.text ?? '';
        // « non » where only cancel or move is offered (« je pourrai pas venir lundi »): neither, the session kept.
        if (!prompt.recognized.succeeded && prompt.options.choices?.length === 2 && findYesNo(text)[0]?.value === false) {
          prompt.recognized.succeeded = true;
          prompt.recognized.value = { index: 2, value: text, score: 1 };
          return true;
        }
        if (prompt.recognized.succeeded || !start || !newMomentForOnly(text, start, deps.clock.now())) return prompt.recognized.succeeded;
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

  /** The end of this flow that hands over to a booking, with the words that started it. */
  private booking(utterance: string | undefined): ThenStart {
    return { then: { dialogId: BOOK_DIALOG, options: (utterance ? { utterance } : {}) satisfies BookOptions } };
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
    const all = await services.account.upcomingBookings(beneficiaryId, this.deps.clock.now());
    // « rdv » from someone with no session ahead: a new one is what is meant.
    if (all.length === 0 && step.options?.orBook) return step.endDialog(this.booking(step.options.utterance));
    if (all.length === 0) {
      await sendReply(step.context, t('my_bookings.none'), t);
      return step.endDialog();
    }
    const { options } = step;
    // « et mon rdv de lundi il est à quelle heure ? »: answered, no list to act on (« Je reviens à … » follows in a digression).
    if (!options?.cancel && !options?.move && !options?.orBook && options?.utterance && asksOfOwnSession(options.utterance)) {
      const answer = ownSessionAnswer(options.utterance, all, this.deps.clock.now(), t, (b) => this.bookingLabel(b));
      // « …et je dois amener quoi », « c qui la formatrice »: what the data says of that session, and its place's phone.
      const details = await ownSessionDetailLines(options.utterance, all, this.deps);
      await sendReply(step.context, [answer, ...details].join('\n'), t);
      return step.endDialog();
    }
    // In reply to a reminder: straight to that session's confirmation.
    const reminded = all.findIndex((s) => s.booking.id === options?.bookingId);
    if (options?.cancel && reminded >= 0) {
      Object.assign(step.values as Values, { beneficiaryId, listed: all.map((s) => s.booking.id) } satisfies Values);
      return step.next({ index: reminded });
    }
    const asked = options?.cancel || options?.move;
    // « annuler mon rdv de jeudi 10h à Mende »: the sessions all it says names; one is the one, several are listed alone.
    const said = asked && options?.utterance ? await this.sessionsSaid(step.context, options.utterance, all) : undefined;
    const bookings = said && said.length > 0 ? said.map((i) => all[i]) : all;
    Object.assign(step.values as Values, { beneficiaryId, listed: bookings.map((s) => s.booking.id) } satisfies Values);
    const starts = bookings.map((s) => new Date(s.slot.start).toISOString());
    // « de lundi à mardi »: the session on Monday, and no other, even the only one.
    const split = options?.move && options.utterance ? moveMoments(options.utterance, this.deps.clock.now()) : undefined;
    if (asked && said?.length === 1) return step.next({ index: 0 });
    if (asked && bookings.length === 1 && !(split && said?.length === 0)) return step.next({ index: 0 });
    // No session on Monday: said, then the sessions there are (the new moment is kept for after the choice).
    if (split && said?.length === 0) await sendReply(step.context, t('my_bookings.none_then', { when: describeMoment(split.from, t) }), t);
    const choices = bookings.map((s) => ({ value: this.bookingLabel(s), synonyms: [] as string[] }));
    // After the sessions, where « rdv » alone may have meant a new one: booking another.
    if (step.options?.orBook)
      choices.push({ value: t('my_bookings.book_another'), synonyms: frenchList('my_bookings.book_another_synonyms') });
    choices.push({ value: t('my_bookings.nothing'), synonyms: frenchList('my_bookings.nothing_synonyms') });
    const newMoment = options?.move ? options.newMoment : undefined;
    const listKey = options?.orBook
      ? 'my_bookings.list_or_book'
      : options?.cancel && !onlyCantCome(options)
        ? 'my_bookings.which_to_cancel'
        : newMoment
          ? 'my_bookings.which_to_move_to'
          : options?.move
            ? 'my_bookings.which_to_move'
            : 'my_bookings.list';
    const prompt = t(listKey, { count: bookings.length, ...(newMoment ? { when: describeMoment(newMoment, t) } : {}) });
    (step.values as Values).askedList = true;
    return step.prompt(options?.cancel ? CANCEL_LIST_PROMPT : LIST_PROMPT, {
      prompt,
      retryPrompt: `${t('common.didnt_understand')} ${prompt}`,
      choices,
      // `items`: the sessions (« la dernière » is the last of them); `nothing`: « Rien, merci », after « Réserver une autre séance » if offered.
      validations: { starts, items: bookings.length, nothing: choices.length - 1, move: options?.move === true },
    });
  }

  /**
   * Which of one's sessions a request names, by all it says: the moment (a
   * day, an hour), the commune (« annuler mon rdv de jeudi 10h à Mende »);
   * or, naming neither, the session booked just before (« ah non finalement
   * annule »). Indices in `bookings`; undefined when it names none of them.
   */
  private async sessionsSaid(context: TurnContext, utterance: string, bookings: readonly UpcomingBooking[]): Promise<number[] | undefined> {
    const now = this.deps.clock.now();
    const starts = bookings.map((s) => new Date(s.slot.start).toISOString());
    const inMoment = sessionsInMoment(utterance, starts, now);
    const { commune } = (await this.deps.services.intents.understand(utterance, { now, programmes: this.deps.programmes })).entities;
    const atPlace = commune
      ? bookings.flatMap((s, i) =>
          s.place && (s.place.communeInsee === commune.insee || normalize(s.place.commune) === normalize(commune.name)) ? [i] : [],
        )
      : undefined;
    if (inMoment || atPlace) return bookings.flatMap((_, i) => ((inMoment ?? [i]).includes(i) && (atPlace ?? [i]).includes(i) ? [i] : []));
    const { lastBooked } = await this.deps.state.conversationData.get(context, {});
    if (!lastBooked || now.getTime() - lastBooked.at > JUST_BOOKED_MS || !saysJustBooked(utterance)) return undefined;
    const just = bookings.findIndex((s) => s.booking.id === lastBooked.bookingId);
    return just >= 0 ? [just] : undefined;
  }

  private async chooseAction(step: WaterfallStepContext<MyBookingsOptions>): Promise<DialogTurnResult> {
    if (isListAgain(step.result)) return step.replaceDialog(FLOW, step.options);
    const values = step.values as Values;
    const { index } = step.result as FoundChoice;
    // « ANNULER » at the list: which one to cancel (one listed: its confirmation).
    if (index === CANCEL_ONE) {
      const { move: _move, newMoment: _newMoment, ...options } = step.options ?? {};
      return step.replaceDialog(FLOW, {
        ...options,
        cancel: true,
        utterance: step.context.activity.text ?? '',
      } satisfies MyBookingsOptions);
    }
    // « mardi aprem » where the session to move was asked: which one, asked again for that moment.
    if (index === NEW_MOMENT) {
      const now = this.deps.clock.now();
      const newMoment = newMomentForNone(step.context.activity.text ?? '', [], now);
      return step.replaceDialog(FLOW, { ...step.options, move: true, ...(newMoment ? { newMoment } : {}) } satisfies MyBookingsOptions);
    }
    values.chosenId = values.listed?.[index];
    if (step.options?.orBook && index === values.listed?.length) return step.endDialog(this.booking(step.options.utterance));
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
    // « je pourrai pas venir lundi »: not yet a cancellation; cancel or move, asked.
    const cantCome = onlyCantCome(step.options);
    // "annuler mon rendez-vous": the person already said what to do (« annuler celui de lundi » at the list too).
    if ((step.options?.cancel && !cantCome) || (values.askedList && saysCancel(text))) return step.next({ index: 0 });
    if (step.options?.move) return step.next({ index: 1 });
    const { t } = this.deps;
    const question = t(cantCome ? 'my_bookings.cant_come' : 'my_bookings.what_to_do', { session: this.bookingLabel(chosen) });
    values.askedAction = true;
    const choices = [
      { value: t('my_bookings.action_cancel'), synonyms: frenchList('my_bookings.action_cancel_synonyms') },
      { value: t('my_bookings.action_move'), synonyms: frenchList('my_bookings.action_move_synonyms') },
    ];
    if (!cantCome) choices.push({ value: t('my_bookings.nothing'), synonyms: frenchList('my_bookings.nothing_synonyms') });
    return step.prompt(ACTION_PROMPT, {
      prompt: question,
      validations: { start: new Date(chosen.slot.start).toISOString() },
      retryPrompt: `${t('common.didnt_understand')} ${question}`,
      choices,
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
    const notice = { notice: programme.cancellation.noticeHours.value, book: programme.voucherBook.word };
    return step.prompt(CONFIRM_PROMPT, {
      prompt: question,
      retryPrompt: `${t('common.didnt_understand')} ${question}`,
      validations: {
        rebook: t(preview.settlement === 'release' ? 'my_bookings.rebook_back' : 'my_bookings.rebook_kept', notice),
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
    // Its own carnet's last day, or later when another carnet has a free hour to book the new session on.
    const until = await services.slots.bookableUntil(values.beneficiaryId!, this.deps.clock.now());
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
    await tellImpossibleDate(step.context, this.deps, await openingUnderstanding(step.context, this.deps, utterance), true);
    // « changer le rdv de lundi »: that moment named the session to move, not the new one.
    const namesThisSession =
      utterance !== undefined && sessionNamedByMoment(utterance, [new Date(chosen.slot.start).toISOString()], this.deps.clock.now()) === 0;
    // « de lundi à mardi matin »: the new moment is the one after « à ».
    const split = utterance !== undefined ? moveMoments(utterance, this.deps.clock.now()) : undefined;
    const options = step.options as MyBookingsOptions | undefined;
    const start = new Date(chosen.slot.start).toISOString();
    // « décaler à jeudi même heure »: Thursday at the hour of this session.
    const heard = `${utterance ?? ''} ${step.context.activity.text ?? ''}`;
    const moment = atSessionHour(newMoment ?? options?.newMoment ?? (split ? split.to : namesThisSession ? undefined : said), heard, start);
    return step.replaceDialog(MOVE_FLOW, {
      beneficiaryId: values.beneficiaryId!,
      bookingId: chosen.booking.id,
      placeId: chosen.slot.placeId,
      label: this.bookingLabel(chosen),
      start,
      movedDay: sessionDay(new Date(chosen.slot.start).toISOString()),
      before: new Date(Math.max((book?.expiresAt ?? chosen.slot.start).getTime(), until?.getTime() ?? 0)).toISOString(),
      ...(moment ? { moment } : {}),
      ...(options?.instead ? { instead: true } : {}),
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
    if ((step.result as FoundChoice).index === MOVE_INSTEAD) {
      // « vous pouvez la mettre la semaine d'après plutôt ? »: that session moved, to the moment said with it.
      const chosen = await this.chosenBooking(values);
      if (chosen) {
        const start = new Date(chosen.slot.start).toISOString();
        return this.startMove(step, chosen, newMomentForOnly(step.context.activity.text ?? '', start, this.deps.clock.now()));
      }
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
    // Stopped later in the thread (a digression's cancellation, back to a booking), this stays told as done.
    await noteDone(step.context, this.deps, { kind: 'cancelled', when: formatSlotStart(new Date(chosen.slot.start), t) });
    await noteCancelled(step.context, this.deps, chosen);
    const lines = [t('my_bookings.cancelled_session', { session: this.bookingLabel(chosen) })];
    // What is left in all the person's carnets, the hour given back included.
    lines.push(t('book.hours_left', { count: await services.account.hoursLeftInAll(values.beneficiaryId!, this.deps.clock.now()) }));
    await sendReply(step.context, lines.join('\n'), t);
    return step.endDialog();
  }

  private async chooseNewSlot(step: WaterfallStepContext<MoveContext>): Promise<DialogTurnResult> {
    const { placeId, before, moment, label, instead, beneficiaryId, bookingId, start, movedDay } = step.options;
    // Which session is being moved, before the moment is asked: the list alone does not say it (nor that a move was not what was asked).
    await sendReply(
      step.context,
      this.deps.t(instead ? 'my_bookings.moving_instead' : 'my_bookings.moving', { session: label }),
      this.deps.t,
    );
    return step.beginDialog(CHOOSE_SLOT_DIALOG, {
      placeId,
      before,
      beneficiaryId,
      moving: bookingId,
      ...(start ? { movingStart: start } : {}),
      ...(movedDay ? { movedDay } : {}),
      ...(moment ? { moment } : {}),
    } satisfies ChooseSlotOptions);
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
      const said = turnUnderstanding(step.context)?.entities.when;
      const now = this.deps.clock.now();
      // « non plutôt l'après-midi »: that part of the day asked before; « plutôt vendredi même heure »: at the session's hour.
      const refined = said && refinedMoment(step.options.moment, said, now);
      const when = options.start ? atSessionHour(refined, step.context.activity.text ?? '', options.start) : refined;
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
    if (outcome.outcome === 'overlaps') {
      // Never two places at once: the session already held then, and the others.
      await sendReply(step.context, await heldSessionSentence(this.deps, outcome.held), t);
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
