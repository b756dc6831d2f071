import assert from 'node:assert/strict';
import { communes } from '../../src/data/communes';
import { loadPlaces, readPlaceRows } from '../../src/data/places';
import { loadProgrammes } from '../../src/data/programmes';
import {
  cleanAddress,
  cleanPlaceRows,
  frenchTitleCase,
  parseFrenchPhone,
  spellingsOf,
  toE164,
  type PlaceRow,
} from '../../src/domain/places';
import { matchesPlaceRule } from '../../src/domain/programmeRules';
import type { Place } from '../../src/domain/types';

const programmes = loadProgrammes(['lozere', 'drome']);

function row(fields: Partial<PlaceRow>): PlaceRow {
  return {
    id: 'test-1',
    nom: 'ESPACE NUMERIQUE',
    adresse: '1 RUE DU TEST',
    code_postal: '48000',
    commune: 'MENDE',
    code_insee: '',
    latitude: '44.52',
    longitude: '3.5',
    telephone: '',
    courriels: '',
    site_web: '',
    horaires: '',
    services: '',
    source: 'data-inclusion-2023-02',
    pivot: '',
    date_maj: '',
    prise_rdv: '',
    publics_specifiquement_adresses: '',
    prise_en_charge_specifique: '',
    frais_a_charge: '',
    ...fields,
  };
}

function rolesOf(place: Place | undefined, programmeId: string): string[] {
  return place?.programmes.find((p) => p.programmeId === programmeId)?.roles ?? [];
}

