/**
 * Find a place: which commune do you live in (name or postal code, or
 * already said in the sentence that opened the flow) → the three nearest
 * training places of that département's programme, with phone numbers and
 * whether they are open now — for a subject when the sentence names one
 * ("pour mes impôts"), and with what the person needs of the place
 * ("accessible en fauteuil", "gratuit", "pour les seniors") — then "voir
 * plus" or where to ask for a pass.
 */
import { ComponentDialog, type DialogTurnResult, type FoundChoice, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Commune } from '../src/domain/communes';
import { communePosition } from '../src/domain/communes';
import { frenchList } from '../src/i18n';
import { communesForAnswer, communesInSentence } from '../src/nlu/communeEntity';
import { type CriteriaMatch, placeCriteriaInSentence } from '../src/nlu/placeCriteriaEntity';
import { type ThemeMatch, themeInSentence } from '../src/nlu/themeEntity';
import type { DialogDeps } from './deps';
import { rememberProgramme } from './programmeOf';
import { BOOK_DIALOG, type BookOptions } from './BookDialog';
import { BALANCE_DIALOG } from './accountAnswers';
import type { BookingWish } from './bookingWish';
import type { IdentifyOptions } from './IdentifyDialog';
import { findVoucherBookNumber } from '../src/nlu/voucherBookNumberEntity';
import { NOT_SERVED, SAID_GOODBYE, type ThenStart } from './flowEnd';
import { phoneContactText, sendPersonalContacts } from './humanContacts';
import { findDepartement } from '../src/nlu/departementEntity';
import { asksAboutPlace, findSignals, saysOnlyOk } from '../src/nlu/conversationSignals';
import { findYesNo } from '../src/nlu/smallEntities';
import { rememberNamedPlaces } from './namedPlaces';
import { lastEligibility } from './eligibilityMemory';
import { communeGiven, communeRecalledLine, rememberCommuneGiven } from './communeGiven';
import { isComeBack } from './threadTypes';
import { normalize } from '../src/nlu/normalize';
import { ParsedTextPrompt } from './prompts/ParsedTextPrompt';
import { whichCommuneQuestion } from './lookAlikeCommunes';
import {
  bookOrCallLine,
  callLine,
  namedPlace,
  needsPhoneContact,
  placeDayLine,
  placeDetailsLine,
  placeLine,
  weekdayNamed,
} from './placeText';
import { placeName } from '../src/frenchGrammar';
import { knownWithoutHours } from './bookingOffer';
import { moreHoursLines } from './renewalAnswers';
import { channelKind } from '../src/channels/channelKind';
import { NumberedChoicePrompt } from './prompts/NumberedChoicePrompt';
import { asking } from './prompts/questionKind';
import { sendReply } from '../src/channels/send';

export const FIND_PLACE_DIALOG = 'findPlace';
const COMMUNE_PROMPT = 'findPlace.commune';
const WHICH_PROMPT = 'findPlace.which';
const FLOW = 'findPlace.flow';
const MAX_ATTEMPTS = 3;
const MAX_CHOICES = 6;
const NEXT_PROMPT = 'findPlace.next';
const WHICH_PLACE_PROMPT = 'findPlace.whichPlace';
const MORE_FLOW = 'findPlace.more';
const PAGE = 3;
/** A subject filter looks this far; beyond, the nearest places are shown without it. */
const THEME_MAX_KM = 40;

/** « oui », « ok d'accord »: a short answer, no request of its own. */
const SHORT_ANSWER_WORDS = 3;

/** Answers to « Et maintenant ? » that decline more places without taking leave: the menu follows. */
const NOTHING_MORE = new Set(['non', 'rien', 'aucune', 'aucun']);

/** What can follow a list of places; on SMS, whose lines are short, their addresses and hours too. */
type NextStep = 'more' | 'book' | 'where' | 'details' | 'done';
const NEXT_STEP_CHOICES: Record<NextStep, (t: DialogDeps['t'], places: readonly BookablePlace[]) => { value: string; synonyms: string[] }> =
  {
    more: (t) => ({ value: t('find_place.see_more'), synonyms: frenchList('find_place.see_more_synonyms') }),
    // « Réserver à Mende » when one place is listed; with several, « Réserver une séance », then which one (« Réserver une séance ici » said none).
    book: (t, places) => ({
      value: places.length === 1 ? t('find_place.book_at', { place: places[0].name }) : t('find_place.book_one'),
      synonyms: frenchList('find_place.book_here_synonyms'),
    }),
    where: (t) => ({ value: t('find_place.where_to_ask'), synonyms: frenchList('find_place.where_to_ask_synonyms') }),
    details: (t) => ({ value: t('find_place.details'), synonyms: frenchList('find_place.details_synonyms') }),
    done: (t) => ({ value: t('find_place.done'), synonyms: frenchList('my_bookings.nothing_synonyms') }),
  };

