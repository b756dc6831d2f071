/**
 * Pick a session at one place: the next free ones, numbered, with "other
 * dates" to see the following ones — or the person's own words (« jeudi
 * aprem », « demain 10h », « le 15 », « mardi 15 », « en janvier », « plutôt
 * le matin », « un autre jour »), read by nlu/whenEntity.ts and answered
 * with that session, the free ones then (in the part of the day said), or
 * why not (past, public holiday, closed, beyond what can be booked yet) and
 * what instead. A moment said before the question (`moment`) is answered at
 * once. Ends with the chosen slot id, or undefined when there is none
 * (after saying whom to call).
 */
import { ActionTypes } from 'botbuilder';
import { placeName } from '../src/frenchGrammar';
import {
  type Choice,
  ComponentDialog,
  type DialogTurnResult,
  type FoundChoice,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { frenchList } from '../src/i18n';
import { DateTime } from 'luxon';
import { normalize } from '../src/nlu/normalize';
import type { Expectation } from '../src/nlu/understand';
import { type PartOfDay, PARTS_OF_DAY, readingsOf, readWhen, type WhenEntity } from '../src/nlu/whenEntity';
import { refinedMoment } from '../src/nlu/refinedMoment';
import type { AskedTime } from '../src/services/slotFinder';
import type { DialogDeps } from './deps';
import { describeMoment, formatDay } from './momentWords';
import { knownProgramme } from './programmeOf';
import { phoneContactText, reach } from './humanContacts';
import { needsPhoneContact } from './placeText';
import { turnUnderstanding } from './turnUnderstanding';
import { formatSlotStart, formatSlotStartShort } from '../src/wording';
import { answeredAside, askAgainAs, NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { ordinalPicked } from '../src/nlu/choiceRecognizer';
import { findSignals, saysOnlyOk } from '../src/nlu/conversationSignals';
import { findYesNo } from '../src/nlu/smallEntities';
import { asking } from './prompts/questionKind';
import { atSessionHour, sessionListedByMoment } from './sessionByMoment';
import { sendReply } from '../src/channels/send';
import type { SessionExclusion } from '../src/domain/sessionExclusions';
import { exceptWords, exclusionsAfter } from './exclusions';

export const CHOOSE_SLOT_DIALOG = 'chooseSlot';
const PROMPT = 'chooseSlot.prompt';
const FLOW = 'chooseSlot.flow';
const WHICH_DAY_PROMPT = 'chooseSlot.whichDay';
const WHICH_DAY_FLOW = 'chooseSlot.whichDayFlow';
const PAGE = 5;
/** The "index" of an answer in the person's own words rather than a listed option. */
const OWN_WORDS = -1;
/** The "index" of a commune typed instead of « Un autre lieu » (« plutôt à Florac »). */
const TYPED_PLACE = -2;
/** A date answer is short; the DateTime model's cost grows with the text. */
const MAX_DATE_CHARS = 300;
const ZONE = 'Europe/Paris';
/** « 3 », « le 2 », « n°4 »: an option's number, not a day, when the list has that many. */
const OPTION_NUMBER = /^(?:le |la |n |no |numero |choix |option )?(\d{1,2})$/;
/** « le plus tôt possible », « peu importe », « quand vous voulez », « y a pas plus tôt ? »: the soonest session (confirmed next). */
const SOONEST =
  /\b(?:le plus tot|au plus tot|plus tot|au plus vite|le plus vite|des que possible|asap|peu importe|n importe quand|n importe quel jour|quand vous voulez|comme vous voulez|la plus proche|la premiere dispo|le premier dispo|la prochaine dispo)\b/;

export interface ChooseSlotOptions {
  placeId: string;
  /** Sessions must start before the carnet expires. */
  before: string;
  /** Show sessions after this instant (ISO): the "other dates" page. */
  after?: string;
  /** Offer exactly these sessions (found for the person's own words), after this message. */
  offered?: string[];
  intro?: string;
  /** The intro heads the list (« Voici les séances libres jeudi : »): the question adds no heading of its own. */
  headed?: true;
  /** How to name the place in the question ("Médiathèque de Mende (Mende, 2 km)", "Mende, comme la dernière fois"). */
  placeLabel?: string;
  /** How to name it inside a sentence (« Il n'y a pas de séance libre jeudi à … »): without a note about the person's last session. */
  placeInSentence?: string;
  /** Add "un autre lieu": the dialog then ends with OTHER_PLACE when chosen. */
  offerOtherPlace?: boolean;
  /** A moment the person already said (« rdv jeudi aprem »): answered at once, instead of the soonest sessions. */
  moment?: WhenEntity;
  /**
   * The moment last answered here (« jeudi matin »): what is said next keeps what it does not change (« plutôt
   * l'après-midi » is Thursday afternoon, « le jeudi » after « la semaine du 14 » that week's).
   */
  asked?: WhenEntity;
  /** The sessions offered are the first ones the person sees here: the question names the place. */
  namePlace?: boolean;
  /** Whose sessions these are: none overlapping a session the person holds is offered (moving: but that one, `moving`). */
  beneficiaryId?: string;
  moving?: string;
  /** When the session moved starts (ISO): « plutôt jeudi même heure » is Thursday at its hour. */
  movingStart?: string;
  /** The day of the session being moved (YYYY-MM-DD): « la semaine d'après » is the week after its week. */
  movedDay?: string;
  /** The sessions listed are in this part of the day, asked (« samedi matin »): « Voir d'autres dates » keeps it, and says so. */
  part?: PartOfDay;
  /**
   * What the person said against (« pas le lundi », « pas le matin »), here or earlier in the booking: left out of
   * every page and every moment asked, until a moment asks for it (« finalement lundi ça va »).
   */
  exclusions?: SessionExclusion[];
}

/** The result when the person asks for another place. */
export const OTHER_PLACE = 'other-place';

/** What the « which of the two days » question keeps: the two readings, in the order offered. */
interface WhichDayValidations {
  readings: WhenEntity[];
}

/** What the session question's prompt keeps besides its choices. */
interface SlotValidations {
  expecting: Expectation;
  /** « Un autre lieu » is offered: a commune typed means it. */
  otherPlace: boolean;
  /** How many options are sessions (« le dernier » is the last of them), and their starts (ISO), in order. */
  items: number;
  starts: string[];
  /** ChooseSlotOptions.movedDay. */
  movedDay?: string;
}

interface Values {
  slotIds: string[];
  lastStart?: string;
  /** Index of "un autre lieu" in the choices, when offered. */
  otherPlaceIndex?: number;
  /** The day of the last session shown (YYYY-MM-DD): « un autre jour » is after it. */
  shownDay?: string;
  /** The day of every session shown, when they are all on one: « 16h » is then that day's. */
  listedDay?: string;
  /** The part of the day every session shown is in, as asked (said with them). */
  part?: PartOfDay;
}

/** « ok », « d'accord », « oui », « oui ça va » alone: agreement, naming no session. */
function saysOnlyYes(text: string): boolean {
  if (saysOnlyOk(text)) return true;
  const said = findYesNo(text);
  return text.trim().split(/\s+/).length <= 3 && said.length === 1 && said[0].value && !/\d/.test(text);
}

/** At most this many words, a message is a hesitation, not a request (« non », « euh attendez », « je sais pas trop »). */
const HESITATION_WORDS = 4;

/**
 * « non » (none of these), « je sais pas » or « attendez » at a list of
 * sessions: what the person hesitates with, answered kindly, never « je
 * n'arrive pas à comprendre votre réponse » after two tries.
 */
function hesitates(text: string): 'no' | 'dont_know' | 'wait' | undefined {
  if (text.trim().split(/\s+/).length > HESITATION_WORDS || /\d/.test(text)) return undefined;
  if (findSignals(text).has('dontKnow')) return 'dont_know';
  const said = ` ${normalize(text)
    .replace(/[?!.,']/g, ' ')
    .replace(/\s+/g, ' ')} `;
  if (frenchList('book.wait_words').some((words) => said.includes(` ${normalize(words)} `))) return 'wait';
  const yesNo = findYesNo(text);
  return yesNo.length === 1 && yesNo[0].value === false ? 'no' : undefined;
}

export class ChooseSlotDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(CHOOSE_SLOT_DIALOG);
    this.addDialog(
      new NumberedChoicePrompt(PROMPT, deps.t, async (prompt) => {
        // "le 3 décembre" names a day, not option 3: a date wins over a number,
        // but not over a button's own label (« jeu. 3 déc. 9h » pressed).
        const text = prompt.context.activity.text ?? '';
        const choices = prompt.options.choices ?? [];
        const pressed = choices.some((c) => typeof c !== 'string' && normalize(c.action?.title ?? '') === normalize(text));
        const number = OPTION_NUMBER.exec(normalize(text).trim());
        const items = (prompt.options.validations as SlotValidations | undefined)?.items ?? 0;
        // « le 1er », « la 2eme », « le dernier »: an option too (never the 1st of January), on every channel.
        const byNumber =
          (!!number && Number(number[1]) >= 1 && Number(number[1]) <= choices.length) ||
          ordinalPicked(text, choices.length, items) !== undefined;
        const movedDay = (prompt.options.validations as SlotValidations | undefined)?.movedDay;
        const moment =
          !pressed && !byNumber
            ? readWhen(text.slice(0, MAX_DATE_CHARS), { now: deps.clock.now(), expecting: 'when', ...(movedDay ? { movedDay } : {}) })
            : undefined;
        // « n'importe quel jour l'aprem » says a moment: the afternoons, not the soonest session.
        if (!prompt.recognized.succeeded && !moment && SOONEST.test(normalize(text)) && choices.length > 0) {
          prompt.recognized.succeeded = true;
          prompt.recognized.value = { index: 0, value: text, score: 1 };
          return true;
        }
        if (moment) {
          // « lundi ça va », or « je peux pas lundi » with two sessions listed: the one session listed that it leaves.
          const starts = (prompt.options.validations as SlotValidations | undefined)?.starts ?? [];
          const listed = sessionListedByMoment(moment, starts);
          prompt.recognized.succeeded = true;
          prompt.recognized.value = { index: listed ?? OWN_WORDS, value: prompt.context.activity.text ?? '', score: 1 };
        }
        // « ok », « oui » at the sessions: the one listed, or which one, asked by its number (not « je n'ai pas bien compris »).
        // Asked again in one message, with every option and its number (« Voir d'autres dates » too) and the buttons.
        if (!prompt.recognized.succeeded && !moment && saysOnlyYes(text)) {
          if (items === 1) {
            prompt.recognized.succeeded = true;
            prompt.recognized.value = { index: 0, value: text, score: 1 };
            return true;
          }
          askAgainAs(prompt, deps.t('book.which_slot_number', { last: choices.length }));
          return false;
        }
        // « non », « je sais pas », « euh attendez » at the sessions: a kind word and the list again, counted as no failure.
        const hesitation = !prompt.recognized.succeeded && !moment ? hesitates(text) : undefined;
        if (hesitation) {
          await sendReply(prompt.context, deps.t(`book.slot_${hesitation}`), deps.t);
          answeredAside(prompt);
          return false;
        }
        // « plutôt à Florac », « près de Mende »: another place, where another one may be offered (the booking's wish holds the commune).
        const commune = turnUnderstanding(prompt.context)?.entities.commune;
        if (!prompt.recognized.succeeded && commune && (prompt.options.validations as SlotValidations | undefined)?.otherPlace) {
          prompt.recognized.succeeded = true;
          prompt.recognized.value = { index: TYPED_PLACE, value: commune.name, score: 1 };
        }
        return prompt.recognized.succeeded;
      }),
    );
    this.addDialog(new WaterfallDialog(FLOW, [this.offer.bind(this), this.chosen.bind(this)]));
    // « jeudi prochain » said on a Wednesday: tomorrow, or Thursday next week? Answered by number, by « demain », by a day.
    this.addDialog(
      asking(
        'when',
        new NumberedChoicePrompt(WHICH_DAY_PROMPT, deps.t, async (prompt) => {
          if (prompt.recognized.succeeded) return true;
          const readings = (prompt.options.validations as WhichDayValidations | undefined)?.readings ?? [];
          const said = readWhen((prompt.context.activity.text ?? '').slice(0, MAX_DATE_CHARS), {
            now: deps.clock.now(),
            expecting: 'when',
          });
          if (!said) return false;
          // Days that hold one of the two and not the other (« demain », « le 10 », « la semaine prochaine ») pick it;
          // an hour said (« le 10 à 14 h ») or another day is the moment asked instead.
          const held = readings.map((r, i) => (holds(said, r.start) ? i : -1)).filter((i) => i >= 0);
          const index = held.length === 1 && said.grain !== 'instant' ? held[0] : OWN_WORDS;
          prompt.recognized.succeeded = true;
          prompt.recognized.value = { index, value: prompt.context.activity.text ?? '', score: 1 };
          return true;
        }),
      ),
    );
    this.addDialog(new WaterfallDialog(WHICH_DAY_FLOW, [this.askWhichDay.bind(this), this.dayChosen.bind(this)]));
    this.initialDialogId = FLOW;
  }

  /** « Demain jeudi 3 ou jeudi 10 décembre ? »: the two days a « jeudi prochain » may mean, numbered. */
  private async askWhichDay(step: WaterfallStepContext<ChooseSlotOptions>): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const readings = readingsOf(step.options.moment!);
    const [first, second] = readings.map((r) => DateTime.fromISO(r.start, { zone: ZONE }).setLocale('fr'));
    const tomorrow = first.hasSame(DateTime.fromJSDate(this.deps.clock.now(), { zone: ZONE }).plus({ days: 1 }), 'day');
    const sameMonth = first.hasSame(second, 'month');
    const days = {
      first: first.toFormat(t(sameMonth ? 'moment.format_day_short' : 'moment.format_day')),
      second: second.toFormat(t('moment.format_day')),
    };
    return step.prompt(WHICH_DAY_PROMPT, {
      prompt: t(tomorrow ? 'book.which_day_tomorrow' : 'book.which_day', days),
      retryPrompt: `${t('common.didnt_understand')} ${t(tomorrow ? 'book.which_day_tomorrow' : 'book.which_day', days)}`,
      choices: [
        { value: t(tomorrow ? 'book.day_tomorrow' : 'book.day_choice', { day: first.toFormat(t('moment.format_day')) }), synonyms: [] },
        { value: t('book.day_choice', { day: days.second }), synonyms: [] },
      ],
      validations: { readings } satisfies WhichDayValidations,
    });
  }

  /** The day chosen is the moment asked; another moment said instead replaces it. */
  private async dayChosen(step: WaterfallStepContext<ChooseSlotOptions>): Promise<DialogTurnResult> {
    const { index, value } = step.result as FoundChoice;
    const { moment, ...options } = step.options;
    const chosen =
      index === OWN_WORDS
        ? readWhen(value.slice(0, MAX_DATE_CHARS), { now: this.deps.clock.now(), expecting: 'when', bookableUntil: options.before })
        : readingsOf(moment!)[index];
    return step.replaceDialog(FLOW, { ...options, ...(chosen ? { moment: chosen } : {}) } satisfies ChooseSlotOptions);
  }

  private async offer(step: WaterfallStepContext<ChooseSlotOptions>): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    const options = step.options;
    if (options.moment) {
      const { moment, ...rest } = options;
      if (moment.orWeekAfter) return step.replaceDialog(WHICH_DAY_FLOW, options);
      return this.answerMoment(step, { ...rest, namePlace: true }, moment);
    }
    const busy = await this.ownSessions(options);
    const next = (part?: PartOfDay) =>
      services.slots.freeSlots(
        options.placeId,
        this.deps.clock.now(),
        new Date(options.before),
        PAGE,
        options.after ? new Date(options.after) : undefined,
        { hours: part ? PARTS_OF_DAY[part] : undefined, exclusions: options.exclusions },
        busy,
      );
    // The next page of sessions in the part of the day asked; none left then, the others, said so (never silently).
    let part = !options.offered && options.after ? options.part : undefined;
    let slots = options.offered ? await services.slots.stillFree(options.offered, busy) : await next(part);
    // What heads the list (« Le lieu est fermé samedi. Voici d'autres séances libres : ») is said in the question's own
    // message: on Web Chat a message of its own ended on « : » with the list below it, apart.
    const heading: string[] = [];
    if (part && slots.length === 0) {
      slots = await next();
      if (slots.length > 0) heading.push(t('book.no_more_in_part', { part: t(`moment.parts.${part}`) }));
      part = undefined;
    }
    if (options.intro) heading.push(options.intro);
    if (slots.length === 0) {
      if (options.intro) await sendReply(step.context, options.intro, t);
      const place = await services.slots.place(options.placeId);
      const key = options.after ? 'book.no_more_slots' : 'book.no_slots';
      await sendReply(step.context, t(key, { place: place ? placeName(place.name, place.commune) : '' }), t);
      // Whom to see about it: the place's phone, or its address and hours where it publishes none, and then a person to call.
      const contact = place && reach(place, t, this.deps.clock.now());
      if (contact)
        await sendReply(step.context, t(place.phone ? 'book.call_place' : 'book.visit_place', { phone: contact, reach: contact }), t);
      if (place && needsPhoneContact([place])) await sendReply(step.context, await phoneContactText(step.context, this.deps), t);
      return step.endDialog(options.offerOtherPlace ? OTHER_PLACE : undefined);
    }
    const values = step.values as Values;
    values.part = part ?? (options.offered ? options.part : undefined);
    values.slotIds = slots.map((s) => s.id);
    values.lastStart = slots[slots.length - 1].start.toISOString();
    const days = new Set(slots.map((s) => DateTime.fromJSDate(s.start, { zone: ZONE }).toISODate() ?? ''));
    values.shownDay = DateTime.fromJSDate(slots[slots.length - 1].start, { zone: ZONE }).toISODate() ?? undefined;
    values.listedDay = days.size === 1 ? values.shownDay : undefined;
    // The button names the session briefly (« mer. 2 déc. 14h »); the message lists it in full.
    const choices: Choice[] = slots.map((s) => {
      const short = formatSlotStartShort(s.start, t);
      return { value: formatSlotStart(s.start, t), synonyms: [short], action: { type: ActionTypes.ImBack, title: short, value: short } };
    });
    values.otherPlaceIndex = undefined;
    if (slots.length === PAGE) {
      choices.push({ value: t('book.other_dates'), synonyms: frenchList('book.other_dates_synonyms') });
    }
    if (options.offerOtherPlace) {
      values.otherPlaceIndex = choices.length;
      choices.push({ value: t('book.other_place'), synonyms: frenchList('book.other_place_synonyms') });
    }
    // Sessions found for a moment follow a sentence that says what they are (and where, when the place is new to the person):
    // one heading, never « Voici les séances libres jeudi : » then « Séances libres à Mende ».
    // What was said against holds on every page, and the question says so (« Séances libres à Mende, sauf le lundi »).
    const firstDay = DateTime.fromJSDate(slots[0].start, { zone: ZONE }).toISODate() ?? '';
    const lastDay = DateTime.fromISO(options.before, { zone: ZONE }).toISODate() ?? firstDay;
    const except = exceptWords(options.exclusions, firstDay, lastDay, t);
    const partWords =
      [part ? t(`moment.parts.${part}`) : '', except ? t('book.except', { except }) : ''].filter(Boolean).join(', ') || undefined;
    const question = options.offered
      ? t('book.which_of_these')
      : options.placeLabel && !options.headed
        ? t(except ? 'book.which_slot_filter_at' : partWords ? 'book.which_slot_part_at' : 'book.which_slot_at', {
            place: options.placeLabel,
            part: partWords,
          })
        : t(partWords ? 'book.which_slot_part' : 'book.which_slot', { part: partWords });
    return step.prompt(PROMPT, {
      prompt: [...heading, question].join('\n'),
      retryPrompt: `${t('book.slot_not_understood')} ${question}`,
      choices,
      // A moment typed here is the answer (the router does not take it for another request).
      validations: {
        expecting: 'when',
        otherPlace: !!options.offerOtherPlace,
        ...(options.movedDay ? { movedDay: options.movedDay } : {}),
        items: slots.length,
        starts: slots.map((slot) => slot.start.toISOString()),
      } satisfies SlotValidations,
    });
  }

  private async chosen(step: WaterfallStepContext<ChooseSlotOptions>): Promise<DialogTurnResult> {
    const values = step.values as Values;
    const { index, value } = step.result as FoundChoice;
    if (index === OWN_WORDS) return this.ownWords(step, value);
    if (index === TYPED_PLACE) return step.endDialog(OTHER_PLACE);
    if (index < values.slotIds.length) return step.endDialog(values.slotIds[index]);
    if (index === values.otherPlaceIndex) return step.endDialog(OTHER_PLACE);
    const { offered: _offered, intro: _intro, headed: _headed, part: _part, ...options } = step.options;
    // « Voir d'autres dates »: the next ones, in the part of the day of those listed, if they were.
    return step.replaceDialog(FLOW, {
      ...options,
      after: values.lastStart,
      ...(values.part ? { part: values.part } : {}),
    } satisfies ChooseSlotOptions);
  }

  /** « jeudi aprem »: the session then, the free ones then, or why not and what instead. */
  private async ownWords(step: WaterfallStepContext<ChooseSlotOptions>, text: string): Promise<DialogTurnResult> {
    const { offered: _offered, intro: _intro, headed: _headed, ...options } = step.options;
    const now = this.deps.clock.now();
    const read = readWhen(text.slice(0, MAX_DATE_CHARS), {
      now,
      expecting: 'when',
      proposedDay: (step.values as Values).shownDay,
      listedDay: (step.values as Values).listedDay,
      bookableUntil: options.before,
      ...(options.movedDay ? { movedDay: options.movedDay } : {}),
    });
    const refined = read && refinedMoment(options.asked, read, now);
    const when = options.movingStart ? atSessionHour(refined, text, options.movingStart) : refined;
    if (!when) {
      return step.replaceDialog(FLOW, { ...options, intro: this.deps.t('book.date_not_understood') } satisfies ChooseSlotOptions);
    }
    if (when.orWeekAfter) return step.replaceDialog(WHICH_DAY_FLOW, { ...options, moment: when } satisfies ChooseSlotOptions);
    return this.answerMoment(step, options, when);
  }

  /** The sessions the person holds (but the one being moved): no other session of theirs may overlap them. */
  private async ownSessions(options: ChooseSlotOptions) {
    if (!options.beneficiaryId) return [];
    const own = await this.deps.services.slots.ownSessions(options.beneficiaryId, this.deps.clock.now());
    return own.filter((session) => session.bookingId !== options.moving);
  }

  private async answerMoment(
    step: WaterfallStepContext<ChooseSlotOptions>,
    base: ChooseSlotOptions,
    when: WhenEntity,
  ): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    const { offered: _offered, intro: _intro, headed: _headed, part: _part, exclusions: earlier, asked: _asked, ...options } = base;
    const now = this.deps.clock.now();
    const before = new Date(options.before);
    // « pas le matin » said before, « jeudi » now: Thursday's sessions but the mornings; « jeudi matin » now lifts it.
    const exclusions = exclusionsAfter(earlier, when);
    const asked = askedTime(when, now, exclusions);
    const answer = await services.slots.forAskedTime(options.placeId, asked, now, before, PAGE, await this.ownSessions(options));
    if (answer.kind === 'exact') return step.endDialog(answer.slot.id);
    const slots = 'slots' in answer ? answer.slots : [];
    const first = DateTime.fromJSDate(asked.start, { zone: ZONE }).toISODate() ?? '';
    const last = asked.end ? (DateTime.fromJSDate(new Date(asked.end.getTime() - 1), { zone: ZONE }).toISODate() ?? first) : first;
    const except = exceptWords(exclusions, first, last, t);
    const moment = when.otherDay ? '' : describeMoment(when, t);
    // The part of the day the sessions listed are in, said with them: « Voici les suivantes » once listed mornings only, unsaid.
    const part = when.partOfDay && asked.hours ? t(`moment.parts.${when.partOfDay}`) : undefined;
    const withPart = (key: string) => (part ? `${key}_part` : key);
    // Sessions at a place the list has not named yet: the sentence that says what they are names it too, once
    // (« Voici les séances libres le jeudi 3 décembre à Mende : », never then a second heading « Séances libres à Mende »).
    const place = options.namePlace ? (options.placeInSentence ?? options.placeLabel) : undefined;
    const say = (key: string, values: Record<string, unknown> = {}) => t(place ? `${key}_at` : key, { ...values, place });
    let intro: string;
    switch (answer.kind) {
      case 'within':
        intro =
          when.otherDay && when.excludedBy === 'said'
            ? say(withPart('book.except_day_then'), { except: except ?? '', part })
            : when.otherDay
              ? say(withPart('book.other_day_then'), { day: formatDay(asked.start, t), part })
              : // The sessions listed leave out what was said against: the sentence says so (« le jeudi 3 décembre, sauf le matin »).
                say(except ? 'book.free_then_except' : 'book.free_then', { when: moment, except });
        break;
      case 'past':
        intro = say('book.asked_past');
        break;
      case 'own': {
        const heldPlace = await services.slots.place(answer.held.placeId);
        const held = t('book.already_holds', { when: formatSlotStart(answer.held.start, t), commune: heldPlace?.commune ?? '' });
        intro = `${held} ${t(slots.length > 0 ? 'book.other_free_sessions' : 'book.no_other_free_session')}`;
        break;
      }
      case 'holiday':
        intro = say(slots.length > 0 ? 'book.asked_holiday_after' : 'book.asked_holiday', { name: answer.name });
        break;
      case 'closed':
        intro = say('book.asked_closed', { when: moment });
        break;
      case 'none': {
        const untilHorizon = !!(when.anyDay || when.otherDay);
        const key = noneKey(answer.sameDay, slots.length > 0, untilHorizon, !!part, answer.inHours === true);
        intro = say(key, {
          when: moment || (part ? t('book.other_day_part', { part }) : t('book.other_day')),
          part,
          later: when.partOfDay ? t(`moment.parts_later.${when.partOfDay}`) : '',
        });
        break;
      }
      case 'beyond': {
        const book = (await knownProgramme(step.context, this.deps))?.voucherBook.word ?? t('common.book_word');
        const key = answer.pastExpiry ? 'book.asked_after_carnet' : 'book.asked_beyond';
        intro = say(slots.length > 0 ? key : `${key}_none`, { date: formatDay(answer.until, t), book });
        break;
      }
    }
    // Sessions listed in the part of the day asked: the next page (« Voir d'autres dates ») is in it too.
    const inPart = !!part && (answer.kind === 'within' || (answer.kind === 'none' && answer.inHours === true));
    return step.replaceDialog(FLOW, {
      ...options,
      // What is said next refines this moment while its day has sessions listed; « rdv samedi » with nothing free then
      // and the following days shown, « plutôt l'après-midi » is about those, not Saturday again.
      ...(answer.kind === 'within' || (answer.kind === 'none' && answer.sameDay) ? { asked: when } : {}),
      intro,
      headed: true,
      ...(slots.length > 0 ? { offered: slots.map((s) => s.id) } : {}),
      ...(inPart ? { part: when.partOfDay } : {}),
      ...(exclusions ? { exclusions } : {}),
    } satisfies ChooseSlotOptions);
  }
}

