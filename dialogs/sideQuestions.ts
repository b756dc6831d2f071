/**
 * Side questions at a question of the eligibility, at « Dans quel
 * département ? » before the pass is presented, or at the erasure's birth
 * date (« pourquoi ? »): « c'est payant ? »,
 * « c'est qui qui décide ? », « pourquoi vous demandez ça ? », « c'est
 * obligatoire ? », and « PLUS » after the general presentation. Each gets
 * a sentence (eligibility.json `asides`), then the question comes back
 * (ConversationRouter) — never « je n'ai pas compris », nor the same
 * question alone as if nothing was asked.
 */
import type { TurnContext } from 'botbuilder';
import { frenchList } from '../src/i18n';
import { type SideQuestion, sideQuestionIn } from '../src/nlu/conversationSignals';
import { normalize } from '../src/nlu/normalize';
import { joinWithAnd, lowerFirst } from '../src/wording';
import type { DialogDeps } from './deps';
import { aboutText } from './aboutText';
import { knownProgramme } from './programmeOf';
import type { AsideTopic } from './prompts/questionKind';

/** « PLUS »: more of the general presentation (about.more_words, the words that ask for the whole about text). */
export type Aside = SideQuestion | 'more';

/** « PLUS », « en savoir plus » (about.more_words), the whole message. */
export function asksForMore(text: string): boolean {
  const said = normalize(text).replace(/[?!.]/g, '').trim();
  return !!said && frenchList('about.more_words').map(normalize).includes(said);
}

export function asideIn(text: string): Aside | undefined {
  return asksForMore(text) ? 'more' : sideQuestionIn(text);
}

/**
 * The whole about text after its short SMS version, which ends « Écrivez
 * PLUS pour en savoir plus »: once, then it is no longer offered; undefined
 * when it was not.
 */
export async function moreAboutText(context: TurnContext, deps: DialogDeps): Promise<string | undefined> {
  const { state, programmes, t } = deps;
  const data = await state.conversationData.get(context, {});
  const programme = programmes.find((p) => p.id === data.moreAbout);
  if (!programme) return undefined;
  await state.conversationData.set(context, { ...data, moreAbout: undefined });
  return aboutText(programme, t);
}

/** The answer's key (eligibility.json `asides`) of each side question a topic answers. */
const ANSWERS: Record<AsideTopic, Partial<Record<Aside, string>>> = {
  eligibility: {
    cost: 'asides.cost',
    whoDecides: 'asides.whoDecides',
    whyAsked: 'asides.eligibility.whyAsked',
    mandatory: 'asides.eligibility.mandatory',
  },
  programme: {
    cost: 'asides.cost',
    whoDecides: 'asides.whoDecides',
    whyAsked: 'asides.programme.whyAsked',
    mandatory: 'asides.mandatory',
    more: 'asides.programme.more',
  },
  erasure: {
    whyAsked: 'asides.erasure.whyAsked',
    mandatory: 'asides.erasure.mandatory',
  },
};

/**
 * The answer to a side question at a question of `topic`, or undefined when
 * there is none there (« PLUS » at the eligibility only once the about text offered it).
 * Who decides names the prescribers of the person's programme when known.
 */
export async function asideAnswer(context: TurnContext, deps: DialogDeps, aside: Aside, topic: AsideTopic): Promise<string | undefined> {
  const { t } = deps;
  // The short about text given over the question (« ça sert à quoi ? ») offered PLUS.
  if (aside === 'more' && topic === 'eligibility') return moreAboutText(context, deps);
  const key = ANSWERS[topic][aside];
  if (!key) return undefined;
  const programme = aside === 'whoDecides' && topic === 'eligibility' ? await knownProgramme(context, deps) : undefined;
  if (!programme) return t(`eligibility:${key}`);
  return t('eligibility:asides.eligibility.whoDecides_programme', {
    book: programme.voucherBook.word,
    prescribers: joinWithAnd(programme.prescribedBy.map(lowerFirst), t),
  });
}