/** Training places' sessions are booked here (« Réserver une séance »); prescribing places give a pass, no session. */
function offersBooking(role: MoreOptions['role']): boolean {
  return role === 'training';
}

/** A place of the page, as « Réserver une séance » offers it: its id, its name in a sentence (« Mende ») and as an option. */
interface BookablePlace {
  id: string;
  name: string;
  option: string;
}

/** Kept between the list and the answer: how many places were shown, which next steps were offered, the places to book at. */
interface PageValues {
  shown: number;
  steps: NextStep[];
  places: BookablePlace[];
}

/** What "voir plus" needs to show the next places. */
interface MoreOptions {
  programmeId: string;
  communeInsee: string;
  shown: number;
  role: 'training' | 'prescribing';
  theme?: ThemeMatch;
  criteria?: CriteriaMatch;
  /** The page from `shown` again, each place with its address and hours (asked on SMS). */
  details?: true;
  /** « c ouvert le samedi ? »: the ISO weekday asked (1 = Monday), each place's hours that day. */
  dayAsked?: number;
  /** The commune is the one the person gave before, not asked: said above the first page, so that they can give another. */
  recalled?: true;
  /** The commune of an eligibility asked « as if » (« et si j'habitais à Crest ? »): not where the person lives. */
  asIf?: true;
}

export interface FindPlaceOptions {
  /** The sentence that opened the flow, which may already name the commune. */
  utterance?: string;
  /** None of the communes offered was the person's: asked again, with how to say it exactly. */
  again?: true;
  /** Communes already read (INSEE codes), said at the list of look-alikes: offered in their turn. */
  communes?: string[];
  /** What the opening sentence asked of the places, kept when the flow starts again at another commune. */
  theme?: ThemeMatch;
  criteria?: CriteriaMatch;
  /**
   * « où je peux avoir le carnet ? »: the places that hand out carnets (prescribing), near the commune said, or
   * else the one the eligibility answer was just given on.
   */
  prescribing?: true;
}

/** Where the commune searched came from when the sentence did not name it: the eligibility answer just given (« as if » or not), or the person's before. */
type KeptCommune = 'eligibility' | 'asIf' | 'recalled';

/**
 * What answers « Dans quelle commune ? »: the communes meant (one, or
 * look-alikes to choose from), or a place outside the served départements
 * that no commune matched (« 69000 », « 75 »).
 */
type CommuneAnswer = Commune[] | { notServed: true };
/** The question's answer, or the commune given meanwhile (by a flow run over it). */
type CommuneQuestionResult = CommuneAnswer | { recalled: Commune };

/** « aucune », « non », « Aucune de celles-ci »: only « none of these », normalised. */
const noneWords = (t: DialogDeps['t']): string[] => [
  normalize(t('find_place.none_of_these_communes')),
  ...frenchList('find_place.none_of_these_communes_synonyms').map(normalize),
];

/** The list's « index » for a commune said another way than by the list (« 69000 », « non, Die »). */
const SAID_ANOTHER_WAY = -1;
/** The answer's « index » for a carnet number typed at « Et maintenant ? » after the places. */
const CARNET_TYPED = -2;
/** « Et maintenant ? » answered by a question about the places listed (« c'est ouvert quand ? »): their addresses and hours. */
const DETAILS_ASKED = -3;

interface FlowValues {
  communes?: Commune[];
  theme?: ThemeMatch;
  criteria?: CriteriaMatch;
  prescribing?: true;
  kept?: KeptCommune;
}

