import assert from 'node:assert/strict';
import { communes, loadCommuneIndex } from '../../src/data/communes';
import { CommuneIndex, distanceKm, nearest, normalizeName, type CommuneRow } from '../../src/domain/communes';

const served = { departements: ['48', '26'] };
const names = (list: { name: string }[]) => list.map((c) => c.name);

describe('communes', () => {
  // How fast it loads is measured by the benchmarks, not here (a shared machine is noisy).
  it('loads every commune of France', () => {
    const index = loadCommuneIndex();
    assert.ok(index.size > 34_000, `${index.size} communes`);
  });

  describe('normalisation (shared with the NLU)', () => {
    it('ignores case, accents, hyphens and apostrophes, and spells out St / Ste', () => {
      assert.equal(normalizeName("Saint-Chély-d'Apcher"), 'saint chely d apcher');
      assert.equal(normalizeName('st chely d apcher'), 'saint chely d apcher');
      assert.equal(normalizeName('STE-CROIX  Vallée’Française'), 'sainte croix vallee francaise');
      assert.equal(normalizeName('Œuilly'), 'oeuilly');
      assert.equal(normalizeName('  '), '');
    });
  });

  describe('lookup as people type it', () => {
    const index = communes();

    it('« st chely d apcher » → Saint-Chély-d’Apcher (48)', () => {
      const [found, ...others] = index.lookup('st chely d apcher', served);
      assert.equal(found?.name, "Saint-Chély-d'Apcher");
      assert.equal(found?.insee, '48140');
      assert.equal(found?.departement, '48');
      assert.deepEqual(others, []);
    });

    it('« MENDE » and « Mende 48000 » → Mende', () => {
      assert.deepEqual(names(index.lookup('MENDE')), ['Mende']);
      assert.deepEqual(names(index.lookup('Mende 48000')), ['Mende']);
    });

    it('« paris », « Lyon », « marseille » → the city over its arrondissements, the only rows the data has for it', () => {
      const [paris] = index.lookup('paris');
      assert.deepEqual([paris?.name, paris?.insee, paris?.departement], ['Paris', '75056', '75']);
      assert.ok(paris.postalCodes.includes('75011') && paris.population > 2_000_000);
      assert.deepEqual(names(index.lookup('Lyon')), ['Lyon']);
      assert.deepEqual(names(index.lookup('marseille')), ['Marseille']);
      assert.deepEqual(names(index.lookup('Paris 11e Arrondissement')), ['Paris 11e Arrondissement']);
    });

    it('« bourg les valence » → Bourg-lès-Valence', () => {
      assert.deepEqual(names(index.lookup('bourg les valence')), ['Bourg-lès-Valence']);
    });

    it('« 26000 » → Valence; « 48000 » → Mende first, then the others sharing it', () => {
      assert.deepEqual(names(index.lookup('26000')), ['Valence']);
      const mende = index.lookup('48000');
      assert.equal(mende[0]?.name, 'Mende');
      assert.ok(mende.length > 5);
      assert.ok(names(mende).includes('Badaroux'));
      assert.ok(mende.every((c) => c.postalCodes.includes('48000')));
    });

    it('keeps a commune with several postal codes as one record', () => {
      const [randon] = index.findByName('Monts-de-Randon');
      assert.deepEqual([...(randon?.postalCodes ?? [])].sort(), ['48000', '48700']);
      assert.equal(index.findByPostalCode('48700').filter((c) => c.insee === '48127').length, 1);
    });

    it('finds a commune by the name of its commune déléguée', () => {
      const [found] = index.lookup('Malbouzon');
      assert.equal(found?.name, 'Prinsuéjols-Malbouzon');
      assert.ok(found?.formerNames.includes('Malbouzon'));
    });

    it('accepts the name without its article', () => {
      assert.deepEqual(names(index.lookup('collet de deze')), ['Le Collet-de-Dèze']);
    });

    it('can stay within the served départements', () => {
      assert.ok(index.lookup("saint chely d'aubrac").length === 1);
      assert.deepEqual(index.lookup("saint chely d'aubrac", served), []);
      assert.deepEqual(index.lookup('75001', served), []);
    });

    it('returns nothing for an unknown name', () => {
      assert.deepEqual(index.lookup('Trifouillis-les-Oies'), []);
    });
  });

  describe('building from rows', () => {
    const row = (r: Partial<CommuneRow>): CommuneRow => ({
      insee: '',
      departement: '',
      nom: '',
      code_postal: '',
      type: 'COM',
      insee_parente: '',
      lat: '',
      lng: '',
      population: '0',
      ...r,
    });

    it('merges postal codes, gives COMD rows to their parent and keeps arrondissements', () => {
      const index = new CommuneIndex([
        row({ insee: '48999', departement: '48', nom: 'Testville', code_postal: '48001', lat: '44.5', lng: '3.5', population: '10' }),
        row({ insee: '48999', departement: '48', nom: 'Testville', code_postal: '48002', lat: '44.5', lng: '3.5', population: '10' }),
        row({ insee: '48999', nom: 'Vieux-Bourg', code_postal: '48003', type: 'COMD', insee_parente: '48999' }),
        row({
          insee: '13201',
          departement: '13',
          nom: 'Marseille 1er Arrondissement',
          code_postal: '13001',
          type: 'ARM',
          insee_parente: '13055',
        }),
      ]);
      // Testville, Marseille 1er, and Marseille over its arrondissements.
      assert.equal(index.size, 3);
      assert.equal(index.getByInsee('13055')?.name, 'Marseille');
      const test = index.getByInsee('48999');
      assert.deepEqual(test?.postalCodes, ['48001', '48002', '48003']);
      assert.deepEqual(test?.formerNames, ['Vieux-Bourg']);
      assert.equal(index.lookup('vieux bourg')[0]?.insee, '48999');
      assert.equal(index.lookup('13001')[0]?.departement, '13');
      assert.equal(index.getByInsee('13201')?.lat, undefined, 'no coordinates: undefined, not 0');
    });
  });

  describe('distances', () => {
    it('measures great-circle kilometres', () => {
      assert.equal(distanceKm({ lat: 44.5, lng: 3.5 }, { lat: 44.5, lng: 3.5 }), 0);
      assert.ok(Math.abs(distanceKm({ lat: 0, lng: 0 }, { lat: 0, lng: 1 }) - 111.2) < 0.1);
      const mende = communes().getByInsee('48095')!;
      const valence = communes().getByInsee('26362')!;
      const km = distanceKm({ lat: mende.lat!, lng: mende.lng! }, { lat: valence.lat!, lng: valence.lng! });
      assert.ok(km > 115 && km < 125, `${km} km`);
    });

    it('ranks the nearest items and honours limit and maxKm', () => {
      const points = [
        { id: 'far', at: { lat: 45.5, lng: 3.5 } },
        { id: 'near', at: { lat: 44.51, lng: 3.5 } },
        { id: 'mid', at: { lat: 44.7, lng: 3.5 } },
        { id: 'nowhere', at: undefined },
      ];
      const ranked = nearest({ lat: 44.5, lng: 3.5 }, points, (p) => p.at, { limit: 2 });
      assert.deepEqual(
        ranked.map((r) => r.item.id),
        ['near', 'mid'],
      );
      assert.deepEqual(
        nearest({ lat: 44.5, lng: 3.5 }, points, (p) => p.at, { maxKm: 50 }).map((r) => r.item.id),
        ['near', 'mid'],
      );
    });
  });
});
