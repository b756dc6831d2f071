/** After a list of places, « appelez le lieu » is said only of places that have a number (found by a stranger: « Pas de téléphone indiqué » then « Vous pouvez appeler le lieu »). */
import assert from 'node:assert/strict';
import { callToBookLine, placeLine } from '../../dialogs/placeText';
import { french } from '../../src/i18n';
import type { NearbyPlace } from '../../src/services/placeSearch';

const t = french();
const place = (phone?: string) => ({ place: { phone }, km: 1 }) as unknown as NearbyPlace;

describe('whom to call to book, after a list of places', () => {
  it('says to call the place when every place listed has a number', () => {
    assert.equal(
      callToBookLine([place('04 66 42 61 47'), place('04 66 49 67 13')], t),
      'Vous pouvez appeler le lieu pour prendre rendez-vous.',
    );
  });

  it('says to call those whose number is given when some have none', () => {
    assert.match(callToBookLine([place('04 66 42 61 47'), place()], t) ?? '', /les lieux dont le numéro est indiqué/);
  });

  it('says nothing of calling when no place listed has a number', () => {
    assert.equal(callToBookLine([place(), place()], t), undefined);
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
