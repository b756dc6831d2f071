/** Which programme a person belongs to, from what they told us. */
import type { TurnContext } from 'botbuilder';
import type { Programme } from '../src/domain/programme';
import type { DialogDeps } from './deps';

/** The person's programme, or the only one served; undefined when we must ask. */
export async function knownProgramme(context: TurnContext, deps: DialogDeps): Promise<Programme | undefined> {
  if (deps.programmes.length === 1) return deps.programmes[0];
  const profile = await deps.state.userProfile.get(context, {});
  return deps.programmes.find((p) => p.id === profile.programmeId);
}