describe('places', () => {
  describe('names in capitals become French title case', () => {
    it('keeps small words lower case and restores accents', () => {
      assert.equal(
        frenchTitleCase('COMMUNE DE LORIOL-SUR-DROME', { spellings: spellingsOf('Loriol-sur-Drôme') }),
        'Commune de Loriol-sur-Drôme',
      );
      assert.equal(frenchTitleCase("AFPA ACCES A L' EMPLOI"), "AFPA Accès à l'Emploi");
      assert.equal(frenchTitleCase("DES TERRES D'APCHER-MARGERIDE-AUBRAC"), "Des Terres d'Apcher-Margeride-Aubrac");
      assert.equal(frenchTitleCase('VIVRE A VIALAS EN CEVENNES'), 'Vivre à Vialas en Cévennes');
      assert.equal(frenchTitleCase('MAIRIE SEDERON', { spellings: spellingsOf('Séderon') }), 'Mairie Séderon');
    });

    it('keeps acronyms', () => {
      assert.equal(frenchTitleCase('CA VALENCE ROMANS AGGLO'), 'CA Valence Romans Agglo');
      assert.equal(frenchTitleCase('PIMMS PORTES DE PROVENCE'), 'PIMMS Portes de Provence');
      assert.equal(frenchTitleCase('MJC ROBERT MARTIN'), 'MJC Robert Martin');
    });

    it('leaves names already in mixed case alone, except known typos', () => {
      assert.equal(frenchTitleCase('EPN chez Eustache'), 'EPN chez Eustache');
      assert.equal(frenchTitleCase('Espace public nnumérique La B@se'), 'Espace public numérique La B@se');
      assert.equal(frenchTitleCase('salle intergénérationnelle'), 'Salle intergénérationnelle');
    });

    it('does not spread a small word of the commune name', () => {
      assert.equal(frenchTitleCase('LES AMIS DE LA POSTE', { spellings: spellingsOf('Bourg-lès-Valence') }), 'Les Amis de la Poste');
    });
  });

  describe('addresses', () => {
    it('expands street types and drops placeholders and repetitions', () => {
      assert.equal(cleanAddress('45 AV JEAN MOULIN'), '45 avenue Jean Moulin');
      assert.equal(cleanAddress("PL DE L'EVECHE"), "Place de l'Évêché");
      assert.equal(cleanAddress('nul nul Place Du Guesclin'), 'Place Du Guesclin');
      assert.equal(cleanAddress('1 Place des Aravis 1 Place des Aravis'), '1 Place des Aravis');
      assert.equal(cleanAddress('1242 AV AVENUE DU GENERAL DE GAULLE'), '1242 avenue du Général de Gaulle');
      assert.equal(cleanAddress('  '), undefined);
    });
  });

  describe('phone numbers', () => {
    it('reads every published form into "04 75 56 22 18" and E.164', () => {
      for (const raw of ['+33475562218', '0475562218', '04 75 56 22 18', '04.75.56.22.18', '0033 4 75 56 22 18']) {
        assert.deepEqual(parseFrenchPhone(raw), { display: '04 75 56 22 18', e164: '+33475562218' }, raw);
      }
      assert.equal(toE164('06 19 56 92 21'), '+33619569221');
      assert.equal(parseFrenchPhone(''), undefined);
      assert.equal(parseFrenchPhone('12345'), undefined);
      assert.equal(parseFrenchPhone('00 75 56 22 18'), undefined);
    });
  });

  describe('the national file', () => {
    const { places, rejected } = loadPlaces(programmes);
    const byId = new Map(places.map((p) => [p.id, p]));

    it('keeps all 119 places: 43 in Lozère, 76 in Drôme', () => {
      assert.equal(readPlaceRows().length, 119);
      assert.deepEqual(rejected, []);
      assert.equal(places.length, 119);
      assert.equal(places.filter((p) => p.postalCode.startsWith('48')).length, 43);
      assert.equal(places.filter((p) => p.postalCode.startsWith('26')).length, 76);
    });

    it('fills every missing INSEE code and uses the official commune name', () => {
      assert.ok(places.every((p) => p.communeInsee && communes().getByInsee(p.communeInsee)));
      const beaumont = byId.get('62b467fddd51e705b1808fb0');
      assert.equal(beaumont?.communeInsee, '26037');
      assert.equal(beaumont?.commune, 'Beaumont-lès-Valence');
      assert.equal(byId.get('26f93307-8a39-4241-88e3-cfd66ab9994c')?.commune, 'Romans-sur-Isère', '"BP 240" ignored');
      assert.equal(byId.get('62bd629d3e465606de19ab3d')?.commune, "Saint-Auban-sur-l'Ouvèze");
      assert.equal(byId.get('637f8f1e4acda506f71c2333')?.communeInsee, '26166', 'wrong postal code, found by name');
    });

    it('cleans names, phones, services and empty fields', () => {
      const palier = byId.get('56c73a4c-c2cb-47d2-a5f2-701c33f9da35');
      assert.equal(palier?.name, 'Association Le Palier');
      assert.equal(palier?.phone, undefined);
      assert.ok(!('phone' in (palier ?? {})), 'empty fields are left out');
      assert.equal(palier?.services.length, 10);
      assert.equal(byId.get('62b467fddd51e705b1808fb0')?.phone, '04 75 59 76 74');
      assert.ok(places.every((p) => !p.phone || /^0\d( \d{2}){4}$/.test(p.phone)));
      assert.ok(places.every((p) => p.name === p.name.trim() && p.name !== p.name.toUpperCase()));
      assert.ok(places.every((p) => p.latitude > 41 && p.latitude < 52 && p.longitude > -6 && p.longitude < 10));
      assert.equal(byId.get('fs-1216')?.source, 'france-services-2024-08');
    });

    it('replaces invalid or missing opening hours by the programme default, marked', () => {
      const pij = byId.get('62bd614c3e465606de19ab13');
      assert.equal(pij?.openingHours, programmes[1].places.defaultOpeningHours.value);
      assert.equal(pij?.openingHoursIsDefault, true);
      const combovin = byId.get('cnfs-structure-21260100900013');
      assert.equal(combovin?.openingHoursIsDefault, true);
      const fs = byId.get('fs-1216');
      assert.equal(fs?.openingHours, 'Tu 08:30-12:30; We 08:30-12:30,13:15-17:00; Th-Sa 08:30-12:30');
      assert.equal(fs?.openingHoursIsDefault, undefined);
      assert.equal(places.filter((p) => p.openingHoursIsDefault).length, 20);
    });

    it('gives roles only for the programme of the place’s département', () => {
      for (const place of places) {
        const dep = place.communeInsee!.slice(0, 2);
        for (const entry of place.programmes) assert.equal(entry.programmeId, dep === '48' ? 'lozere' : 'drome', place.id);
      }
    });

    it('applies the Drôme rules: centres sociaux and France services prescribe, espaces numériques train', () => {
      assert.deepEqual(rolesOf(byId.get('62ac248f8255a806e299cfe5'), 'drome'), ['training', 'prescribing'], 'Centre social Nocaze');
      assert.deepEqual(rolesOf(byId.get('62ab30d18255a806e299caf7'), 'drome'), ['training', 'prescribing'], 'MPT du Plan');
      assert.deepEqual(rolesOf(byId.get('fs-155'), 'drome'), ['prescribing'], 'France services Die');
      assert.deepEqual(rolesOf(byId.get('62d7d6ae9c289e06deceff44'), 'drome'), ['training'], 'médiathèque');
      assert.deepEqual(byId.get('cnfs-structure-20006878100166')?.programmes, [], 'employer head office: no role');
    });

    it('applies the Lozère rules: no training at La Poste, MSA prescribes', () => {
      assert.deepEqual(rolesOf(byId.get('628dd5a3e1b0b206ecbd804a'), 'lozere'), ['training'], 'Commune de Mende');
      assert.deepEqual(rolesOf(byId.get('62b04a2a8255a806e299e3e1'), 'lozere'), [], 'La Poste');
      assert.deepEqual(rolesOf(byId.get('625e70e905457b07908178de'), 'lozere'), ['prescribing'], 'MSA');
      assert.deepEqual(rolesOf(byId.get('fs-2983'), 'lozere'), ['prescribing'], 'France services de Mende');
      assert.equal(places.filter((p) => rolesOf(p, 'lozere').includes('training')).length, 17);
    });
  });

  describe('rows that need help', () => {
    const context = { communes: communes(), programmes };

    it('rejects rows without id, name or usable postal code, with their line', () => {
      const { places, rejected } = cleanPlaceRows(
        [
          { line: 2, row: row({ id: '' }) },
          { line: 3, row: row({ id: 'a', nom: ' ' }) },
          { line: 4, row: row({ id: 'b', code_postal: '4800' }) },
          { line: 5, row: row({ id: 'c' }) },
          { line: 6, row: row({ id: 'c' }) },
        ],
        context,
      );
      assert.deepEqual(
        places.map((p) => p.id),
        ['c'],
      );
      assert.deepEqual(
        rejected.map((r) => r.line),
        [2, 3, 4, 6],
      );
      assert.match(rejected[3].reason, /duplicate id c/);
    });

    it('falls back on the commune centre when coordinates are outside France', () => {
      const { places } = cleanPlaceRows([{ line: 2, row: row({ latitude: '0', longitude: '0' }) }], context);
      const mende = communes().getByInsee('48095')!;
      assert.equal(places[0]?.latitude, mende.lat);
      assert.equal(places[0]?.communeInsee, '48095');
    });

    it('rejects a row it cannot locate at all', () => {
      const { rejected } = cleanPlaceRows(
        [{ line: 7, row: row({ latitude: '', longitude: '', code_postal: '99999', commune: 'Nulle Part' }) }],
        context,
      );
      assert.deepEqual(
        rejected.map((r) => r.line),
        [7],
      );
    });
  });

  describe('place rules', () => {
    const rule = { ids: [], sources: [], nameContains: ['mpt', 'centre social'], excludeIds: [] };
    it('matches name fragments as whole words, ignoring case and accents', () => {
      assert.ok(matchesPlaceRule(rule, { id: 'x', name: 'MPT du Plan', source: '' }));
      assert.ok(matchesPlaceRule(rule, { id: 'x', name: 'CENTRE SOCIAL Nocaze', source: '' }));
      assert.ok(!matchesPlaceRule(rule, { id: 'x', name: 'Comptoir numérique', source: '' }));
    });

    it('lets excludeIds win over every other rule', () => {
      const excluding = { ...rule, ids: ['x'], excludeIds: ['x'] };
      assert.ok(!matchesPlaceRule(excluding, { id: 'x', name: 'MPT du Plan', source: '' }));
    });
  });
});
