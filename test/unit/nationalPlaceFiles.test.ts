import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { communes } from '../../src/data/communes';
import { projectRoot } from '../../src/data/paths';
import { loadProgrammes } from '../../src/data/programmes';
import { importPlaces, reportPath } from '../../src/services/placeImport';
import { PlaceSearch } from '../../src/services/placeSearch';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';

/*
 * The three national files, reproduced on a few rows each with every
 * failure class met on the real ones (test/fixtures/places/national/).
 */
const programmes = loadProgrammes(['lozere', 'drome']);
const NATIONAL = path.join(projectRoot(), 'test', 'fixtures', 'places', 'national');
const LAMEDNUM = 'data-inclusion-lamednum.json';
const CONSEILLERS = 'conseillers-numeriques-permanences.json';
const FRANCE_SERVICES = 'liste-structures-france-services.csv';

describe('the national places files', function () {
  this.timeout(60_000);
  let stores: Stores;
  let dir: string;

  const copy = (name: string): string => {
    const target = path.join(dir, name);
    copyFileSync(path.join(NATIONAL, name), target);
    return target;
  };
  const load = (name: string) => importPlaces(stores.places, { file: copy(name), programmes, communes: communes() });
  const report = (name: string) => readFileSync(reportPath(path.join(dir, name)), 'utf8');

  beforeEach(async () => {
    stores = await openStores({ inMemory: true });
    dir = mkdtempSync(path.join(tmpdir(), 'national-places-'));
  });
  afterEach(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('data·inclusion export, LaMednum schema (JSON)', () => {
    it('loses no place: only the row without a name and the one no commune locates are rejected', async () => {
      const summary = await load(LAMEDNUM);
      assert.deepEqual([summary.read, summary.created, summary.duplicates], [12, 8, 2]);
      assert.deepEqual(
        summary.rejections.map((r) => [r.id, r.reason]),
        [
          ['di-nowhere', 'unknown commune or postal code "Nullepart" 99999'],
          ['di-sans-nom', 'missing name'],
        ],
      );
    });

    it('keeps the row with the freshest date_maj of a duplicated id, else the last one, and reports the others', async () => {
      await load(LAMEDNUM);
      assert.equal(
        (await stores.places.get('di-mende-epn'))?.openingHours,
        'Mo-Fr 09:00-12:00,14:00-17:00',
        'date_maj 2024-03-04 beats 2023-11-20',
      );
      assert.equal((await stores.places.get('di-mende-asso'))?.openingHours, 'We 14:00-17:30', 'same date: the later row');
      assert.match(report(LAMEDNUM), /^4,di-mende-epn,duplicate,duplicate id: line 5 kept \(fresher date_maj 2024-03-04\)$/m);
    });

    it('imports a place whose hours cannot be read with hours unknown, the raw text in the report', async () => {
      await load(LAMEDNUM);
      const place = await stores.places.get('di-valence-cs');
      assert.equal(place?.openingHoursIsDefault, true);
      assert.match(report(LAMEDNUM), /^3,di-valence-cs,dropped,"horaires unreadable, left out: ""Lundi et jeudi matin"""$/m);
      assert.equal((await stores.places.get('di-die-mediatheque'))?.openingHours, 'We,Sa 10:00-12:00', '"10h00-12h00" repaired');
    });

    it('keeps what the schema says of audiences, support, fees, booking and SIRET', async () => {
      await load(LAMEDNUM);
      const place = await stores.places.get('di-valence-mediatheque');
      assert.deepEqual(
        [place?.audiences, place?.specificSupport, place?.fees, place?.bookingUrl, place?.siret, place?.updatedOn],
        [
          ['Seniors', 'Familles et/ou enfants'],
          ['Handicaps moteurs'],
          ['Gratuit'],
          'https://rdv.valence.example/mediatheque',
          '21260362900016',
          '2024-04-18',
        ],
      );
    });
  });

  describe('Conseillers numériques permanences, 2022 (nested JSON)', () => {
    it('repairs the slips and reports each one; nothing is rejected', async () => {
      const summary = await load(CONSEILLERS);
      assert.deepEqual([summary.read, summary.created, summary.rejected], [8, 8, 0]);
      assert.equal(
        (await stores.places.get('cnfs-perm-romans-1'))?.openingHours,
        'Tu-Fr 08:30-12:00,14:00-17:30; Mo 08:30-12:00,14:00-17:30',
        'the closing time left out on Monday is the one of the other days',
      );
      assert.equal((await stores.places.get('cnfs-perm-romans-2'))?.openingHours, 'Mo 08:30-12:00,14:00-17:00');
      const cedex = await stores.places.get('cnfs-perm-valence-cedex');
      assert.deepEqual([cedex?.postalCode, cedex?.commune], ['26000', 'Valence']);
      assert.equal((await stores.places.get('cnfs-perm-st-etienne'))?.commune, 'Saint-Étienne');
      const text = report(CONSEILLERS);
      assert.match(text, /^4,cnfs-perm-valence-cedex,repaired,"code_postal: ""26000 CEDEX"" → ""26000"""$/m);
      assert.match(text, /^6,cnfs-perm-st-etienne,repaired,"commune: ""SAINT-ÉTIENNE \(LOIRE\)"" → ""SAINT-ÉTIENNE"""$/m);
      assert.match(text, /^1,cnfs-perm-romans-1,repaired,"horaires: .* → .*"$/m);
    });

    it('places a permanence with impossible coordinates at its commune centre', async () => {
      await load(CONSEILLERS);
      const langogne = await stores.places.get('cnfs-perm-langogne');
      assert.ok(langogne && Math.abs(langogne.latitude - 44.72) < 0.05, String(langogne?.latitude));
    });
  });

  describe('the official list of France services (its own CSV columns)', () => {
    it('is recognised from its header and imported as published', async () => {
      const summary = await load(FRANCE_SERVICES);
      assert.deepEqual([summary.read, summary.created], [7, 6]);
      assert.deepEqual(
        summary.rejections.map((r) => [r.line, r.id, r.reason]),
        [[8, 'fs-2005', 'missing name']],
      );
      const die = await stores.places.get('fs-155');
      assert.equal(die?.name, 'France services Die');
      assert.equal(
        die?.openingHours,
        'Mo 09:00-12:30,13:30-17:00; Tu 09:00-12:30; We 09:00-12:30; Th 09:00-12:30,13:30-17:00; Fr 09:00-12:30',
      );
      assert.equal(die?.bookingUrl, 'https://rdv.france-services.example/die');
      assert.deepEqual([die?.phone, die?.email], ['04 75 22 31 87', 'die@france-services.gouv.fr']);
      assert.equal(
        (await stores.places.get('fs-2002'))?.openingHours,
        'Mo 09:00-12:00,14:00-17:00; Tu 09:00-12:00; Th 09:00-12:00,14:00-17:00; Fr 09:00-12:00',
      );
      assert.deepEqual((await stores.places.get('fs-2001'))?.programmes, [{ programmeId: 'lozere', roles: ['prescribing'] }]);
      assert.ok((await stores.places.get('fs-2004'))?.latitude, 'the itinerant one, without coordinates, at its commune centre');
    });

    it('leaves the hours unknown when a day is not a list of times, and reports the days as published', async () => {
      await load(FRANCE_SERVICES);
      assert.equal((await stores.places.get('fs-2003'))?.openingHoursIsDefault, true);
      assert.match(
        report(FRANCE_SERVICES),
        /^6,fs-2003,dropped,"horaires unreadable, left out: ""lundi : Sur rendez-vous \| mardi : 09:00 - 12:00/m,
      );
    });

    it('imports twice with nothing changed the second time', async () => {
      const first = await load(FRANCE_SERVICES);
      const second = await importPlaces(stores.places, { file: path.join(dir, FRANCE_SERVICES), programmes, communes: communes() });
      assert.deepEqual([second.created, second.updated, second.unchanged], [0, 0, first.created]);
    });

    it('reads a copy saved by a spreadsheet with semicolons the same way', async () => {
      const semicolons = readFileSync(path.join(NATIONAL, FRANCE_SERVICES), 'utf8').replace(/,/g, ';');
      const target = path.join(dir, 'fs-semicolons.csv');
      writeFileSync(target, semicolons);
      const summary = await importPlaces(stores.places, { file: target, programmes, communes: communes() });
      assert.equal(summary.created, 6);
    });
  });

  describe('one place, shown once', () => {
    const dieOrigin = { lat: 44.7535, lng: 5.3704 };

    it('merges the two records of the France services of Die, the freshest hours winning, and says so in the report', async () => {
      await load(LAMEDNUM);
      const summary = await load(FRANCE_SERVICES);
      assert.equal(summary.merged, 1);
      assert.match(
        report(FRANCE_SERVICES),
        /^2,di-die-efs,merged,"shown as one place: di-die-efs \+ fs-155 \(same address and position, similar name\)"$/m,
      );
      const found = await new PlaceSearch(stores, communes()).search('drome', dieOrigin, { role: 'prescribing', limit: 10 });
      const clairette = found.filter((h) => /clairette/i.test(h.place.address));
      assert.equal(clairette.length, 1);
      assert.equal(clairette[0].place.openingHours, (await stores.places.get('fs-155'))?.openingHours);
      assert.equal(clairette[0].place.phone, '04 75 22 31 87');
    });

    it('merges records with one SIRET at one address, not the sites of one structure nor two services in one building', async () => {
      await load(LAMEDNUM);
      const summary = await load(CONSEILLERS);
      assert.match(report(CONSEILLERS), /di-valence-mediatheque \+ cnfs-perm-valence-mediatheque \(same SIRET\)/);
      assert.equal(summary.merged, 1, 'the two Romans permanences share a SIRET 270 m apart: two places');
      const search = new PlaceSearch(stores, communes());
      const die = await search.search('drome', dieOrigin, { limit: 10 });
      assert.deepEqual(
        die
          .filter((h) => /félix germain/i.test(h.place.address))
          .map((h) => h.place.name)
          .sort(),
        ['Mairie de Die', 'Médiathèque de Die'],
      );
    });
  });
});
