/**
 * The eligibility answer just given, kept a little while for whoever asked
 * it: « je suis au RSA » said after « Une personne pourra vous dire… »
 * changes the answer, and the person is not asked again where they live,
 * nor what they already chose (a stranger was asked the commune again).
 * In the conversation's data (JSON), for its sender only.
 */
import type { TurnContext } from 'botbuilder';
import type { Commune } from '../src/domain/communes';
import { sameSender, senderOf } from '../src/bot/state';
import type { DialogDeps } from './deps';

/** How long the last answer stays at hand: a fact said after it is about it. */
const KEPT_FOR_MS = 30 * 60_000;

/** Where the answer was given on: a commune or a département. */
export type KnownPlace = { commune: Commune } | { departement: string };

export interface LastEligibility {
  where: KnownPlace;
  /** The choice (its label key) given to each question, by question id. */
  answered: Record<string, string>;
  /** « et si j'habitais à Crest ? »: the place was asked as if the person lived there. */
  asIf?: true;
}

export async function rememberEligibility(context: TurnContext, deps: DialogDeps, last: LastEligibility): Promise<void> {
  const data = await deps.state.conversationData.get(context, {});
  const where = 'commune' in last.where ? { insee: last.where.commune.insee } : { departement: last.where.departement };
  await deps.state.conversationData.set(context, {
    ...data,
    lastEligibility: {
      where,
      answered: last.answered,
      ...(last.asIf ? { asIf: true as const } : {}),
      at: deps.clock.now().getTime(),
      ...senderOf(context.activity),
    },
  });
}

/** The last answer this sender got here, while fresh. */
export async function lastEligibility(context: TurnContext, deps: DialogDeps): Promise<LastEligibility | undefined> {
  const kept = (await deps.state.conversationData.get(context, {})).lastEligibility;
  if (!kept || !sameSender(kept, senderOf(context.activity)) || deps.clock.now().getTime() - kept.at >= KEPT_FOR_MS) return undefined;
  const asIf = kept.asIf ? { asIf: true as const } : {};
  if ('departement' in kept.where) return { where: { departement: kept.where.departement }, answered: kept.answered, ...asIf };
  const commune = deps.services.placeSearch.communes.getByInsee(kept.where.insee);
  return commune ? { where: { commune }, answered: kept.answered, ...asIf } : undefined;
}
