/**
 * Pick a session at one place: the next free ones, numbered, with "other
 * dates" to see the following ones — or the person's own words ("jeudi
 * matin", "demain 10h", "le 3 décembre"), answered with that session, the
 * free ones then, or why not (past, public holiday, closed). Ends with the
 * chosen slot id, or undefined when there is none (after saying whom to call).
 */
import { ActionTypes } from 'botbuilder';
import {
  type Choice,
  ComponentDialog,
  type DialogTurnResult,
  type FoundChoice,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { frenchList } from '../src/i18n';
import { findDateTimes, looksLikeDateTime } from '../src/nlu/dateTimeEntity';
import { normalize } from '../src/nlu/normalize';
import type { DialogDeps } from './deps';
import { formatSession, formatSessionShort } from '../src/wording';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { sendReply } from '../src/channels/send';

export const CHOOSE_SLOT_DIALOG = 'chooseSlot';
const PROMPT = 'chooseSlot.prompt';
const FLOW = 'chooseSlot.flow';
const PAGE = 5;
/** The "index" of an answer in the person's own words rather than a listed option. */
const OWN_WORDS = -1;
/** A date answer is short; the DateTime model's cost grows with the text. */
const MAX_DATE_CHARS = 300;

export interface ChooseSlotOptions {
  placeId: string;
  /** Sessions must start before the carnet expires. */
  before: string;
  /** Show sessions after this instant (ISO): the "other dates" page. */
  after?: string;
  /** Offer exactly these sessions (found for the person's own words), after this message. */
  offered?: string[];
  intro?: string;
  /** How to name the place in the question ("Médiathèque de Mende (Mende, 2 km)"). */
  placeLabel?: string;
  /** Add "un autre lieu": the dialog then ends with OTHER_PLACE when chosen. */
  offerOtherPlace?: boolean;
}

/** The result when the person asks for another place. */
export const OTHER_PLACE = 'other-place';

interface Values {
  slotIds: string[];
  lastStart?: string;
  /** Index of "un autre lieu" in the choices, when offered. */
  otherPlaceIndex?: number;
}

export class ChooseSlotDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(CHOOSE_SLOT_DIALOG);
    this.addDialog(
      new NumberedChoicePrompt(PROMPT, deps.t, async (prompt) => {
        // "le 3 décembre" names a day, not option 3: a date wins over a number,
        // but not over a button's own label (« jeu. 3 déc. 9h » pressed).
        const text = prompt.context.activity.text ?? '';
        const pressed = (prompt.options.choices ?? []).some((c) => typeof c !== 'string' && normalize(c.action?.title ?? '') === normalize(text));
        if (!pressed && looksLikeDateTime(text)) {
          prompt.recognized.succeeded = true;
          prompt.recognized.value = { index: OWN_WORDS, value: prompt.context.activity.text ?? '', score: 1 };
        }
        return prompt.recognized.succeeded;
      }),
    );
    this.addDialog(new WaterfallDialog(FLOW, [this.offer.bind(this), this.chosen.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async offer(step: WaterfallStepContext<ChooseSlotOptions>): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    const options = step.options;
    const slots = options.offered
      ? await services.sessions.stillFree(options.offered)
      : await services.sessions.freeSlots(
          options.placeId,
          this.deps.clock.now(),
          new Date(options.before),
          PAGE,
          options.after ? new Date(options.after) : undefined,
        );
    if (options.intro) await sendReply(step.context, options.intro, t);
    if (slots.length === 0) {
      const place = await services.sessions.place(options.placeId);
      const key = options.after ? 'book.no_more_slots' : 'book.no_slots';
      await sendReply(step.context, t(key, { place: place?.name ?? '' }), t);
      if (place?.phone) await sendReply(step.context, t('book.call_place', { phone: place.phone }), t);
      return step.endDialog(options.offerOtherPlace ? OTHER_PLACE : undefined);
    }
    const values = step.values as Values;
    values.slotIds = slots.map((s) => s.id);
    values.lastStart = slots[slots.length - 1].start.toISOString();
    // The button names the session briefly (« mer. 2 déc. 14h »); the message lists it in full.
    const choices: Choice[] = slots.map((s) => {
      const short = formatSessionShort(s.start, t);
      return { value: formatSession(s.start, t), synonyms: [short], action: { type: ActionTypes.ImBack, title: short, value: short } };
    });
    values.otherPlaceIndex = undefined;
    if (slots.length === PAGE) {
      choices.push({ value: t('book.other_dates'), synonyms: frenchList('book.other_dates_synonyms') });
    }
    if (options.offerOtherPlace) {
      values.otherPlaceIndex = choices.length;
      choices.push({ value: t('book.other_place'), synonyms: frenchList('book.other_place_synonyms') });
    }
    const question = options.offered
      ? t('book.which_of_these')
      : options.placeLabel
        ? t('book.which_slot_at', { place: options.placeLabel })
        : t('book.which_slot');
    return step.prompt(PROMPT, {
      prompt: question,
      retryPrompt: `${t('common.didnt_understand')} ${question}`,
      choices,
    });
  }

  private async chosen(step: WaterfallStepContext<ChooseSlotOptions>): Promise<DialogTurnResult> {
    const values = step.values as Values;
    const { index, value } = step.result as FoundChoice;
    if (index === OWN_WORDS) return this.ownWords(step, value);
    if (index < values.slotIds.length) return step.endDialog(values.slotIds[index]);
    if (index === values.otherPlaceIndex) return step.endDialog(OTHER_PLACE);
    const { offered: _offered, intro: _intro, ...options } = step.options;
    return step.replaceDialog(FLOW, { ...options, after: values.lastStart } satisfies ChooseSlotOptions);
  }

  /** "jeudi matin": the session then, the free ones then, or why not and what instead. */
  private async ownWords(step: WaterfallStepContext<ChooseSlotOptions>, text: string): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    const { offered: _offered, intro: _intro, ...options } = step.options;
    // Only the date (the other entities cost time this step does not need), in a bounded text as the intent model reads it.
    const [asked] = findDateTimes(text.slice(0, MAX_DATE_CHARS), this.deps.clock.now());
    if (!asked) {
      return step.replaceDialog(FLOW, { ...options, intro: t('book.date_not_understood') } satisfies ChooseSlotOptions);
    }
    const answer = await services.sessions.forAskedTime(
      options.placeId,
      { start: new Date(asked.start), end: asked.end ? new Date(asked.end) : undefined, grain: asked.grain },
      this.deps.clock.now(),
      new Date(options.before),
      PAGE,
    );
    if (answer.kind === 'exact') return step.endDialog(answer.slot.id);
    const when = asked.text;
    const intro: Record<typeof answer.kind, string> = {
      within: t('book.free_then', { when }),
      past: t('book.asked_past'),
      holiday: t('book.asked_holiday', { name: answer.kind === 'holiday' ? answer.name : '' }),
      closed: t('book.asked_closed', { when }),
      none: t('book.asked_none', { when }),
    };
    const slots = 'slots' in answer ? answer.slots : [];
    return step.replaceDialog(FLOW, {
      ...options,
      intro: intro[answer.kind],
      ...(slots.length > 0 ? { offered: slots.map((s) => s.id) } : {}),
    } satisfies ChooseSlotOptions);
  }
}
