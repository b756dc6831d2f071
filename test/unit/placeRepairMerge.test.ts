import assert from 'node:assert/strict';
import { loadPlaces } from '../../src/data/places';
import { loadProgrammes } from '../../src/data/programmes';
import { dayRanges } from '../../src/domain/franceServicesRecord';
import { readOpeningHours } from '../../src/domain/openingHoursRepair';
import { meetsCriteria } from '../../src/domain/placeCriteria';
import { mergePlaces, similarNames } from '../../src/domain/placeMerge';
import { rankForPerson } from '../../src/domain/placeRanking';
import { labelCovers } from '../../src/domain/placeServices';
import type { Place } from '../../src/domain/types';

const programmes = loadProgrammes(['lozere', 'drome']);

function place(fields: Partial<Place>): Place {
  return {
    id: 'p',
    name: 'Lieu',
    address: '1 rue Haute',
    postalCode: '26150',
    commune: 'Die',
    communeInsee: '26113',
    latitude: 44.75,
    longitude: 5.37,
    services: [],
    source: 'data-inclusion-2024-05',
    programmes: [],
    ...fields,
  };
}

describe('opening hours as published', () => {
  it('keeps valid hours as they are', () => {
    assert.deepEqual(readOpeningHours('Mo-Fr 09:00-12:00'), { kind: 'valid', value: 'Mo-Fr 09:00-12:00' });
  });

  it('completes a range whose closing time another rule of the same value gives', () => {
    const published = 'Tu-Fr 08:30-12:00,14:00-17:30; Mo 08:30-12:00-14:00';
    assert.deepEqual(readOpeningHours(published), {
      kind: 'repaired',
      value: 'Tu-Fr 08:30-12:00,14:00-17:30; Mo 08:30-12:00,14:00-17:30',
      published,
    });
  });

  it('guesses nothing when no other rule says how the day ends', () => {
    assert.equal(readOpeningHours('Mo 08:30-12:00-14:00').kind, 'unreadable');
  });

  it('reads a comma typed as a hyphen, "08h30" and " / " between ranges', () => {
    assert.equal((readOpeningHours('Mo 08:30-12:00-14:00-17:00') as { value: string }).value, 'Mo 08:30-12:00,14:00-17:00');
    assert.equal((readOpeningHours('Mo-Fr 08h30-12h00') as { value: string }).value, 'Mo-Fr 08:30-12:00');
    assert.equal((readOpeningHours('Mo 09:00 - 12:00 / 13:30 - 17:00') as { value: string }).value, 'Mo 09:00-12:00,13:30-17:00');
  });

  it('turns a France services day into OSM ranges: times, closed, or not times at all', () => {
    assert.equal(dayRanges('09:00 - 12:00 / 13:30 - 17:00'), '09:00-12:00,13:30-17:00');
    assert.equal(dayRanges('9h - 12h'), '09:00-12:00');
    assert.equal(dayRanges('Fermé'), '');
    assert.equal(dayRanges(''), '');
    assert.equal(dayRanges('Sur rendez-vous'), undefined);
  });
});

describe('one place, shown once', () => {
  it('merges the two records of the Die France services in the demo data, and only the records of one place', () => {
    const { places } = loadPlaces(programmes);
    const { places: merged, merges } = mergePlaces(places);
    const die = merges.find((m) => m.ids.includes('fs-155'));
    assert.deepEqual(die, { keptId: '628d03bbe1b0b206ecbd7f23', ids: ['628d03bbe1b0b206ecbd7f23', 'fs-155'], reason: 'address' });
    const shown = merged.find((p) => p.id === die.keptId)!;
    const fresher = places.find((p) => p.id === 'fs-155')!;
    assert.equal(shown.openingHours, fresher.openingHours, 'the 2024 hours, not the 2023 ones');
    assert.equal(shown.phone, '04 75 22 31 87');
    assert.deepEqual(
      shown.programmes,
      [{ programmeId: 'drome', roles: ['training', 'prescribing'] }],
      'the id of the record that trains: its sessions stay bookable',
    );
    assert.equal(merged.length, places.length - merges.reduce((n, m) => n + m.ids.length - 1, 0));
  });

  it('takes names as similar when one name’s own words are inside the other’s', () => {
    const a = place({ name: 'Espace France Services du Diois' });
    assert.equal(similarNames(a, place({ name: 'France services Die' })), true);
    assert.equal(similarNames(place({ name: 'Mairie de Die' }), place({ name: 'Médiathèque de Die' })), false);
  });

  it('keeps apart two sites of one SIRET and two structures of one address', () => {
    const siret = '21260281100017';
    const sites = [
      place({ id: 'a', siret, address: 'Place Jean Jaurès' }),
      place({ id: 'b', siret, address: 'Place Jules Nadi', latitude: 44.7525 }),
    ];
    assert.equal(mergePlaces(sites).merges.length, 0);
    const building = [place({ id: 'm', name: 'Mairie de Die' }), place({ id: 'x', name: 'Médiathèque de Die' })];
    assert.equal(mergePlaces(building).merges.length, 0);
    const same = [
      place({ id: 'a', siret, address: 'Place Jean Jaurès' }),
      place({ id: 'b', siret, address: 'place Jean-Jaurès', latitude: 44.7509 }),
    ];
    assert.deepEqual(
      mergePlaces(same).merges.map((m) => m.reason),
      ['siret'],
    );
  });
});

describe('the order a person can use', () => {
  it('puts a place with a phone and known hours first at the same distance as read, never before a nearer step', () => {
    const bare = { place: place({ id: 'bare' }), km: 2.1 };
    const useful = { place: place({ id: 'useful', phone: '04 75 00 00 00', openingHours: 'Mo 09:00-12:00' }), km: 2.3 };
    const defaultHours = {
      place: place({ id: 'default', phone: '04 75 00 00 01', openingHours: 'Mo 09:00-12:00', openingHoursIsDefault: true }),
      km: 2.2,
    };
    const nearer = { place: place({ id: 'nearer' }), km: 0.4 };
    assert.deepEqual(
      rankForPerson([bare, useful, defaultHours, nearer]).map((h) => h.place.id),
      ['nearer', 'useful', 'default', 'bare'],
    );
  });
});

describe('what the schema says of a place', () => {
  const mediatheque = place({ audiences: ['Seniors (+ 65 ans)'], specificSupport: ['Handicaps moteurs', 'Surdité'], fees: ['Gratuit'] });

  it('matches support, audience and fees without case or accents, older spellings included', () => {
    assert.equal(meetsCriteria(mediatheque, { support: ['handicaps moteurs'], audiences: ['Seniors'], free: true }), true);
    assert.equal(meetsCriteria(mediatheque, { support: ['Déficience visuelle'] }), false);
    assert.equal(meetsCriteria(place({ fees: ['Gratuit sous condition'] }), { free: true }), false, 'the condition is unknown');
  });

  it('finds a subject in the older and the newer service labels', () => {
    assert.equal(labelCovers('Prendre en main un smartphone ou une tablette', 'smartphone'), true);
    assert.equal(labelCovers('Maîtrise des outils numériques du quotidien', 'smartphone'), true);
    assert.equal(labelCovers('Accompagner les démarches de santé', 'santé'), true);
    assert.equal(labelCovers('Loisirs et créations numériques', 'démarches administratives'), false);
  });
});
