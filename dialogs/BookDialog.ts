/**
 * Book a session, the way RDV Aide Numérique does it: who are you → which
 * subject → the free sessions at the place used last time, or the nearest
 * ("un autre lieu" lists the other near places) → "je confirme ?" → booked
 * through the booking saga, or a clear reason and another try. Six turns
 * the first time, identity included.
 */
import {
  ComponentDialog,
  type DialogTurnResult,
  type FoundChoice,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { conversationAddress } from '../src/bot/proactive/conversationReference';
import { slotHours } from '../src/domain/bookingRules';
import { frenchList } from '../src/i18n';
import { scopedRequestId } from '../src/services/requestKey';
import type { NearbyPlace } from '../src/services/placeSearch';
import { CHOOSE_THEME_DIALOG, ChooseThemeDialog, type ChooseThemeOptions, type ThemeChoice } from './ChooseThemeDialog';
import { CHOOSE_SLOT_DIALOG, ChooseSlotDialog, type ChooseSlotOptions, OTHER_PLACE } from './ChooseSlotDialog';
import type { DialogDeps } from './deps';
import { formatSlotStart } from '../src/wording';
import { placeName } from '../src/frenchGrammar';
import { answerNoHours } from './accountAnswers';
import { sendPersonalContacts } from './humanContacts';
import { IDENTIFY_DIALOG, IdentifyDialog, type IdentifyOptions } from './IdentifyDialog';
import { knownProgramme } from './programmeOf';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { sendReply } from '../src/channels/send';
import { requestOrigin } from './requestOrigin';

export const BOOK_DIALOG = 'book';
const FLOW = 'book.flow';
const SLOT_FLOW = 'book.slotFlow';
const PLACE_PROMPT = 'book.place';
const PLACE_FLOW = 'book.placeFlow';
const CONFIRM_PROMPT = 'book.confirm';
const REMINDER_PROMPT = 'book.reminderConsent';

/** What the session part of the flow needs; kept in the dialog options so a retry can restart it. */
interface BookingContext {
  beneficiaryId: string;
  bookId: string;
  placeId: string;
  placeName: string;
  expiresAt: string;
  themeId?: string;
  /** The person's own words for the subject, for the trainer. */
  subject?: string;
  /** The near places, for "un autre lieu". */
  places: { id: string; name: string; commune: string; km: number }[];
  lastPlaceId?: string;
}

interface FlowValues {
  beneficiaryId?: string;
  bookId?: string;
  expiresAt?: string;
  places?: NearbyPlace[];
  slotId?: string;
}

export class BookDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(BOOK_DIALOG);
    this.addDialog(new IdentifyDialog(deps));
    this.addDialog(new ChooseSlotDialog(deps));
    this.addDialog(new NumberedChoicePrompt(PLACE_PROMPT, deps.t));
    this.addDialog(new ChooseThemeDialog(deps));
    this.addDialog(new NumberedChoicePrompt(CONFIRM_PROMPT, deps.t));
    this.addDialog(new NumberedChoicePrompt(REMINDER_PROMPT, deps.t));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        (step: WaterfallStepContext<IdentifyOptions>) => step.beginDialog(IDENTIFY_DIALOG, step.options),
        this.chooseTheme.bind(this),
        this.startAtDefaultPlace.bind(this),
      ]),
    );
    this.addDialog(new WaterfallDialog(PLACE_FLOW, [this.askPlace.bind(this), this.startAtChosenPlace.bind(this)]));
    this.addDialog(
      new WaterfallDialog(SLOT_FLOW, [
        this.chooseSlot.bind(this),
        this.confirm.bind(this),
        this.book.bind(this),
        this.recordReminderConsent.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private async chooseTheme(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const beneficiaryId = step.result as string | undefined;
    if (!beneficiaryId) return step.endDialog();
    const { services } = this.deps;
    const programme = await knownProgramme(step.context, this.deps);
    const book = await services.slots.usableBook(beneficiaryId, this.deps.clock.now());
    if (!programme || !book) {
      await answerNoHours(step.context, beneficiaryId, this.deps);
      return step.endDialog();
    }
    const values = step.values as FlowValues;
    Object.assign(values, { beneficiaryId, bookId: book.id, expiresAt: book.expiresAt.toISOString() });
    return step.beginDialog(CHOOSE_THEME_DIALOG, { programmeId: programme.id } satisfies ChooseThemeOptions);
  }

  /** Straight to the sessions at the place of the last session, or the nearest one. */
  private async startAtDefaultPlace(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as FlowValues;
    const theme = (step.result ?? {}) as ThemeChoice;
    const { t, services } = this.deps;
    const programme = await knownProgramme(step.context, this.deps);
    const { places: near, lastPlaceId } = await services.slots.placesToOffer(values.beneficiaryId!);
    if (near.length === 0) {
      await sendReply(step.context, t('book.no_place'), t);
      await sendPersonalContacts(step.context, this.deps, programme);
      return step.endDialog();
    }
    const places = near.map(({ place, km }) => ({
      id: place.id,
      // « Commune de Mende » is said « Mende »: « Séances libres à Mende ».
      name: placeName(place.name, place.commune),
      commune: place.commune,
      km: Math.max(1, Math.round(km)),
    }));
    const context: BookingContext = {
      beneficiaryId: values.beneficiaryId!,
      bookId: values.bookId!,
      placeId: places[0].id,
      placeName: places[0].name,
      expiresAt: values.expiresAt!,
      ...(theme.themeId ? { themeId: theme.themeId } : {}),
      ...(theme.subject ? { subject: theme.subject } : {}),
      places,
      ...(lastPlaceId ? { lastPlaceId } : {}),
    };
    return step.replaceDialog(SLOT_FLOW, context);
  }

  /** « Espace social du Diois (Die, 1 km) », « Mende, comme la dernière fois » (a town hall is its commune). */
  private placeLabel(place: BookingContext['places'][number], lastPlaceId?: string): string {
    const last = place.id === lastPlaceId;
    const key = place.name === place.commune ? (last ? 'book.place_choice_last_town' : 'book.place_choice_town') : last ? 'book.place_choice_last' : 'book.place_choice';
    return this.deps.t(key, place);
  }

  private async askPlace(step: WaterfallStepContext<BookingContext>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    return step.prompt(PLACE_PROMPT, {
      prompt: t('book.which_place'),
      retryPrompt: `${t('common.didnt_understand')} ${t('book.which_place')}`,
      choices: step.options.places.map((place) => ({
        value: this.placeLabel(place, step.options.lastPlaceId),
        synonyms: [place.commune],
      })),
    });
  }

  private async startAtChosenPlace(step: WaterfallStepContext<BookingContext>): Promise<DialogTurnResult> {
    const place = step.options.places[(step.result as FoundChoice).index];
    return step.replaceDialog(SLOT_FLOW, { ...step.options, placeId: place.id, placeName: place.name } satisfies BookingContext);
  }

  private async chooseSlot(step: WaterfallStepContext<BookingContext>): Promise<DialogTurnResult> {
    const here = step.options.places.find((p) => p.id === step.options.placeId);
    return step.beginDialog(CHOOSE_SLOT_DIALOG, {
      placeId: step.options.placeId,
      before: step.options.expiresAt,
      placeLabel: here
        ? this.placeLabel(here, step.options.lastPlaceId)
        : step.options.placeName,
      offerOtherPlace: step.options.places.length > 1,
    } satisfies ChooseSlotOptions);
  }

  private async confirm(step: WaterfallStepContext<BookingContext>): Promise<DialogTurnResult> {
    const slotId = step.result as string | undefined;
    if (slotId === OTHER_PLACE) return step.replaceDialog(PLACE_FLOW, step.options);
    if (!slotId) return step.endDialog();
    (step.values as FlowValues).slotId = slotId;
    const { t, services } = this.deps;
    const slot = await services.slots.slot(slotId);
    const hours = slot ? slotHours(slot) : 1;
    const programme = await knownProgramme(step.context, this.deps);
    return step.prompt(CONFIRM_PROMPT, {
      prompt: t('book.confirm', {
        when: slot ? formatSlotStart(slot.start, t) : '',
        place: step.options.placeName,
        hours: t('common.hours', { count: hours }),
        book: programme?.voucherBook.word ?? t('common.book_word'),
      }),
      retryPrompt: `${t('common.didnt_understand')} ${t('book.confirm_short')}`,
      choices: [
        { value: t('common.yes'), synonyms: frenchList('common.yes_synonyms') },
        { value: t('common.no'), synonyms: frenchList('common.no_synonyms') },
      ],
    });
  }

  private async book(step: WaterfallStepContext<BookingContext>): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    if ((step.result as FoundChoice).index !== 0) {
      await sendReply(step.context, t('book.not_booked'), t);
      return step.endDialog();
    }
    const options = step.options;
    const outcome = await services.booking.book({
      // The confirming message's id, scoped to this person here: a channel's retry of it books once.
      requestId: scopedRequestId(requestOrigin(step.context), options.beneficiaryId),
      beneficiaryId: options.beneficiaryId,
      voucherBookId: options.bookId,
      slotId: (step.values as FlowValues).slotId!,
      actor: { kind: 'beneficiary', id: options.beneficiaryId },
      now: this.deps.clock.now(),
      themeId: options.themeId,
      subject: options.subject,
      // The reply below confirms it here; the outbox confirms it on the person's other channels.
      channelId: step.context.activity.channelId,
    });
    switch (outcome.outcome) {
      case 'booked': {
        const programme = await knownProgramme(step.context, this.deps);
        const { start, place, trainerFirstName, hoursLeft } = await services.receipts.of(outcome.booking);
        const lines = [
          t('book.booked', { when: start ? formatSlotStart(start, t) : '', place: place?.name ?? options.placeName }),
          place ? t('book.address', { address: place.address, postalCode: place.postalCode, commune: place.commune }) : '',
          trainerFirstName ? t('book.trainer', { name: trainerFirstName }) : '',
          t('book.what_to_bring', { book: programme?.voucherBook.word ?? t('common.book_word') }),
          place?.phone ? t('book.call_place', { phone: place.phone }) : '',
          hoursLeft !== undefined ? t('book.hours_left', { count: hoursLeft }) : '',
        ];
        await sendReply(step.context, lines.filter(Boolean).join('\n'), t);
        return this.askReminderConsent(step);
      }
      case 'slot_full':
      case 'slot_past':
        await sendReply(step.context, t('book.slot_taken'), t);
        return step.replaceDialog(SLOT_FLOW, options);
      case 'already_booked':
        await sendReply(step.context, t('book.already_booked'), t);
        return step.endDialog();
      case 'not_enough_hours':
      case 'book_expired':
      case 'not_found':
        await answerNoHours(step.context, options.beneficiaryId, this.deps);
        return step.endDialog();
    }
  }

  /**
   * Asked once per person and channel, right after the first booking there;
   * later bookings only refresh the stored conversation reference (a new
   * Web Chat conversation, say) and keep the answer given.
   */
  private async askReminderConsent(step: WaterfallStepContext<BookingContext>): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    const address = conversationAddress(step.context.activity);
    const known = await services.contacts.get(step.options.beneficiaryId, step.context.activity.channelId);
    if (known) {
      await services.contacts.remember(step.options.beneficiaryId, address, this.deps.clock.now());
      return step.endDialog();
    }
    return step.prompt(REMINDER_PROMPT, {
      prompt: t('reminders:consent.question'),
      retryPrompt: `${t('common.didnt_understand')} ${t('reminders:consent.question_short')}`,
      choices: [
        { value: t('common.yes'), synonyms: frenchList('common.yes_synonyms') },
        { value: t('common.no'), synonyms: frenchList('common.no_synonyms') },
      ],
    });
  }

  private async recordReminderConsent(step: WaterfallStepContext<BookingContext>): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    const consent = (step.result as FoundChoice).index === 0;
    const address = conversationAddress(step.context.activity);
    await services.contacts.remember(step.options.beneficiaryId, address, this.deps.clock.now(), consent);
    await sendReply(step.context, t(consent ? 'reminders:consent.yes' : 'reminders:consent.no'), t);
    return step.endDialog();
  }
}
