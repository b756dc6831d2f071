/** Which programme a person belongs to, from what they told us. */
import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { Commune } from '../src/domain/communes';
import type { Programme } from '../src/domain/programme';
import type { DialogDeps } from './deps';
import { turnUnderstanding, understandTurn } from './turnUnderstanding';
import { knowProgramme } from '../src/programmeScope';

/** The person's programme, or the only one served; undefined when we must ask. */
export async function knownProgramme(context: TurnContext, deps: DialogDeps): Promise<Programme | undefined> {
  if (deps.programmes.length === 1) return deps.programmes[0];
  const profile = await deps.state.userProfile.get(context, {});
  return deps.programmes.find((p) => p.id === profile.programmeId);
}

/** « je suis à Mende », « parler à quelqu'un à Crest »: the commune this turn's message names (served départements only), and its programme. */
export async function communeSaid(dc: DialogContext, deps: DialogDeps): Promise<{ commune?: Commune; programme?: Programme }> {
  const understanding = turnUnderstanding(dc.context) ?? (await understandTurn(dc, deps));
  const insee = understanding.entities.commune?.insee;
  const commune = insee ? deps.services.placeSearch.communes.getByInsee(insee) : undefined;
  return commune ? { commune, programme: deps.programmes.find((p) => p.departement.code === commune.departement) } : {};
}

/**
 * The person's programme is now known (their carnet, the commune they gave, their choice): kept for the next
 * questions that need it, and every sentence from now on names it as its data does (« Pass'numérique »).
 */
export async function rememberProgramme(context: TurnContext, deps: DialogDeps, programme: Programme): Promise<void> {
  const profile = await deps.state.userProfile.get(context, {});
  await deps.state.userProfile.set(context, { ...profile, programmeId: programme.id });
  knowProgramme(programme.name, programme.voucherBook.word);
}

/** The person's data are erased: the sentences after it name only the programme every one here has (the only one served). */
export function forgetProgramme(deps: DialogDeps): void {
  const only = deps.programmes.length === 1 ? deps.programmes[0] : undefined;
  knowProgramme(only?.name, only?.voucherBook.word);
}
