/**
 * Book a session, the way RDV Aide Numérique does it: who are you → which
 * subject → the free sessions at the place used last time, or the nearest
 * ("un autre lieu" lists the other near places) → "je confirme ?" → booked
 * through the booking saga, or a clear reason and another try. Six turns
 * the first time, identity included.
 *
 * What the person already said fills the booking's slots (bookingWish.ts):
 * « rdv à Florac jeudi aprem pour internet » skips the subject, lists the
 * Thursday-afternoon sessions at or nearest Florac; « plutôt vendredi » or
 * « plutôt à Langogne » at a later question lists again; « non » at the
 * confirmation goes back to the sessions. A session so close that its
 * cancellation would cost the hour is said so before it is confirmed.
 */
import { shownAddress } from '../src/domain/placeAddress';
import { DateTime } from 'luxon';
import { PARIS_ZONE } from '../src/domain/openingHours';
import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  type DialogInstance,
  type DialogReason,
  type DialogTurnResult,
  type FoundChoice,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { conversationAddress } from '../src/bot/proactive/conversationReference';
import { cancellationSettlement, slotHours } from '../src/domain/bookingRules';
import type { Programme } from '../src/domain/programme';
import type { SessionTense } from '../src/domain/sessionTense';
import type { WhenEntity } from '../src/nlu/whenEntity';
import { frenchList } from '../src/i18n';
import { scopedRequestId } from '../src/services/requestKey';
import type { NearbyPlace } from '../src/services/placeSearch';
import { CHOOSE_THEME_DIALOG, ChooseThemeDialog, type ChooseThemeOptions, type ThemeChoice } from './ChooseThemeDialog';
import { heldSessionSentence } from './heldSession';
import { CHOOSE_SLOT_DIALOG, ChooseSlotDialog, type ChooseSlotOptions, OTHER_PLACE } from './ChooseSlotDialog';
import { firstPlaceWithSession, type PlaceOption, type PlacesFound, placesFor } from './bookingPlaces';
import { type BookingWish, currentWish, mergeWish, setWish, wishFromOpening } from './bookingWish';
import { openingUnderstanding, tellImpossibleDate } from './impossibleDate';
import type { DialogDeps } from './deps';
import { formatSlotStart } from '../src/wording';
import { placeName } from '../src/frenchGrammar';
import { answerNoHours } from './accountAnswers';
import { NO_HOURS } from './flowEnd';
import { moreHoursLines } from './renewalAnswers';
import { sendPersonalContacts } from './humanContacts';
import { IDENTIFY_DIALOG, IdentifyDialog, type IdentifyOptions } from './IdentifyDialog';
import { noteBooked, noteDone } from './doneInFlow';
import { knownProgramme } from './programmeOf';
import { findCatalogueTheme } from '../src/nlu/catalogueTheme';
import { answeredAside, NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { normalize } from '../src/nlu/normalize';
import { asking } from './prompts/questionKind';
import { reminderOffer } from './reminderOffer';
import { channelKind } from '../src/channels/channelKind';
import { sendReply } from '../src/channels/send';
import { requestOrigin } from './requestOrigin';
import { turnUnderstanding } from './turnUnderstanding';

export const BOOK_DIALOG = 'book';

/** How a booking starts: the sentence that opened it, and what an earlier flow already knew of the wish. */
export interface BookOptions extends IdentifyOptions {
  wish?: BookingWish;
}
const FLOW = 'book.flow';
const SLOT_FLOW = 'book.slotFlow';
const PLACE_PROMPT = 'book.place';
const PLACE_FLOW = 'book.placeFlow';
const CONFIRM_PROMPT = 'book.confirm';
const REMINDER_PROMPT = 'book.reminderConsent';
/** The confirmation's answers: yes, no, and a change of mind (another moment or place said instead). */
const YES = 0;
const CHANGED = 2;
/** The place question's "index" for a commune typed instead of a listed place. */
const TYPED_PLACE = -1;

/** What the session part of the flow needs; kept in the dialog options so a retry can restart it. */
interface BookingContext {
  beneficiaryId: string;
  placeId: string;
  placeName: string;
  expiresAt: string;
  themeId?: string;
  /** The person's own words for the subject, for the trainer. */
  subject?: string;
  /** The near places, for "un autre lieu". */
  places: PlaceOption[];
  lastPlaceId?: string;
  /** Whether the session there is past, to come or cancelled (domain/sessionTense). */
  lastTense?: SessionTense;
  /** The commune the places are nearest to, when the person named one (else their own). */
  communeInsee?: string;
  /** The moment asked, answered when the sessions are listed next (kept after a « non »: its day when it was an hour). */
  moment?: WhenEntity;
}

interface FlowValues {
  beneficiaryId?: string;
  /** The last hour was just booked: the menu next offers no booking (flowEnd.NO_HOURS). */
  usedUp?: true;
  /**
   * The programme, kept with the dialog's own state: the person's profile is
   * user state, saved apart from the conversation's, and a process killed
   * between the two writes left the flow at the theme question with no
   * programme known (« Je ne trouve pas de lieu près de chez vous »).
   */
  programmeId?: string;
  /** Sessions are listed up to the expiry of the last carnet with a free hour (the booking picks the carnet). */
  expiresAt?: string;
  places?: NearbyPlace[];
  slotId?: string;
  /** What to say after « oui » to the reminder offer (where it arrives, which sessions). */
  reminderYes?: string;
}

/** « ça coûte combien ? », « c'est gratuit ? »: the price of the session asked. */
function asksTheCost(text: string): boolean {
  const said = ` ${normalize(text).replace(/\?/g, ' ')} `;
  return frenchList('book.cost_words').some((word) => said.includes(` ${normalize(word)} `));
}

/** A moment or a commune said at the confirmation (« non, plutôt vendredi »): the person changed their mind. */
function changesMind(context: TurnContext): boolean {
  const entities = turnUnderstanding(context)?.entities;
  return !!entities && entities.yesNo !== true && !!(entities.when || entities.commune);
}

export class BookDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(BOOK_DIALOG);
    this.addDialog(new IdentifyDialog(deps));
    this.addDialog(new ChooseSlotDialog(deps));
    // « Florac » typed at « Où souhaitez-vous votre séance ? »: the places nearest it.
    this.addDialog(
      asking(
        'commune',
        new NumberedChoicePrompt(PLACE_PROMPT, deps.t, async (prompt) => {
          if (prompt.recognized.succeeded || !turnUnderstanding(prompt.context)?.entities.commune) return prompt.recognized.succeeded;
          prompt.recognized.value = { index: TYPED_PLACE, value: prompt.context.activity.text ?? '', score: 1 };
          return true;
        }),
      ),
    );
    this.addDialog(new ChooseThemeDialog(deps));
    this.addDialog(
      asking(
        'yesNo',
        new NumberedChoicePrompt(CONFIRM_PROMPT, deps.t, async (prompt) => {
          // « ça coûte combien ? »: answered, then the question again (no « pas compris »).
          if (!prompt.recognized.succeeded && asksTheCost(prompt.context.activity.text ?? '')) {
            const programme = await knownProgramme(prompt.context, deps);
            await sendReply(
              prompt.context,
              // The programme's own name (« Pass'numérique » in the Drôme), as the rest of the booking says it.
              deps.t('book.costs_nothing', {
                book: programme?.voucherBook.word ?? deps.t('common.book_word'),
                name: programme?.name ?? deps.t('eligibility:pass_name'),
              }),
              deps.t,
            );
            answeredAside(prompt);
            return false;
          }
          if (prompt.recognized.succeeded || !changesMind(prompt.context)) return prompt.recognized.succeeded;
          prompt.recognized.value = { index: CHANGED, value: prompt.context.activity.text ?? '', score: 1 };
          return true;
        }),
      ),
    );
    // Offered after the booking is made: another request drops it (the router does not come back to it).
    this.addDialog(asking({ expecting: 'yesNo', dropped: true }, new NumberedChoicePrompt(REMINDER_PROMPT, deps.t)));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.openWish.bind(this),
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

  /**
   * The booking's wish starts with what the opening sentence says (« rdv à
   * Florac jeudi aprem »), and what the flow that led here knew (« réserver
   * ici » after the places nearest a commune: that commune).
   */
  private async openWish(step: WaterfallStepContext<BookOptions>): Promise<DialogTurnResult> {
    const said = await wishFromOpening(step.context, this.deps, step.options?.utterance);
    // « réserver le 30 février à 10 h »: said so; the day is asked with the sessions.
    await tellImpossibleDate(step.context, this.deps, await openingUnderstanding(step.context, this.deps, step.options?.utterance), true);
    await setWish(step.context, this.deps, mergeWish(step.options?.wish ?? {}, said, this.deps.clock.now()));
    return step.next();
  }

  /** The wish lasts as long as the booking: stopped or done, it is dropped. */
  protected override async onEndDialog(context: TurnContext, instance: DialogInstance, reason: DialogReason): Promise<void> {
    await setWish(context, this.deps, undefined);
    return super.onEndDialog(context, instance, reason);
  }

  private async chooseTheme(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const beneficiaryId = step.result as string | undefined;
    if (!beneficiaryId) return step.endDialog();
    const { services } = this.deps;
    const programme = await knownProgramme(step.context, this.deps);
    const until = await services.slots.bookableUntil(beneficiaryId, this.deps.clock.now());
    if (!programme || !until) {
      await answerNoHours(step.context, beneficiaryId, this.deps);
      return step.endDialog(NO_HOURS);
    }
    const values = step.values as FlowValues;
    Object.assign(values, { beneficiaryId, programmeId: programme.id, expiresAt: until.toISOString() });
    const { themeText } = await currentWish(step.context, this.deps);
    return step.beginDialog(CHOOSE_THEME_DIALOG, {
      programmeId: programme.id,
      ...(themeText ? { said: themeText } : {}),
    } satisfies ChooseThemeOptions);
  }

  /**
   * Straight to the sessions: at or nearest the commune the person named,
   * else at the place of the last session or the nearest one; with a moment
   * asked, at the first of those places that has a session then.
   */
  private async startAtDefaultPlace(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as FlowValues;
    const theme = (step.result ?? {}) as ThemeChoice;
    const { t } = this.deps;
    const programme = this.deps.programmes.find((p) => p.id === values.programmeId) ?? (await knownProgramme(step.context, this.deps));
    const wish = await currentWish(step.context, this.deps);
    const found = programme ? await placesFor(this.deps, values.beneficiaryId!, programme, wish) : undefined;
    if (!found || found.places.length === 0) {
      await sendReply(step.context, t('book.no_place'), t);
      await sendPersonalContacts(step.context, this.deps, { programme });
      return step.endDialog();
    }
    await this.sayElsewhere(step.context, found, programme);
    const context: BookingContext = {
      beneficiaryId: values.beneficiaryId!,
      placeId: found.places[0].id,
      placeName: found.places[0].name,
      expiresAt: values.expiresAt!,
      ...(theme.themeId ? { themeId: theme.themeId } : {}),
      ...(theme.subject ? { subject: theme.subject } : {}),
      places: found.places,
      ...(found.lastPlaceId ? { lastPlaceId: found.lastPlaceId } : {}),
      ...(found.lastTense ? { lastTense: found.lastTense } : {}),
      ...(found.communeInsee ? { communeInsee: found.communeInsee } : {}),
    };
    return step.replaceDialog(SLOT_FLOW, await this.withWish(context, wish));
  }

  /**
   * « un rdv à Die » on a Lozère carnet: the places offered are the
   * person's own département's, and the sentence says so, rather than
   * listing Mende as though it were Die.
   */
  private async sayElsewhere(context: TurnContext, found: PlacesFound, programme: Programme | undefined): Promise<void> {
    if (!found.elsewhere || !programme) return;
    const { t } = this.deps;
    const text = t('book.commune_elsewhere', {
      commune: found.elsewhere,
      departement: programme.departement.name,
      book: programme.voucherBook.word,
    });
    await sendReply(context, text, t);
    // Said once: the commune leaves the wish, a later moment (« plutôt jeudi ») does not say it again.
    const { commune: _elsewhere, ...wish } = await currentWish(context, this.deps);
    await setWish(context, this.deps, wish);
  }

  /** The moment of the wish, and the first place that has a session then (the places stay in their order). */
  private async withWish(context: BookingContext, wish: BookingWish): Promise<BookingContext> {
    const { moment: _moment, ...rest } = context;
    if (!wish.when) return rest;
    const place = await firstPlaceWithSession(this.deps, context.places, wish.when, context.expiresAt, wish.exclusions);
    return { ...rest, ...(place ? { placeId: place.id, placeName: place.name } : {}), moment: wish.when };
  }

  /**
   * No subject chosen at its question (« je sais pas »), one said later (« mes
   * papiers sur internet » at the sessions, kept in the wish): its theme, when
   * the words name one theme of the person's catalogue.
   */
  private async themeSaidLater(context: TurnContext, options: BookingContext): Promise<string | undefined> {
    if (options.subject) return undefined;
    const { themeText } = await currentWish(context, this.deps);
    const programme = themeText ? await knownProgramme(context, this.deps) : undefined;
    const found = themeText && programme ? findCatalogueTheme(themeText, programme.content.themes) : undefined;
    return found && found.candidates.length <= 1 ? found.id : undefined;
  }

  /** A new commune or moment said since the places were found: find them again, or keep them and list with the moment. */
  private async again(step: WaterfallStepContext<BookingContext>): Promise<DialogTurnResult> {
    const wish = await currentWish(step.context, this.deps);
    const programme = await knownProgramme(step.context, this.deps);
    let context: BookingContext = step.options;
    if (programme && wish.commune && wish.commune.insee !== context.communeInsee) {
      const found = await placesFor(this.deps, context.beneficiaryId, programme, wish);
      await this.sayElsewhere(step.context, found, programme);
      if (found.places.length > 0 && !found.elsewhere) {
        const { lastPlaceId: _last, lastTense: _tense, communeInsee: _commune, ...rest } = context;
        context = { ...rest, ...found, placeId: found.places[0].id, placeName: found.places[0].name };
      }
    }
    return step.replaceDialog(SLOT_FLOW, await this.withWish(context, wish));
  }

  /**
   * « Espace social du Diois (Die, 1 km) » in the list of places, whose
   * question says where the distances are from. As the heading of its
   * sessions: « Espace social du Diois (Die) », or « (Chirac, à 4 km de
   * Marvejols) » when it is not in the commune the person asked for — a bare
   * distance there would not say from where. The place of the person's last
   * booking says so, as that session is: « Mende, comme la dernière fois »
   * once it was held, « Mende, où vous avez déjà rendez-vous » while it is
   * to come (« la dernière fois » of a session not yet had misled), nothing
   * when it was cancelled; a town hall is its commune. Inside a sentence
   * (« Il n'y a pas de séance libre jeudi à … ») the place goes without that
   * note, which would read as said of the sentence.
   */
  private placeLabel(place: PlaceOption, options: BookingContext, use: 'choice' | 'heading' | 'sentence'): string {
    const { t } = this.deps;
    const town = place.name === place.commune;
    const note = use !== 'sentence' && place.id === options.lastPlaceId ? lastPlaceNote(options.lastTense, t) : undefined;
    if (note) return t('book.place_with_note', { place: town ? place.commune : t('book.place_heading', place), note });
    if (use === 'choice') return t(town ? 'book.place_choice_town' : 'book.place_choice', place);
    const asked = this.askedCommune(options);
    if (asked && asked !== place.commune)
      return t(town ? 'book.place_heading_town_from' : 'book.place_heading_from', { ...place, from: asked });
    return town ? place.commune : t('book.place_heading', place);
  }

  /** The commune the person asked the places near, when it is not their own. */
  private askedCommune(options: BookingContext): string | undefined {
    return options.communeInsee ? this.deps.services.placeSearch.communes.getByInsee(options.communeInsee)?.name : undefined;
  }

  /** « Où souhaitez-vous votre séance ? (distances depuis Florac Trois Rivières) », or « depuis chez vous ». */
  private whichPlace(options: BookingContext): string {
    const { t } = this.deps;
    const asked = this.askedCommune(options);
    return `${t('book.which_place')} ${asked ? t('book.distances_from', { commune: asked }) : t('book.distances_from_home')}`;
  }

  private async askPlace(step: WaterfallStepContext<BookingContext>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const prompt = this.whichPlace(step.options);
    return step.prompt(PLACE_PROMPT, {
      prompt,
      retryPrompt: `${t('common.didnt_understand')} ${prompt}`,
      choices: step.options.places.map((place) => ({
        value: this.placeLabel(place, step.options, 'choice'),
        synonyms: [place.commune],
      })),
    });
  }

  private async startAtChosenPlace(step: WaterfallStepContext<BookingContext>): Promise<DialogTurnResult> {
    const { index } = step.result as FoundChoice;
    if (index === TYPED_PLACE) return this.again(step);
    const place = step.options.places[index];
    return step.replaceDialog(SLOT_FLOW, { ...step.options, placeId: place.id, placeName: place.name } satisfies BookingContext);
  }

  private async chooseSlot(step: WaterfallStepContext<BookingContext>): Promise<DialogTurnResult> {
    const here = step.options.places.find((p) => p.id === step.options.placeId);
    // Said against once (« pas le lundi »), left out at every place and page of this booking.
    const { exclusions } = await currentWish(step.context, this.deps);
    return step.beginDialog(CHOOSE_SLOT_DIALOG, {
      ...(exclusions ? { exclusions } : {}),
      placeId: step.options.placeId,
      before: step.options.expiresAt,
      placeLabel: here ? this.placeLabel(here, step.options, 'heading') : step.options.placeName,
      placeInSentence: here ? this.placeLabel(here, step.options, 'sentence') : step.options.placeName,
      offerOtherPlace: step.options.places.length > 1,
      beneficiaryId: step.options.beneficiaryId,
      ...(step.options.moment ? { moment: step.options.moment } : {}),
    } satisfies ChooseSlotOptions);
  }

  private async confirm(step: WaterfallStepContext<BookingContext>): Promise<DialogTurnResult> {
    const slotId = step.result as string | undefined;
    if (slotId === OTHER_PLACE) {
      // « plutôt à Florac » at the sessions: the places nearest it; « un autre lieu »: which one.
      const wish = await currentWish(step.context, this.deps);
      return wish.commune && wish.commune.insee !== step.options.communeInsee
        ? this.again(step)
        : step.replaceDialog(PLACE_FLOW, step.options);
    }
    if (!slotId) return step.endDialog();
    (step.values as FlowValues).slotId = slotId;
    const { t, services } = this.deps;
    const slot = await services.slots.slot(slotId);
    const hours = slot ? slotHours(slot) : 1;
    const programme = await knownProgramme(step.context, this.deps);
    const book = programme?.voucherBook.word ?? t('common.book_word');
    const details = {
      when: slot ? formatSlotStart(slot.start, t) : '',
      place: step.options.placeName,
      hours: t('common.hours', { count: hours }),
      book,
    };
    // So close that a cancellation would cost the hour: said before the « oui », not after (in the question itself on SMS).
    const late = slot && programme && cancellationSettlement(programme, slot.start, this.deps.clock.now()) === 'consume';
    const question = !late
      ? t('book.confirm', details)
      : channelKind(step.context.activity.channelId) === 'sms'
        ? t('conversation:confirm_late_sms', details)
        : `${t('conversation:late_cancel_warning', { book })}\n${t('book.confirm', details)}`;
    return step.prompt(CONFIRM_PROMPT, {
      prompt: question,
      retryPrompt: `${t('common.didnt_understand')} ${t('book.confirm_short')}`,
      choices: [
        { value: t('common.yes'), synonyms: frenchList('common.yes_synonyms') },
        // « attendez je me suis trompé »: not yet, the sessions again.
        { value: t('common.no'), synonyms: [...frenchList('common.no_synonyms'), ...frenchList('book.not_yet_synonyms')] },
      ],
    });
  }

  private async book(step: WaterfallStepContext<BookingContext>): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    const { index } = step.result as FoundChoice;
    if (index === CHANGED || (index !== YES && changesMind(step.context))) return this.again(step);
    if (index !== YES) {
      // « non »: another session of the list, not the menu (« annuler » stops): the moment asked is still the one wanted.
      await sendReply(step.context, t('conversation:not_booked_choose_again'), t);
      const { moment, ...options } = step.options;
      return step.replaceDialog(SLOT_FLOW, { ...options, ...(moment ? { moment: dayOfHour(moment) } : {}) } satisfies BookingContext);
    }
    const { moment: _moment, ...options } = step.options;
    const outcome = await services.booking.book({
      // The confirming message's id, scoped to this person here: a channel's retry of it books once.
      requestId: scopedRequestId(requestOrigin(step.context), options.beneficiaryId),
      beneficiaryId: options.beneficiaryId,
      slotId: (step.values as FlowValues).slotId!,
      actor: { kind: 'beneficiary', id: options.beneficiaryId },
      now: this.deps.clock.now(),
      themeId: options.themeId ?? (await this.themeSaidLater(step.context, options)),
      subject: options.subject,
      // The reply below confirms it here; the outbox confirms it on the person's other channels.
      channelId: step.context.activity.channelId,
    });
    switch (outcome.outcome) {
      case 'booked': {
        const programme = await knownProgramme(step.context, this.deps);
        const { start, place, trainerFirstName, hoursLeft } = await services.receipts.of(outcome.booking, this.deps.clock.now());
        const lines = [
          t('book.booked', {
            when: start ? formatSlotStart(start, t) : '',
            place: place ? placeName(place.name, place.commune) : options.placeName,
          }),
          place ? t('book.address', { address: shownAddress(place), postalCode: place.postalCode, commune: place.commune }) : '',
          trainerFirstName ? t('book.trainer', { name: trainerFirstName }) : '',
          t('book.what_to_bring', { book: programme?.voucherBook.word ?? t('common.book_word') }),
          place?.phone ? t('book.call_place', { phone: place.phone }) : '',
          hoursLeft !== undefined ? t('book.hours_left', { count: hoursLeft }) : '',
        ];
        // The last hour booked: who gives more, with the phone, not « Il ne vous reste plus d'heure » alone.
        if (hoursLeft === 0) {
          lines.push(...(await moreHoursLines(step.context, this.deps, options.beneficiaryId, programme)));
          (step.values as FlowValues).usedUp = true;
        }
        await sendReply(step.context, lines.filter(Boolean).join('\n'), t);
        // Stopped now (« laissez tomber » at the reminder offer), the flow says the session stays booked.
        if (start) await noteDone(step.context, this.deps, { kind: 'booked', when: formatSlotStart(start, t) });
        await noteBooked(step.context, this.deps, outcome.booking.id);
        await setWish(step.context, this.deps, undefined);
        return this.askReminderConsent(step, outcome.booking.slotId);
      }
      case 'slot_full':
      case 'slot_past':
        await sendReply(step.context, t('book.slot_taken'), t);
        return step.replaceDialog(SLOT_FLOW, options satisfies BookingContext);
      case 'already_booked':
        await sendReply(step.context, t('book.already_booked'), t);
        return step.endDialog();
      case 'overlaps':
        // Never two places at once: the session already held then, and the other sessions (none overlapping it).
        await sendReply(step.context, await heldSessionSentence(this.deps, outcome.held), t);
        return step.replaceDialog(SLOT_FLOW, options satisfies BookingContext);
      case 'not_enough_hours':
      case 'book_expired':
      case 'not_found':
        await answerNoHours(step.context, options.beneficiaryId, this.deps);
        return step.endDialog(NO_HOURS);
    }
  }

  /**
   * Asked once per person and channel, right after the first booking there
   * where a reminder can still be sent (reminderOffer.ts); later bookings
   * only refresh the stored conversation reference (a new Web Chat
   * conversation, say) and keep the answer given.
   */
  private async askReminderConsent(step: WaterfallStepContext<BookingContext>, slotId: string): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    const address = conversationAddress(step.context.activity);
    const known = await services.contacts.get(step.options.beneficiaryId, step.context.activity.channelId);
    if (known) {
      await services.contacts.remember(step.options.beneficiaryId, address, this.deps.clock.now());
      return step.endDialog(this.ended(step));
    }
    const offer = await reminderOffer(step.context, this.deps, step.options.beneficiaryId, slotId);
    if (!offer) return step.endDialog(this.ended(step));
    (step.values as FlowValues).reminderYes = offer.yes;
    return step.prompt(REMINDER_PROMPT, {
      prompt: offer.question,
      retryPrompt: `${t('common.didnt_understand')} ${t('reminders:consent.question_short')}`,
      choices: [
        { value: t('common.yes'), synonyms: frenchList('common.yes_synonyms') },
        { value: t('common.no'), synonyms: frenchList('common.no_synonyms') },
      ],
    });
  }

  /** How the booking ended, for the menu: with no hour left after it, no booking is offered. */
  private ended(step: WaterfallStepContext): typeof NO_HOURS | undefined {
    return (step.values as FlowValues).usedUp ? NO_HOURS : undefined;
  }

  /** « oui » covers every session ahead on this channel: each gets its reminder planned. */
  private async recordReminderConsent(step: WaterfallStepContext<BookingContext>): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    const consent = (step.result as FoundChoice).index === 0;
    const address = conversationAddress(step.context.activity);
    const now = this.deps.clock.now();
    await services.contacts.remember(step.options.beneficiaryId, address, now, consent);
    if (consent) await services.booking.replanUpcoming(step.options.beneficiaryId, now);
    const yes = (step.values as FlowValues).reminderYes;
    await sendReply(step.context, consent && yes ? yes : t('reminders:consent.no'), t);
    return step.endDialog(this.ended(step));
  }
}

/**
 * « non » to the session of the hour asked (« demain 10h » goes straight to
 * its confirmation): the other sessions of that day, not the same question again.
 */
function dayOfHour(moment: WhenEntity): WhenEntity {
  if (moment.grain !== 'instant') return moment;
  const day = DateTime.fromISO(moment.start, { zone: PARIS_ZONE }).startOf('day');
  return { start: day.toISO()!, end: day.plus({ days: 1 }).toISO()!, grain: 'day', text: moment.text };
}

/** What the place of the last booking is said to be: where the person went, or has a session to come; nothing of a cancelled one. */
function lastPlaceNote(tense: SessionTense | undefined, t: DialogDeps['t']): string | undefined {
  if (tense === 'past') return t('book.place_note_past');
  if (tense === 'upcoming') return t('book.place_note_upcoming');
  return undefined;
}
