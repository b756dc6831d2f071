/**
 * « ? », « aide », « je sais pas » from a professional: what this one can
 * ask here, from their role's rights (a trainer cannot prescribe, a
 * prescriber has no session lists, the coordination alone sees the figures
 * and who consulted a file), in their programme's words (carnet, chéquier).
 */
import type { TurnContext } from 'botbuilder';
import { type ProAction, grantedActions } from '../../src/domain/rights';
import type { DialogDeps } from '../deps';
import { currentProfessional, type ProDialogDeps, proContext, proProgramme } from './proContext';
import type { ProCard } from './cards';
import { placeWithCommune, reach } from '../humanContacts';

/** One line of help per right, in this order; `attendance.record` goes with the session lists. */
const HELP_LINES: readonly [ProAction, string][] = [
  ['beneficiary.search', 'pro:help.search'],
  ['voucherBook.prescribe', 'pro:help.prescribe'],
  ['sessions.view', 'pro:help.sessions'],
  ['attendance.record', 'pro:help.attendance'],
  ['figures.view', 'pro:help.figures'],
  ['audit.view', 'pro:help.audit'],
];

export function proHelpLines(context: TurnContext, deps: DialogDeps): string[] {
  const { t } = deps;
  const role = currentProfessional(context)?.role;
  const granted = role ? grantedActions(role) : [];
  const book = proProgramme(context, deps)?.voucherBook.word ?? t('common.book_word');
  const lines = [t('pro:help.intro'), ...HELP_LINES.filter(([action]) => granted.includes(action)).map(([, key]) => t(key, { book }))];
  // A trainer's places and their sessions are set by the coordination: said, so « mes lieux » is not left unanswered.
  if (role === 'trainer') lines.push(t('pro:help.trainer_places'));
  lines.push(t('pro:help.commands'));
  return lines;
}

/** « mes lieux »: the trainer's places, each with how to reach it; their sessions are the coordination's to set. */
export async function trainerPlacesCard(context: TurnContext, deps: ProDialogDeps): Promise<ProCard> {
  const { t } = deps;
  const places = await deps.pro.attendance.trainerPlaces(proContext(context));
  const now = deps.clock.now();
  const lines = places.map((place) => {
    const how = reach(place, t, now);
    return how
      ? t('pro:places.line_reach', { place: placeWithCommune(place, t), reach: how })
      : t('pro:places.line', { place: placeWithCommune(place, t) });
  });
  return {
    title: t('pro:places.title'),
    lines: [...(lines.length > 0 ? lines : [t('pro:places.none')]), t('pro:places.set_by_coordination'), t('pro:places.next')],
  };
}
