/**
 * Side questions at a question of the eligibility, or at « Dans quel
 * département ? » before the pass is presented: « c'est payant ? »,
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
import { knownProgramme } from './programmeOf';
import type { AsideTopic } from './prompts/questionKind';

/** « PLUS »: more of the general presentation (about.more_words, the words that ask for the whole about text). */
export type Aside = SideQuestion | 'more';

export function asideIn(text: string): Aside | undefined {
  const said = normalize(text).replace(/[?!.]/g, '').trim();
  if (said && frenchList('about.more_words').map(normalize).includes(said)) return 'more';
  return sideQuestionIn(text);
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
};

/**
 * The answer to a side question at a question of `topic`, or undefined when
 * there is none there (« PLUS » is no side question of the eligibility).
 * Who decides names the prescribers of the person's programme when known.
 */
export async function asideAnswer(context: TurnContext, deps: DialogDeps, aside: Aside, topic: AsideTopic): Promise<string | undefined> {
  const { t } = deps;
  const key = ANSWERS[topic][aside];
  if (!key) return undefined;
  const programme = aside === 'whoDecides' && topic === 'eligibility' ? await knownProgramme(context, deps) : undefined;
  if (!programme) return t(`eligibility:${key}`);
  return t('eligibility:asides.eligibility.whoDecides_programme', {
    book: programme.voucherBook.word,
    prescribers: joinWithAnd(programme.prescribedBy.map(lowerFirst), t),
  });
}