export class FindPlaceDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(FIND_PLACE_DIALOG);
    this.addDialog(
      asking(
        'commune',
        new ParsedTextPrompt<CommuneQuestionResult>(
          COMMUNE_PROMPT,
          deps.t,
          (text) => {
            // « je sais pas » (« jsp » would read as a look-alike village): the town nearest, or the postal code on a letter, will do.
            if (findSignals(text).has('dontKnow')) return { retry: deps.t('find_place.commune_dont_know') };
            const found = this.communesIn(text);
            if (found.length > 0) return { value: found };
            // « 26 », « la drome »: the département is right, the places nearest need the commune.
            const departement = findDepartement(
              text,
              deps.programmes.map((p) => p.departement),
            );
            // « 69000 », « 75 »: outside the served départements, said so (not « je ne trouve pas »).
            if (departement && !departement.served) return { value: { notServed: true } };
            const name = departement?.served && deps.programmes.find((p) => p.departement.code === departement.code)?.departement.name;
            return { retry: name ? deps.t('find_place.which_commune_in', { departement: name }) : deps.t('find_place.unknown_commune') };
          },
          MAX_ATTEMPTS, // then the human route instead of a loop
          // « suis-je éligible ? » at this question, Florac given there: this question is answered, not asked again.
          (result) => {
            const insee = isComeBack(result) ? result.commune : undefined;
            const commune = insee ? deps.services.placeSearch.communes.getByInsee(insee) : undefined;
            return commune ? { recalled: commune } : undefined;
          },
        ),
      ),
    );
    // « 69000 », « non c'est Die » at the list of look-alikes: the commune said another way is the answer.
    this.addDialog(
      new NumberedChoicePrompt(WHICH_PROMPT, deps.t, async (prompt) => {
        const text = prompt.context.activity.text ?? '';
        // « non, c'est Die »: its « non » is « none of these », and the commune said is the answer.
        const none = (prompt.options.choices?.length ?? 0) - 1;
        const saysMoreThanNone = prompt.recognized.value?.index === none && !noneWords(deps.t).includes(normalize(text));
        if (prompt.recognized.succeeded && !saysMoreThanNone) return true;
        if (!this.whereSaid(text)) return prompt.recognized.succeeded;
        prompt.recognized.value = { index: SAID_ANOTHER_WAY, value: text, score: 1 };
        return true;
      }),
    );
    // After the places: « trouver un lieu » here is a new search (ConversationRouter).
    // « LOZ-MEND-E4L » there: the person starts who they are, for a session at these places (refused as « pas compris » before).
    // « c'est ouvert quand ? » asks the addresses and hours of the places listed; « et à Valence ? » the same search there.
    this.addDialog(
      asking(
        { expecting: 'choice', afterAnswer: true, aboutPlacesListed: true },
        new NumberedChoicePrompt(NEXT_PROMPT, deps.t, async (prompt) => {
          const text = prompt.context.activity.text ?? '';
          // « non j'habite à Crest » (after places near the commune given before): that commune, not « C'est bon » for its « non ».
          const elsewhere = prompt.recognized.succeeded && Array.isArray(this.whereSaid(text));
          if (prompt.recognized.succeeded && !elsewhere) return true;
          const steps = (prompt.options.validations as { steps?: NextStep[] } | undefined)?.steps ?? [];
          // « oui » to « Je peux vous réserver une séance dans l'un de ces lieux »: that offer; « ok » heard the places: « C'est bon », no more.
          const short = text.trim().split(/\s+/).length <= SHORT_ANSWER_WORDS;
          const answered = !short
            ? -1
            : saysOnlyOk(text)
              ? steps.indexOf('done')
              : findYesNo(text)[0]?.value === true
                ? steps.indexOf('book')
                : -1;
          if (answered >= 0) {
            prompt.recognized.value = { index: answered, value: text, score: 1 };
            return true;
          }
          const index = findVoucherBookNumber(text).ok
            ? CARNET_TYPED
            : asksAboutPlace(text)
              ? DETAILS_ASKED
              : this.whereSaid(text)
                ? SAID_ANOTHER_WAY
                : undefined;
          if (index === undefined) return false;
          prompt.recognized.value = { index, value: text, score: 1 };
          return true;
        }),
      ),
    );
    // « LOZ-MEND-E4L » at « Dans quel lieu ? »: who they are first, the place asked by the booking.
    this.addDialog(
      asking(
        'choice',
        new NumberedChoicePrompt(WHICH_PLACE_PROMPT, deps.t, async (prompt) => {
          if (prompt.recognized.succeeded) return true;
          const text = prompt.context.activity.text ?? '';
          if (!findVoucherBookNumber(text).ok) return false;
          prompt.recognized.value = { index: CARNET_TYPED, value: text, score: 1 };
          return true;
        }),
      ),
    );
    this.addDialog(new WaterfallDialog(MORE_FLOW, [this.showPage.bind(this), this.next.bind(this), this.bookAtPlace.bind(this)]));
    this.addDialog(new WaterfallDialog(FLOW, [this.askCommune.bind(this), this.disambiguate.bind(this), this.showPlaces.bind(this)]));
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

  /**
   * Where a message at the list of look-alikes says the person lives, read
   * strictly (no look-alikes of look-alikes): a commune named or its postal
   * code, anywhere in France, or a postal code of a département not served.
   */
  private whereSaid(text: string): CommuneAnswer | undefined {
    const { communes } = this.deps.services.placeSearch;
    const named = communesInSentence(communes, text, this.served());
    const found = named.length > 0 ? named : communes.lookup(text);
    if (found.length > 0) return found;
    const departement = findDepartement(
      text,
      this.deps.programmes.map((p) => p.departement),
    );
    return departement && !departement.served ? { notServed: true } : undefined;
  }

  private async askCommune(step: WaterfallStepContext<FindPlaceOptions>): Promise<DialogTurnResult> {
    const values = step.values as FlowValues;
    const said = step.options?.utterance;
    values.theme = step.options?.theme ?? (said ? themeInSentence(said) : undefined);
    values.criteria = step.options?.criteria ?? (said ? placeCriteriaInSentence(said) : undefined);
    if (step.options?.prescribing) values.prescribing = true;
    const read = (step.options?.communes ?? []).flatMap((insee) => this.deps.services.placeSearch.communes.getByInsee(insee) ?? []);
    if (read.length > 0) {
      values.communes = read;
      return step.next();
    }
    if (said) {
      const found = communesInSentence(this.deps.services.placeSearch.communes, said, this.served());
      if (found.length > 0) {
        values.communes = found;
        return step.next();
      }
    }
    // « et où je peux avoir le carnet ? » right after the eligibility answer: the commune that answer was given on.
    const last = values.prescribing ? await lastEligibility(step.context, this.deps) : undefined;
    if (last && 'commune' in last.where) {
      Object.assign(values, { communes: [last.where.commune], kept: last.asIf ? 'asIf' : 'eligibility' } satisfies FlowValues);
      return step.next();
    }
    // « et où je peux aller ? » once the person said where they live: there, said so (not a département named instead);
    // but « trouver un lieu » again after the places near it is for another commune.
    const named =
      said &&
      findDepartement(
        said,
        this.deps.programmes.map((p) => p.departement),
      );
    const use = values.prescribing ? 'prescribers' : 'places';
    const given = step.options?.again || named ? undefined : await communeGiven(step.context, this.deps, use);
    if (given) {
      Object.assign(values, { communes: [given], kept: 'recalled' } satisfies FlowValues);
      return step.next();
    }
    const { t } = this.deps;
    return step.prompt(COMMUNE_PROMPT, {
      prompt: t(step.options?.again ? 'find_place.ask_commune_again' : 'find_place.ask_commune'),
      retryPrompt: t('find_place.unknown_commune'),
    });
  }

  private async disambiguate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as FlowValues;
    const { t } = this.deps;
    const answer = step.result as CommuneQuestionResult | undefined;
    if (answer && 'notServed' in answer) return this.notServed(step);
    if (answer && 'recalled' in answer) Object.assign(values, { communes: [answer.recalled], kept: 'recalled' } satisfies FlowValues);
    values.communes ??= answer && !('recalled' in answer) ? answer : [];
    const communes = values.communes;
    if (communes.length === 0) {
      await sendReply(step.context, t('find_place.give_up'), t);
      await sendPersonalContacts(step.context, this.deps);
      return step.endDialog();
    }
    if (communes.length === 1) return step.next({ index: 0 });
    values.communes = communes.slice(0, MAX_CHOICES);
    return step.prompt(WHICH_PROMPT, whichCommuneQuestion(values.communes, t));
  }

  private async showPlaces(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as FlowValues;
    const found = step.result as FoundChoice;
    const kept = {
      ...(values.theme ? { theme: values.theme } : {}),
      ...(values.criteria ? { criteria: values.criteria } : {}),
      ...(values.prescribing ? { prescribing: true as const } : {}),
    };
    let commune: Commune | undefined = values.communes![found.index];
    if (found.index === SAID_ANOTHER_WAY) {
      const said = this.whereSaid(found.value);
      if (!said || 'notServed' in said) return this.notServed(step);
      // One of those listed, or the one commune said; else the communes said, to choose from in their turn.
      commune = said.find((c) => values.communes!.some((listed) => listed.insee === c.insee)) ?? (said.length === 1 ? said[0] : undefined);
      if (!commune) return step.replaceDialog(FLOW, { communes: said.map((c) => c.insee), ...kept } satisfies FindPlaceOptions);
    }
    if (!commune) return step.replaceDialog(FLOW, { again: true, ...kept } satisfies FindPlaceOptions);
    const { services, programmes } = this.deps;
    const programme = services.placeSearch.programmeOf(commune, programmes);
    if (!programme) return this.notServed(step);
    await rememberProgramme(step.context, this.deps, programme);
    return step.replaceDialog(MORE_FLOW, {
      programmeId: programme.id,
      communeInsee: commune.insee,
      shown: 0,
      ...(values.kept === 'recalled' ? { recalled: true as const } : {}),
      ...(values.kept === 'asIf' ? { asIf: true as const } : {}),
      // Who hands out the carnet has no subject nor needs of the places: those are the training's.
      ...(values.prescribing
        ? { role: 'prescribing' as const }
        : {
            role: 'training' as const,
            ...(values.theme ? { theme: values.theme } : {}),
            ...(values.criteria ? { criteria: values.criteria } : {}),
          }),
    } satisfies MoreOptions);
  }

  /** Outside the served départements (« 69000 », Lyon): said kindly, with whom to call there. */
  private async notServed(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = this.deps;
    await sendReply(step.context, t('programme.not_served'), t);
    return step.endDialog(NOT_SERVED);
  }

  /** The next page of places (training or prescribing), then what next. */
  private async showPage(step: WaterfallStepContext<MoreOptions>): Promise<DialogTurnResult> {
    const { t, services, programmes } = this.deps;
    const { programmeId, communeInsee, shown, role, theme, criteria, details, recalled, asIf } = step.options;
    const commune = services.placeSearch.communes.getByInsee(communeInsee)!;
    // Where the person lives, and these places answered for it: the same search again is for another commune.
    if (!asIf) await rememberCommuneGiven(step.context, this.deps, commune, role === 'prescribing' ? 'prescribers' : 'places');
    const origin = communePosition(commune);
    const search = (filtered: boolean, maxKm?: number) =>
      origin
        ? this.deps.services.placeSearch.search(programmeId, origin, {
            role,
            limit: shown + PAGE,
            maxKm,
            ...(filtered && theme ? { services: [theme.service] } : {}),
            ...(filtered && criteria ? { criteria: criteria.criteria } : {}),
          })
        : Promise.resolve([]);
    const filtered = !!(theme || criteria);
    const needs = criteria ? new Intl.ListFormat('fr', { type: 'conjunction' }).format(criteria.labels) : '';
    let found = await search(filtered, filtered ? THEME_MAX_KM : undefined);
    const lines: string[] = recalled && shown === 0 && !details ? [communeRecalledLine(commune, t)] : [];
    if (filtered && found.length <= shown) {
      if (shown === 0) {
        lines.push(
          criteria ? t('find_place.criteria_not_found', { criteria: needs }) : t('find_place.theme_not_found', { theme: theme!.label }),
        );
      }
      found = await search(false);
    }
    const page = found.slice(shown);
    const programme = programmes.find((p) => p.id === programmeId);
    if (page.length === 0) {
      await sendReply(step.context, t(shown === 0 ? 'find_place.none' : 'find_place.no_more', { commune: commune.name }), t);
      await sendPersonalContacts(step.context, this.deps, { programme, commune });
      return step.endDialog();
    }
    const now = this.deps.clock.now();
    // None of these places publishes a phone: a person to call, as « parler à quelqu'un » would give (near the commune asked).
    const toCall = needsPhoneContact(page.map(({ place }) => place))
      ? await phoneContactText(step.context, this.deps, { programme, commune })
      : undefined;
    // Known here with no hour left: no booking offered at these places, but who gives more hours, with the phone.
    const withoutHours = offersBooking(role) ? await knownWithoutHours(step.context, this.deps) : undefined;
    const bookable = offersBooking(role) && !withoutHours;
    const moreHours = withoutHours ? await moreHoursLines(step.context, this.deps, withoutHours, programme) : [];
    // Once the search is over, « c'est où ? » at the menu is about these (dialogs/namedPlaces.ts).
    await rememberNamedPlaces(
      step.context,
      this.deps,
      page.map(({ place }) => place),
    );
    const places = bookable
      ? page.map(({ place }) => ({ id: place.id, name: placeName(place.name, place.commune), option: namedPlace(place, t) }))
      : [];
    const { dayAsked } = step.options;
    if (details && dayAsked)
      return this.askNext(
        step,
        page.length,
        [...page.map(({ place }) => placeDayLine(place, dayAsked, t, now)), ...(toCall ? [toCall] : [])],
        places,
      );
    if (details)
      return this.askNext(
        step,
        page.length,
        [...page.map((place) => placeDetailsLine(place, t, now)), ...(toCall ? [toCall] : []), ...moreHours],
        places,
      );
    const asked = filtered && !lines.length;
    const header =
      role === 'prescribing'
        ? 'find_place.prescribers'
        : shown > 0
          ? 'find_place.more_results'
          : asked && criteria
            ? theme
              ? 'find_place.results_theme_criteria'
              : 'find_place.results_criteria'
            : asked
              ? 'find_place.results_theme'
              : 'find_place.results';
    lines.push(t(header, { count: page.length, commune: commune.name, theme: theme?.label ?? '', criteria: needs }));
    page.forEach((place) => lines.push(placeLine(place, t, now)));
    // The same offer as the next steps': booking here first, calling the place as the other way. On SMS the offer is
    // the option itself (« 2. Réserver une séance ») and the numbers are on the lines: the sentence made three segments.
    if (bookable) {
      if (channelKind(step.context.activity.channelId) !== 'sms') lines.push(bookOrCallLine(page, t));
    } else if (withoutHours) lines.push(...[callLine(page, t)].filter((line) => line !== undefined), ...moreHours);
    if (toCall) lines.push(toCall);
    return this.askNext(step, page.length, lines, places);
  }

  /** Sends the page's lines, then « Et maintenant ? » with what may follow them. */
  private async askNext(
    step: WaterfallStepContext<MoreOptions>,
    count: number,
    lines: string[],
    /** The places listed, where a session can be booked at them here; none where it cannot. */
    places: BookablePlace[],
  ): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const { shown, role, details } = step.options;
    await sendReply(step.context, lines.join('\n'), t);
    // « Où demander un Pass ? » is not offered again right after it was answered.
    // After training places, booking one of them is the next step (by writing, where the programme takes bookings).
    // SMS lines give no address: « Adresses et horaires » does, once.
    const shortLines = !details && channelKind(step.context.activity.channelId) === 'sms';
    const steps: NextStep[] = [
      'more',
      ...(places.length > 0 ? (['book'] as const) : []),
      // « Où demander un Pass ? » stays without an hour left: the places that give another carnet.
      ...(offersBooking(role) ? (['where'] as const) : []),
      ...(shortLines ? (['details'] as const) : []),
      'done',
    ];
    Object.assign(step.values as PageValues, { shown: shown + count, steps, places } satisfies PageValues);
    return step.prompt(NEXT_PROMPT, {
      prompt: t('find_place.what_next'),
      retryPrompt: `${t('common.didnt_understand')} ${t('find_place.what_next')}`,
      choices: steps.map((id) => NEXT_STEP_CHOICES[id](t, places)),
      validations: { steps },
    });
  }

  /**
   * « et à Valence ? » after the places: the same search (the same kind of
   * places, the same needs) near the commune said; look-alikes are asked,
   * and a commune outside the served départements is said not served.
   */
  private async searchAgainAt(step: WaterfallStepContext<MoreOptions>, text: string): Promise<DialogTurnResult> {
    const said = this.whereSaid(text);
    if (!said || 'notServed' in said) return this.notServed(step);
    const { role, theme, criteria } = step.options;
    const kept = { ...(theme ? { theme } : {}), ...(criteria ? { criteria } : {}) };
    const programme = said.length === 1 ? this.deps.services.placeSearch.programmeOf(said[0], this.deps.programmes) : undefined;
    if (!programme) return step.replaceDialog(FLOW, { communes: said.map((c) => c.insee), ...kept } satisfies FindPlaceOptions);
    await rememberProgramme(step.context, this.deps, programme);
    return step.replaceDialog(MORE_FLOW, {
      programmeId: programme.id,
      communeInsee: said[0].insee,
      shown: 0,
      role,
      ...kept,
    } satisfies MoreOptions);
  }

  /** A session near the commune whose places were listed, at the place picked among them when there is one. */
  private bookingWish(communeInsee: string, placeId?: string): BookingWish {
    const commune = this.deps.services.placeSearch.communes.getByInsee(communeInsee);
    return commune ? { commune: { insee: commune.insee, name: commune.name, near: true }, ...(placeId ? { placeId } : {}) } : {};
  }

  /** The booking, at the place picked (« Réserver à Mende », or the one answered to « Dans quel lieu ? »). */
  private bookAt(step: WaterfallStepContext<MoreOptions>, place: BookablePlace | undefined): Promise<DialogTurnResult> {
    const wish = this.bookingWish(step.options.communeInsee, place?.id);
    return step.endDialog({ then: { dialogId: BOOK_DIALOG, options: { wish } satisfies BookOptions } } satisfies ThenStart);
  }

  private async bookAtPlace(step: WaterfallStepContext<MoreOptions>): Promise<DialogTurnResult> {
    const { places = [] } = step.values as PageValues;
    const found = step.result as FoundChoice;
    if (found.index !== CARNET_TYPED) return this.bookAt(step, places[found.index]);
    const options = { wish: this.bookingWish(step.options.communeInsee), utterance: found.value } satisfies BookOptions;
    return step.endDialog({ then: { dialogId: BOOK_DIALOG, options } } satisfies ThenStart);
  }

  private async next(step: WaterfallStepContext<MoreOptions>): Promise<DialogTurnResult> {
    // `places = []`: a page listed before they were kept books near the commune, as it did then.
    const { shown, steps, places = [] } = step.values as PageValues;
    const found = step.result as FoundChoice;
    // The commune taken was said with the first page: not again with the next ones.
    const { details: _details, recalled: _recalled, dayAsked: _dayAsked, ...options } = step.options;
    if (found.index === CARNET_TYPED) {
      // As « Réserver une séance » where it was offered, the number read as the identification's first answer;
      // after the places to ask for a pass, who they are and their hours, as at the menu.
      const start = steps.includes('book')
        ? {
            dialogId: BOOK_DIALOG,
            options: { wish: this.bookingWish(step.options.communeInsee), utterance: found.value } satisfies BookOptions,
          }
        : { dialogId: BALANCE_DIALOG, options: { utterance: found.value } satisfies IdentifyOptions };
      return step.endDialog({ then: start } satisfies ThenStart);
    }
    if (found.index === SAID_ANOTHER_WAY) return this.searchAgainAt(step, found.value);
    const chosen = found.index === DETAILS_ASKED ? 'details' : steps[found.index];
    if (chosen === 'more') return step.replaceDialog(MORE_FLOW, { ...options, shown } satisfies MoreOptions);
    if (chosen === 'details') {
      // « c ouvert le samedi ? »: that day's hours of each place, not whether it is open now.
      const dayAsked = found.index === DETAILS_ASKED ? weekdayNamed(found.value) : undefined;
      return step.replaceDialog(MORE_FLOW, { ...options, details: true, ...(dayAsked ? { dayAsked } : {}) } satisfies MoreOptions);
    }
    if (chosen === 'book') {
      if (places.length <= 1) return this.bookAt(step, places[0]);
      const { t } = this.deps;
      return step.prompt(WHICH_PLACE_PROMPT, {
        prompt: t('find_place.which_place'),
        retryPrompt: `${t('common.didnt_understand')} ${t('find_place.which_place')}`,
        choices: places.map((place) => ({ value: place.option, synonyms: [place.name] })),
      });
    }
    if (chosen === 'where') {
      const { theme: _theme, criteria: _criteria, ...unfiltered } = options;
      return step.replaceDialog(MORE_FLOW, { ...unfiltered, shown: 0, role: 'prescribing' } satisfies MoreOptions);
    }
    // « C'est bon, merci » is a goodbye, not a way back to the menu; a bare « non » or « rien » is only « nothing more here ».
    // « ok » too: the places heard, nothing more — no goodbye the person did not say (the random walk's rule).
    const said = step.context.activity.text ?? '';
    if (NOTHING_MORE.has(normalize(said).trim()) || saysOnlyOk(said)) return step.endDialog();
    const { t } = this.deps;
    await sendReply(step.context, t('menu.bye'), t);
    return step.endDialog(SAID_GOODBYE);
  }
}
