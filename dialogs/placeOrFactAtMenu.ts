/**
 * A message at the menu that asks for nothing the model knows, yet says
 * something a person means to act on: a bare commune (« mende ») is where
 * they look for a place — the places near it; a bare département (« drome »)
 * is the pass of that département; an age or a situation (« j'ai 70 ans »,
 * right after an eligibility answer or not) is a fact for the eligibility,
 * which recomputes the last answer with it (eligibilityMemory.ts); a postal
 * code or département not served (« 75011 ») is said not served. Before,
 * each was « je n'ai pas bien compris » (a stranger, issue 14).
 */
import type { Programme } from '../src/domain/programme';
import { ageIn } from '../src/nlu/ageEntity';
import type { Understanding } from '../src/nlu/understand';
import type { ChooseProgrammeOptions } from './ChooseProgrammeDialog';
import type { IntentAction } from './intentActions';

/** A bare place is a few words (« saint chely d apcher », « la drome »); a longer message says more. */
const MAX_PLACE_WORDS = 4;
/** A fact said on its own (« je suis au rsa depuis deux ans »); in a life story, it is the rest that asks. */
const MAX_FACT_WORDS = 8;

export function placeOrFactAtMenu(understanding: Understanding, programmes: readonly Programme[]): IntentAction | undefined {
  const { entities, text } = understanding;
  if (entities.dontKnow || entities.noVoucherBook || entities.goodbye || entities.thanks) return undefined;
  const words = text.trim().split(/\s+/).length;
  if (words <= MAX_FACT_WORDS && (entities.situations?.length || ageIn(text) !== undefined)) return { kind: 'flow', item: 'eligibility' };
  if (words > MAX_PLACE_WORDS || entities.when || entities.voucherBookNumber || entities.birthDate) {
    return undefined;
  }
  if (entities.commune) return { kind: 'flow', item: 'find_place' };
  // « 75011 », « 69 »: a place outside the served départements, said so with where to look there.
  if (entities.departement && !entities.departement.served) return { kind: 'say', key: 'programme.not_served' };
  const programme = entities.departement?.served ? programmes.find((p) => p.departement.code === entities.departement?.code) : undefined;
  return programme ? { kind: 'flow', item: 'about', options: { programmeId: programme.id } satisfies ChooseProgrammeOptions } : undefined;
}
