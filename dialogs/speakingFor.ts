/**
 * « je suis la fille de Gérard, il veut savoir ce qui lui reste » (src/nlu/speakingFor.ts):
 * whoever writes here writes for another person. Noted once said, for the
 * conversation; the file is then named by its owner's first name
 * (« Le chéquier de Gérard »), not « vous », who is the daughter.
 */
import type { TurnContext } from 'botbuilder';
import { speaksForSomeoneElse } from '../src/nlu/speakingFor';
import type { DialogDeps } from './deps';

/** Notes that this message is written for someone else, when it says so. */
export async function noteSpeakingFor(context: TurnContext, deps: DialogDeps): Promise<void> {
  if (!speaksForSomeoneElse(context.activity.text)) return;
  const data = await deps.state.conversationData.get(context, {});
  if (!data.forSomeoneElse) await deps.state.conversationData.set(context, { ...data, forSomeoneElse: true });
}

/** The first name of the person whose file this is, when someone else writes for them here; else undefined (« vous »). */
export async function writtenForName(context: TurnContext, deps: DialogDeps, beneficiaryId: string): Promise<string | undefined> {
  const data = await deps.state.conversationData.get(context, {});
  return data.forSomeoneElse ? deps.services.account.firstName(beneficiaryId) : undefined;
}
