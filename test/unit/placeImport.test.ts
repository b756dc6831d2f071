import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { communes } from '../../src/data/communes';
import { projectRoot } from '../../src/data/paths';
import { PlaceFileError } from '../../src/data/placeFile';
import { PLACES_FILE } from '../../src/data/places';
import { loadProgrammes } from '../../src/data/programmes';
import { importPlaces, rejectionsPath, reportPath, type PlaceImportOptions } from '../../src/services/placeImport';
import { lockDataDir } from '../../src/store/embedded/dataDirLock';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';

const run = promisify(execFile);
const programmes = loadProgrammes(['lozere', 'drome']);
const FIXTURES = path.join(projectRoot(), 'test', 'fixtures', 'places');
const CLI = path.join(projectRoot(), 'dist', 'src', 'cli', 'importPlaces.js');

describe('places import', function () {
  this.timeout(60_000);
  let stores: Stores;
  let dir: string;

  const options = (file: string, extra: Partial<PlaceImportOptions> = {}): PlaceImportOptions => ({
    file,
    programmes,
    communes: communes(),
    ...extra,
  });
  /** A copy of a fixture (or given text) in the temp folder, so the rejections CSV lands there. */
  const file = (name: string, content?: string | Buffer): string => {
    const target = path.join(dir, name);
    writeFileSync(target, content ?? readFileSync(path.join(FIXTURES, name)));
    return target;
  };

  beforeEach(async () => {
    stores = await openStores({ inMemory: true });
    dir = mkdtempSync(path.join(tmpdir(), 'places-import-'));
  });

  afterEach(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the published shapes', () => {
    it('imports the CSV form: capitals recased, accents kept, | lists split, empty fields left out', async () => {
      const summary = await importPlaces(stores.places, options(file('lieux-national.csv')));
      assert.deepEqual(
        { read: summary.read, created: summary.created, rejected: summary.rejected, usable: summary.usable },
        { read: 5, created: 5, rejected: 0, usable: true },
      );
      const mende = await stores.places.get('fx-mende-1');
      assert.equal(mende?.name, 'Médiathèque Intercommunale de Mende');
      assert.equal(mende?.commune, 'Mende');
      assert.equal(mende?.email, 'mediatheque@mende.fr');
      assert.deepEqual(mende?.services, ['Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien']);
      assert.equal(mende?.openingHours, 'Tu,Th 09:00-12:00,14:00-17:00; Sa 09:00-12:00');
      const chely = await stores.places.get('fx-chely-3');
      assert.equal(chely?.name, "France Services de Saint-Chély-d'Apcher");
      assert.equal(chely?.phone, '04 66 31 00 00');
      assert.equal(chely?.openingHours, 'Tu,Th 09:00-12:00,14:00-17:00', 'no published hours: the programme default');
      assert.equal(chely?.openingHoursIsDefault, true);
      const die = await stores.places.get('fx-die-4');
      assert.equal(die?.commune, 'Die');
      assert.ok(die && Math.abs(die.latitude - 44.75) < 0.1, 'no coordinates: the commune centre');
      const marvejols = await stores.places.get('fx-marvejols-2');
      assert.equal(marvejols?.communeInsee, '48092', 'INSEE code found from the commune and postal code');
      assert.equal(marvejols?.phone, undefined);
    });

    it('imports the flat JSON form, with numbers and nulls', async () => {
      const summary = await importPlaces(stores.places, options(file('lieux-national.json')));
      assert.equal(summary.created, 2);
      const florac = await stores.places.get('fx-florac-6');
      assert.equal(florac?.name, 'Tiers-Lieu de Florac');
      assert.equal(florac?.commune, 'Florac Trois Rivières');
      assert.equal(florac?.latitude, 44.3243);
      assert.equal(florac?.phone, '04 66 45 00 00');
      const crest = await stores.places.get('fx-crest-7');
      assert.deepEqual(crest?.services, []);
    });

    it('imports the nested model form (adresse, localisation, contact objects, arrays)', async () => {
      const summary = await importPlaces(stores.places, options(file('lieux-modele.json')));
      assert.equal(summary.created, 1);
      const langogne = await stores.places.get('fx-langogne-8');
      assert.equal(langogne?.address, 'Boulevard des Capucins');
      assert.equal(langogne?.longitude, 3.8553);
      assert.equal(langogne?.website, 'https://www.langogne.fr/');
      assert.deepEqual(langogne?.services, ['Aide aux démarches administratives', 'Accès internet et matériel informatique']);
      assert.deepEqual(langogne?.programmes, [{ programmeId: 'lozere', roles: ['prescribing'] }]);
    });
  });

  describe('idempotence', () => {
    it('imports the project places file twice: the same counts, nothing changed the second time', async () => {
      const target = file('places.csv', readFileSync(PLACES_FILE));
      const first = await importPlaces(stores.places, options(target));
      const second = await importPlaces(stores.places, options(target));
      assert.equal(first.read, 119);
      assert.equal(first.created + first.rejected, 119);
      assert.deepEqual(
        [second.read, second.created, second.updated, second.unchanged, second.rejected],
        [first.read, 0, 0, first.created, first.rejected],
      );
    });

    it('--dry-run counts what would change and writes nothing', async () => {
      const summary = await importPlaces(stores.places, options(file('lieux-national.csv'), { dryRun: true }));
      assert.equal(summary.created, 5);
      assert.equal(await stores.places.count(), 0);
    });

    it('--programme keeps only the places of its département', async () => {
      const summary = await importPlaces(stores.places, options(file('lieux-national.csv'), { programmeId: 'drome' }));
      assert.deepEqual([summary.created, summary.skipped], [2, 3]);
      assert.equal(await stores.places.get('fx-mende-1'), undefined);
    });
  });

  describe('files that cannot be used: a clear message, an unchanged store', () => {
    const header = 'id,nom,adresse,code_postal,commune,code_insee,latitude,longitude,horaires,services,source\n';
    const refused = async (target: string, pattern: RegExp) => {
      await assert.rejects(importPlaces(stores.places, options(target)), (error: unknown) => {
        assert.ok(error instanceof PlaceFileError, String(error));
        assert.match(error.message, pattern);
        return true;
      });
      assert.equal(await stores.places.count(), 0);
    };

    it('an empty file', () => refused(file('vide.csv', ''), /empty/));
    it('a file of blank lines', () => refused(file('blanc.csv', '\n\n  \n'), /empty/));
    it('a binary file', () =>
      refused(file('image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), /binary/));
    it('a Latin-1 file', () =>
      refused(
        file('latin1.csv', Buffer.from(`${header}x1,Médiathèque,1 rue,48000,Mende,,44.5,3.5,,,src\n`, 'latin1')),
        /not UTF-8.*Latin-1/,
      ));
    it('a CSV without the commune column', () =>
      refused(file('colonne.csv', 'id,nom,adresse,code_postal\nx1,Lieu,1 rue,48000\n'), /missing column commune/));
    it('a JSON object instead of a list', () => refused(file('objet.json', '{"id": "x1"}'), /array of places/));
    it('a JSON list cut short', () => refused(file('coupe.json', '[{"id": "x1", "nom": "Lie'), /malformed JSON/));
  });

  describe('rows that cannot be used: rejected with line and reason, the rest imported', () => {
    const header = 'id,nom,adresse,code_postal,commune,code_insee,latitude,longitude,horaires,services,source\n';

    it('rejects only the rows without a name or a known commune; a bad field costs the field, not the place', async () => {
      const rows = [
        'd1,Lieu A,1 rue,48000,Mende,,44.5,3.5,,,src',
        'd1,Lieu B,2 rue,48000,Mende,,44.5,3.5,,,src',
        'o1,Lieu C,3 rue,48000,Mende,,40.7,-74.0,,,src',
        `l1,Lieu D,4 rue,48000,${'A'.repeat(200)},,44.5,3.5,,,src`,
        ',Lieu E,5 rue,48000,Mende,,44.5,3.5,,,src',
        'n1,,6 rue,48000,Mende,,44.5,3.5,,,src',
        'h1,Lieu F,7 rue,48000,Mende,,44.5,3.5,Mo 25:00-26:00,,src',
        'c1,Lieu G,8 rue,99999,Nullepart,,44.5,3.5,,,src',
      ];
      const target = file('mauvais.csv', header + rows.join('\n') + '\n');
      const summary = await importPlaces(stores.places, options(target));
      assert.deepEqual(
        summary.rejections.map((r) => [r.line, r.reason.replace(/ \(.*| ".*/, '')]),
        [
          [7, 'missing name'],
          [9, 'unknown commune or postal code'],
        ],
      );
      assert.deepEqual([summary.created, summary.duplicates, summary.usable], [5, 1, true]);
      assert.equal((await stores.places.get('d1'))?.name, 'Lieu B', 'two rows, no date: the later one is kept');
      const far = await stores.places.get('o1');
      assert.equal(far?.commune, 'Mende');
      assert.ok(far && Math.abs(far.latitude - 44.5) < 0.1, 'coordinates outside France: the commune centre');
      const unnamed = await stores.places.get('l1');
      assert.deepEqual(
        [unnamed?.postalCode, unnamed?.communeInsee?.slice(0, 2)],
        ['48000', '48'],
        'a commune name that is no name: the postal code and position tell it',
      );
      assert.equal((await stores.places.get('h1'))?.openingHoursIsDefault, true, 'unreadable hours: unknown, never stated');
      const report = readFileSync(reportPath(target), 'utf8');
      assert.match(report, /^2,d1,duplicate,duplicate id: line 3 kept \(the later row\)$/m);
      assert.match(report, /^4,o1,dropped,"latitude outside France, left out: ""40.7"""$/m);
      assert.match(report, /^8,h1,dropped,"horaires unreadable, left out: ""Mo 25:00-26:00"""$/m);
      assert.match(report, /^6,sans-id-[0-9a-f]{16},repaired,/m, 'a row without id gets a stable one');
      const csv = readFileSync(rejectionsPath(target), 'utf8').split('\n');
      assert.deepEqual(csv.slice(0, 2), ['line,id,reason', '7,n1,missing name']);
    });

    it('imports the good rows of a file that also has bad ones', async () => {
      const target = file(
        'melange.csv',
        `${header}g1,Lieu bon,1 rue,48000,MENDE,,44.52,3.50,,,src\no2,,2 rue,48000,Mende,,44.52,3.50,,,src\n`,
      );
      const summary = await importPlaces(stores.places, options(target));
      assert.deepEqual([summary.created, summary.rejected, summary.usable], [1, 1, true]);
    });

    it('a later clean run removes the stale rejections file', async () => {
      const target = file(
        'melange.csv',
        `${header}o2,,2 rue,48000,Mende,,44.52,3.50,,,src\ng1,Lieu bon,1 rue,48000,Mende,,44.52,3.50,,,src\n`,
      );
      await importPlaces(stores.places, options(target));
      assert.ok(existsSync(rejectionsPath(target)));
      writeFileSync(target, `${header}g1,Lieu bon,1 rue,48000,Mende,,44.52,3.50,,,src\n`);
      await importPlaces(stores.places, options(target));
      assert.equal(existsSync(rejectionsPath(target)), false);
    });
  });

  describe('the command', () => {
    const cli = (args: string[], dataDir: string) =>
      run(process.execPath, [CLI, ...args], { env: { ...process.env, DATA_DIR: dataDir, MONGODB_URI: '' } }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );

    it('prints one summary line and exits 0; a second run changes nothing', async () => {
      const dataDir = path.join(dir, 'data');
      const target = file('lieux-national.csv');
      const first = await cli([target], dataDir);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stdout, 'lieux-national.csv: 5 read, 5 created, 0 updated, 0 unchanged, 0 rejected\n');
      const second = await cli([target], dataDir);
      assert.equal(second.stdout, 'lieux-national.csv: 5 read, 0 created, 0 updated, 5 unchanged, 0 rejected\n');
    });

    it('imports several files in one run, one line each, the merges with the files before reported', async () => {
      const dataDir = path.join(dir, 'data');
      const national = (name: string) => file(name, readFileSync(path.join(FIXTURES, 'national', name)));
      const result = await cli([national('data-inclusion-lamednum.json'), national('liste-structures-france-services.csv')], dataDir);
      assert.equal(result.code, 0, result.stderr);
      const [lamednum, franceServices] = result.stdout.trim().split('\n');
      assert.match(lamednum, /^data-inclusion-lamednum\.json: 12 read, 8 created, .* 2 rejected, 2 duplicate rows \(freshest kept\)/);
      assert.match(franceServices, /^liste-structures-france-services\.csv: 7 read, 6 created, .*1 merged \(shown once\)/);
    });

    it('exits 1 with one line on an unusable file', async () => {
      const result = await cli([file('vide.csv', '')], path.join(dir, 'data'));
      assert.equal(result.code, 1);
      assert.equal(result.stderr, 'import-places: the file is empty; the store is unchanged\n');
    });

    it('exits 1 with one line when the bot holds the data folder', async () => {
      const dataDir = path.join(dir, 'busy');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(dataDir);
      const lock = await lockDataDir(dataDir);
      try {
        const result = await cli([file('lieux-national.csv')], dataDir);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /^import-places: the data folder .* is in use by process \d+ .*stop it first\)\n$/);
      } finally {
        lock.release();
      }
    });
  });
});
