/**
 * Find a place: which commune do you live in (name or postal code, or
 * already said in the sentence that opened the flow) → the three nearest
 * training places of that département's programme, with phone numbers.
 */
import {
  ComponentDialog,
  type DialogTurnResult,
  type FoundChoice,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Commune } from '../src/domain/communes';
import { communesForAnswer, communesInSentence } from '../src/nlu/communeEntity';
import type { DialogDeps } from './deps';
import { sendHumanContacts } from './humanContacts';
import { placeLine } from './placeText';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { sendReply } from './send';

export const FIND_PLACE_DIALOG = 'findPlace';
const COMMUNE_PROMPT = 'findPlace.commune';
const WHICH_PROMPT = 'findPlace.which';
const FLOW = 'findPlace.flow';
const MAX_ATTEMPTS = 3;
const MAX_CHOICES = 6;

export interface FindPlaceOptions {
  /** The sentence that opened the flow, which may already name the commune. */
  utterance?: string;
}

interface FlowValues {
  communes?: Commune[];
}

export class FindPlaceDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(FIND_PLACE_DIALOG);
    this.addDialog(
      new TextPrompt(COMMUNE_PROMPT, async (prompt) => {
        if (!prompt.recognized.succeeded) return false;
        const found = this.communesIn(prompt.recognized.value ?? '');
        if (found.length > 0) return true;
        if (prompt.attemptCount >= MAX_ATTEMPTS) return true; // give the human route instead of looping
        return false;
      }),
    );
    this.addDialog(new NumberedChoicePrompt(WHICH_PROMPT, deps.t));
    this.addDialog(
      new WaterfallDialog(FLOW, [
        this.askCommune.bind(this),
        this.disambiguate.bind(this),
        this.showPlaces.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private served(): string[] {
    return this.deps.programmes.map((p) => p.departement.code);
  }

  /** Communes in the served départements (typos forgiven); else anywhere in France (to say "not here"). */
  private communesIn(text: string): Commune[] {
    const { communes, communeSearch } = this.deps.services.placeSearch;
    return communesForAnswer(communes, communeSearch, text, this.served());
  }

  private async askCommune(step: WaterfallStepContext<FindPlaceOptions>): Promise<DialogTurnResult> {
    const values = step.values as FlowValues;
    const said = step.options?.utterance;
    if (said) {
      const found = communesInSentence(this.deps.services.placeSearch.communes, said, this.served());
      if (found.length > 0) {
        values.communes = found;
        return step.next();
      }
    }
    const { t } = this.deps;
    return step.prompt(COMMUNE_PROMPT, {
      prompt: t('find_place.ask_commune'),
      retryPrompt: t('find_place.unknown_commune'),
    });
  }

  private async disambiguate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as FlowValues;
    values.communes ??= this.communesIn(String(step.result ?? ''));
    const communes = values.communes;
    const { t } = this.deps;
    if (communes.length === 0) {
      await sendReply(step.context, t('find_place.give_up'), t);
      await sendHumanContacts(step.context, t);
      return step.endDialog();
    }
    if (communes.length === 1) return step.next({ index: 0 });
    values.communes = communes.slice(0, MAX_CHOICES);
    return step.prompt(WHICH_PROMPT, {
      prompt: t('find_place.which_commune'),
      retryPrompt: `${t('common.didnt_understand')} ${t('find_place.which_commune')}`,
      choices: values.communes.map((c) => ({
        value: t('find_place.commune_choice', { name: c.name, postalCode: c.postalCodes[0] ?? '' }),
        synonyms: [...c.postalCodes],
      })),
    });
  }

  private async showPlaces(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as FlowValues;
    const commune = values.communes![(step.result as FoundChoice).index];
    const { t, services, programmes } = this.deps;
    const programme = services.placeSearch.programmeOf(commune, programmes);
    if (!programme) {
      await sendReply(step.context, t('programme.not_served'), t);
      return step.endDialog();
    }
    const profile = await this.deps.state.userProfile.get(step.context, {});
    await this.deps.state.userProfile.set(step.context, { ...profile, programmeId: programme.id });
    const nearby = await services.placeSearch.nearestToCommune(programme.id, commune);
    if (nearby.length === 0) {
      await sendReply(step.context, t('find_place.none', { commune: commune.name }), t);
      await sendHumanContacts(step.context, t, programme);
      return step.endDialog();
    }
    const lines = [t('find_place.results', { count: nearby.length, commune: commune.name })];
    const now = new Date();
    nearby.forEach((found, i) => lines.push(placeLine(found, i + 1, t, now)));
    lines.push(t('find_place.call_to_book'));
    await sendReply(step.context, lines.join('\n'), t);
    return step.endDialog();
  }
}
