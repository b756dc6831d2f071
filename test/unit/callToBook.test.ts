/**
 * After a list of training places, the assistant offers to book one of them: it says so, and calling the place comes
 * as the other way, only of places that have a number (found by strangers: « Pas de téléphone indiqué » then « Vous
 * pouvez appeler le lieu »; « Pour un rendez-vous, appelez le lieu » above « 2. Réserver une séance ici »).
 */
import assert from 'node:assert/strict';
import { bookOrCallLine, placeLine } from '../../dialogs/placeText';
import { french } from '../../src/i18n';
import type { NearbyPlace } from '../../src/services/placeSearch';

const t = french();
const place = (phone?: string) => ({ place: { phone }, km: 1 }) as unknown as NearbyPlace;

describe('booking here or calling, after a list of places', () => {
  it('offers the booking first, then calling the place when every place listed has a number', () => {
    assert.equal(
      bookOrCallLine([place('04 66 42 61 47'), place('04 66 49 67 13')], t),
      "Je peux vous réserver une séance dans l'un de ces lieux. Vous pouvez aussi appeler le lieu.",
    );
  });

  it('says to call those whose number is given when some have none', () => {
    assert.match(bookOrCallLine([place('04 66 42 61 47'), place()], t), /^Je peux vous réserver.*ceux dont le numéro est indiqué/);
  });

  it('says nothing of calling when no place listed has a number', () => {
    assert.equal(bookOrCallLine([place(), place()], t), "Je peux vous réserver une séance dans l'un de ces lieux.");
  });

  it('never says « appelez avant de venir » of a place without a number', () => {
    const unpublished = {
      name: 'Centre social',
      address: '14 rue Etienne Marcel',
      postalCode: '26200',
      commune: 'Montélimar',
      openingHours: 'Tu,Th 09:00-12:00',
      openingHoursIsDefault: true,
    };
    const now = new Date('2026-12-02T08:37:00+01:00');
    const without = placeLine({ place: unpublished, km: 1 } as unknown as NearbyPlace, t, now);
    assert.match(without, /Accueil sur place, horaires non communiqués\./);
    assert.doesNotMatch(without, /téléphone/);
    const withPhone = placeLine({ place: { ...unpublished, phone: '04 75 00 00 00' }, km: 1 } as unknown as NearbyPlace, t, now);
    assert.match(withPhone, /appelez avant de venir/);
  });
});
