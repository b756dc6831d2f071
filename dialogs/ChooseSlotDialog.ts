/**
 * Pick a session at one place: the next free ones, numbered, with "other
 * dates" to see the following ones. Ends with the chosen slot id, or
 * undefined when there is none (after saying whom to call).
 */
import {
  ComponentDialog,
  type DialogTurnResult,
  type FoundChoice,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { frenchList } from '../src/i18n';
import type { DialogDeps } from './deps';
import { formatSession } from './format';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { sendReply } from './send';

export const CHOOSE_SLOT_DIALOG = 'chooseSlot';
const PROMPT = 'chooseSlot.prompt';
const FLOW = 'chooseSlot.flow';
const PAGE = 5;

export interface ChooseSlotOptions {
  placeId: string;
  /** Sessions must start before the carnet expires. */
  before: string;
  /** Show sessions after this instant (ISO): the "other dates" page. */
  after?: string;
}

interface Values {
  slotIds: string[];
  lastStart?: string;
}

export class ChooseSlotDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(CHOOSE_SLOT_DIALOG);
    this.addDialog(new NumberedChoicePrompt(PROMPT, deps.t));
    this.addDialog(new WaterfallDialog(FLOW, [this.offer.bind(this), this.chosen.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async offer(step: WaterfallStepContext<ChooseSlotOptions>): Promise<DialogTurnResult> {
    const { t, services } = this.deps;
    const options = step.options;
    const slots = await services.sessions.freeSlots(
      options.placeId,
      new Date(),
      new Date(options.before),
      PAGE,
      options.after ? new Date(options.after) : undefined,
    );
    if (slots.length === 0) {
      const place = await services.stores.places.get(options.placeId);
      const key = options.after ? 'book.no_more_slots' : 'book.no_slots';
      await sendReply(step.context, t(key, { place: place?.name ?? '' }), t);
      if (place?.phone) await sendReply(step.context, t('book.call_place', { phone: place.phone }), t);
      return step.endDialog(undefined);
    }
    const values = step.values as Values;
    values.slotIds = slots.map((s) => s.id);
    values.lastStart = slots[slots.length - 1].start.toISOString();
    const choices = slots.map((s) => ({ value: formatSession(s.start, t), synonyms: [] as string[] }));
    if (slots.length === PAGE) choices.push({ value: t('book.other_dates'), synonyms: frenchList('book.other_dates_synonyms') });
    return step.prompt(PROMPT, {
      prompt: t('book.which_slot'),
      retryPrompt: `${t('common.didnt_understand')} ${t('book.which_slot')}`,
      choices,
    });
  }

  private async chosen(step: WaterfallStepContext<ChooseSlotOptions>): Promise<DialogTurnResult> {
    const values = step.values as Values;
    const { index } = step.result as FoundChoice;
    if (index < values.slotIds.length) return step.endDialog(values.slotIds[index]);
    return step.replaceDialog(FLOW, { ...step.options, after: values.lastStart } satisfies ChooseSlotOptions);
  }
}
