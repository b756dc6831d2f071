import assert from 'node:assert/strict';
import { loadProgrammes } from '../../src/data/programmes';
import { placeOfStructure } from '../../src/domain/structurePlace';
import type { Place } from '../../src/domain/types';
import { french } from '../../src/i18n';
import { humanContactsText } from '../../dialogs/humanContacts';
import { coordinationContact } from '../../dialogs/pro/proFormat';

const t = french();
const [lozere] = loadProgrammes(['lozere']);
const NOW = new Date('2026-12-02T10:00:00+01:00');

function place(overrides: Partial<Place>): Place {
  return {
    id: 'p1',
    name: 'France services de Mende',
    address: 'Rue du Faubourg Montbel',
    postalCode: '48000',
    commune: 'Mende',
    latitude: 44.52,
    longitude: 3.49,
    services: [],
    source: 'france-services-2024-08',
    programmes: [],
    ...overrides,
  };
}

describe('the human contacts a person is given', () => {
  it('finds the structure of a carnet among the places, whatever the case of the published name', () => {
    const places = [place({ id: 'a', name: 'ESPACE SOCIAL ET CULTUREL DU DIOIS', phone: '04 75 22 20 45' }), place({ id: 'b' })];
    assert.equal(placeOfStructure(places, 'Espace social et culturel du Diois')?.id, 'a');
    assert.equal(placeOfStructure(places, 'Centre social de Crest'), undefined);
  });

  it('prefers the record of a structure that has a phone', () => {
    const places = [place({ id: 'no-phone' }), place({ id: 'phone', phone: '04 66 49 67 13' })];
    assert.equal(placeOfStructure(places, 'France services de Mende')?.id, 'phone');
  });

  it('gives the structure that gave the carnet with its phone', () => {
    const text = humanContactsText(
      t,
      lozere,
      { structure: 'France services de Mende', structurePlace: place({ phone: '04 66 49 67 13' }) },
      NOW,
    );
    assert.match(text, /- France services de Mende, qui vous a remis votre carnet : 04 66 49 67 13/);
  });

  it('gives the address and usual hours of a place that publishes no phone', () => {
    const text = humanContactsText(t, lozere, { lastPlace: place({ name: 'Médiathèque', openingHours: 'Tu 09:00-12:00' }) }, NOW);
    assert.match(text, /- Médiathèque, le lieu de votre dernière séance : Rue du Faubourg Montbel, 48000 Mende \(mar\. 9 h-12 h\)/);
  });

  it('says once that the last place also gave the carnet', () => {
    const same = place({ phone: '04 66 49 67 13' });
    const text = humanContactsText(t, lozere, { lastPlace: same, structure: same.name, structurePlace: same }, NOW);
    assert.equal(text.match(/04 66 49 67 13/g)?.length, 1);
    assert.match(text, /le lieu de votre dernière séance, qui vous a remis votre carnet/);
  });

  it('never gives the programme contact without its published number, and always ends with the helpline', () => {
    const lines = humanContactsText(t, lozere, {}, NOW).split('\n');
    assert.ok(!lines.some((line) => line.includes('Conseil départemental de la Lozère')), lines.join('\n'));
    assert.match(lines[lines.length - 1], /Solidarité Numérique, au 01 70 772 372/);
  });
});

describe("the coordination's contact given to professionals", () => {
  it('is the website when the only number is an assumed switchboard, never that number', () => {
    const text = coordinationContact(lozere, t);
    assert.equal(text, 'Lozère : Conseil départemental de la Lozère, https://lozere.fr');
    assert.doesNotMatch(text, /04 66 49 66 66/);
  });

  it('comes with « orientez la personne vers la coordination » when no training place is near', () => {
    assert.match(
      t('pro:prescribe.no_places', { coordination: coordinationContact(lozere, t) }),
      /coordination du Pass numérique \(Lozère : .+, https:\/\/lozere\.fr\)/,
    );
  });
});