/** Whether the days of a moment (Paris calendar) include the day of `instant`. */
function holds(moment: WhenEntity, instant: string): boolean {
  const day = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toISODate() ?? '';
  const last = DateTime.fromISO(moment.end, { zone: ZONE }).minus({ milliseconds: 1 }).toISO() ?? moment.end;
  return day(moment.start) <= day(instant) && day(instant) <= day(last);
}

/**
 * Nothing free at the moment asked: that day's others, the following ones (in the part of the day asked, said so;
 * at other hours when that part has none left, said so too), or none at all after it.
 */
function noneKey(sameDay: boolean | undefined, found: boolean, untilHorizon: boolean, partAsked: boolean, inHours: boolean): string {
  // « le soir », « un autre jour » already look until the horizon: nothing then is nothing after either.
  if (untilHorizon) return 'book.asked_none_any';
  if (sameDay) return 'book.asked_none_same_day';
  if (!found) return 'book.asked_none_after';
  if (inHours) return 'book.asked_none_in_part';
  return partAsked ? 'book.asked_none_not_in_part' : 'book.asked_none';
}

/**
 * The moment read, as the session finder takes it: « un autre jour » is from
 * the day after the one shown; « pas mercredi » any day but Wednesday.
 */
export function askedTime(when: WhenEntity, now: Date, exclusions?: SessionExclusion[]): AskedTime {
  // « un autre jour le matin », « pas lundi, l'aprem »: the part of the day said holds on the other days too.
  const hours = when.partOfDay && when.grain !== 'instant' ? PARTS_OF_DAY[when.partOfDay] : undefined;
  const inHours = { ...(hours ? { hours } : {}), ...(exclusions?.length ? { exclusions } : {}) };
  if (when.otherDay && when.excludedBy === 'said') return { start: now, end: new Date(when.end), grain: 'range', ...inHours };
  if (when.otherDay) {
    const after = when.excludedDay ? DateTime.fromISO(when.excludedDay, { zone: ZONE }).plus({ days: 1 }).toJSDate() : now;
    return { start: new Date(Math.max(after.getTime(), now.getTime())), end: new Date(when.end), grain: 'range', ...inHours };
  }
  // An instant is that very session: past as soon as it has begun.
  if (when.grain === 'instant') return { start: new Date(when.start), grain: 'instant', ...(exclusions?.length ? { exclusions } : {}) };
  return { start: new Date(when.start), end: new Date(when.end), grain: when.grain, ...inHours };
}
