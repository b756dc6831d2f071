/** « Vous avez déjà une séance lundi 7 décembre à 14 h à Mende. »: a person is never booked in two places at once. */
import type { Booking } from '../src/domain/types';
import { formatSlotStart } from '../src/wording';
import type { DialogDeps } from './deps';

/** The session the person already holds at the time asked, said; without it (gone meanwhile), that they have one. */
export async function heldSessionSentence(deps: DialogDeps, held: Booking | undefined): Promise<string> {
  const { t, services } = deps;
  const slot = held ? await services.slots.slot(held.slotId) : undefined;
  const place = slot ? await services.slots.place(slot.placeId) : undefined;
  if (!slot || !place) return t('book.already_holds_unknown');
  return `${t('book.already_holds', { when: formatSlotStart(slot.start, t), commune: place.commune })} ${t('book.choose_another')}`;
}
