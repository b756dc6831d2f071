/**
 * The commune the person gave as theirs (« florac » at « Dans quelle
 * commune habitez-vous ? », « j'habite à Die » at the eligibility or the
 * about flow's département question), kept a little while: a place search,
 * the places that hand out the pass or the eligibility started later start
 * from it instead of asking again (a stranger was asked « Dans quelle
 * commune… ? » right after saying Florac), and say which commune they took,
 * so that the person can give another. What was already answered for it is
 * noted: that same request again (« trouver un lieu » after the places near
 * it, a new « suis-je éligible ? ») asks for another commune. Never a place
 * asked « as if » (« et si j'habitais à Crest ? »). In the conversation's
 * data (JSON: its INSEE code), for its sender only.
 */
import type { TurnContext } from 'botbuilder';
import type { Commune } from '../src/domain/communes';
import { type CommuneUse, sameSender, senderOf } from '../src/bot/state';
import type { DialogDeps } from './deps';

export type { CommuneUse };

/** As long as the proof of identity and the last eligibility answer: another person at the same screen later is not told it. */
const KEPT_FOR_MS = 30 * 60_000;

/** The person gave this commune as theirs; `answered`: what was just answered for it. */
export async function rememberCommuneGiven(context: TurnContext, deps: DialogDeps, commune: Commune, answered?: CommuneUse): Promise<void> {
  const data = await deps.state.conversationData.get(context, {});
  const before = data.communeGiven?.insee === commune.insee ? data.communeGiven.answered : [];
  await deps.state.conversationData.set(context, {
    ...data,
    communeGiven: {
      insee: commune.insee,
      answered: [...new Set([...before, ...(answered ? [answered] : [])])],
      at: deps.clock.now().getTime(),
      ...senderOf(context.activity),
    },
  });
}

/** The commune this sender gave here, while fresh; for `use`, only if that was not answered for it yet. */
export async function communeGiven(context: TurnContext, deps: DialogDeps, use?: CommuneUse): Promise<Commune | undefined> {
  const kept = (await deps.state.conversationData.get(context, {})).communeGiven;
  if (!kept || !sameSender(kept, senderOf(context.activity)) || deps.clock.now().getTime() - kept.at >= KEPT_FOR_MS) return undefined;
  if (use && kept.answered.includes(use)) return undefined;
  return deps.services.placeSearch.communes.getByInsee(kept.insee);
}

/** Said before what was found from it: « D'après ce que vous m'avez dit, vous habitez à Florac Trois Rivières. Sinon, écrivez votre commune. » */
export function communeRecalledLine(commune: Commune, t: DialogDeps['t']): string {
  return t('common.commune_recalled', { commune: commune.name });
}
