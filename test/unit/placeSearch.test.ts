import assert from 'node:assert/strict';
import { communeSearch } from '../../src/data/communeSearch';
import { communes } from '../../src/data/communes';
import { loadPlaces } from '../../src/data/places';
import { loadProgrammes } from '../../src/data/programmes';
import { communePosition, nearest } from '../../src/domain/communes';
import { isOpenAt } from '../../src/domain/openingHours';
import { PlaceIndex } from '../../src/domain/placeIndex';
import { seedDemo } from '../../src/services/demoSeed';
import { PlaceSearch } from '../../src/services/placeSearch';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';

const programmes = loadProgrammes(['lozere', 'drome']);
const places = loadPlaces(programmes).places;

describe('place search', () => {
  describe('the spatial index', () => {
    it('ranks exactly like a distance to every place, from every commune of both départements', () => {
      const index = new PlaceIndex(places);
      for (const commune of communes().all()) {
        if (commune.departement !== '48' && commune.departement !== '26') continue;
        const origin = communePosition(commune);
        if (!origin) continue;
        const expected = nearest(origin, places, (p) => ({ lat: p.latitude, lng: p.longitude }), { limit: 3 });
        const got = index.nearest(origin, { limit: 3 });
        assert.deepEqual(
          got.map((h) => h.km.toFixed(6)),
          expected.map((e) => e.km.toFixed(6)),
          commune.name,
        );
      }
    });

    it('stops at the distance asked and answers nothing when empty', () => {
      const mende = { lat: 44.5181, lng: 3.5008 };
      assert.ok(new PlaceIndex(places).nearest(mende, { maxKm: 30 }).every((h) => h.km <= 30));
      assert.deepEqual(new PlaceIndex([]).nearest(mende), []);
    });
  });

  describe('filters', () => {
    let stores: Stores;
    let search: PlaceSearch;
    const valence = { lat: 44.9334, lng: 4.8924 };
    before(async () => {
      stores = await openStores({ inMemory: true });
      await seedDemo(stores, { programmes, now: new Date('2026-03-20T09:15:00Z') });
      search = new PlaceSearch(stores, communes());
    });
    after(async () => {
      await stores.close();
    });

    it('by role: training places by default, prescribing ones when asked', async () => {
      const training = await search.search('drome', valence, { limit: 5 });
      assert.ok(training.every((h) => h.place.programmes.some((r) => r.programmeId === 'drome' && r.roles.includes('training'))));
      const prescribing = await search.search('drome', valence, { role: 'prescribing', limit: 5 });
      assert.ok(prescribing.length > 0);
      assert.ok(prescribing.every((h) => h.place.programmes.some((r) => r.roles.includes('prescribing'))));
    });

    it('by service, whatever the case and accents', async () => {
      const hits = await search.search('drome', valence, { services: ['SMARTPHONE'], limit: 5 });
      assert.ok(hits.length > 0);
      assert.ok(hits.every((h) => h.place.services.some((s) => /smartphone/i.test(s))));
    });

    it('open now: only places whose published hours say open at that instant', async () => {
      const tuesday = new Date('2026-03-24T09:30:00Z');
      const hits = await search.search('drome', valence, { openAt: tuesday, limit: 10 });
      assert.ok(hits.length > 0);
      assert.ok(hits.every((h) => !h.place.openingHoursIsDefault && isOpenAt(h.place.openingHours!, tuesday)));
      assert.deepEqual(
        await search.search('drome', valence, { openAt: new Date('2026-03-22T02:00:00Z') }),
        [],
        'nobody is open on Sunday at 3 a.m.',
      );
    });
  });

  describe('communes with typos', () => {
    const first = (text: string, departements?: string[]) => communeSearch().search(text, { departements })[0]?.commune.name;

    it('finds what people mean', () => {
      assert.equal(first('valance'), 'Valence');
      assert.equal(communeSearch().search('valance')[0]?.commune.departement, '26', 'the most populated Valence');
      assert.equal(first('st chely d apcher'), "Saint-Chély-d'Apcher");
      assert.equal(first('marvejol'), 'Marvejols');
      assert.equal(first('monteliamr'), 'Montélimar');
      assert.equal(first('lagogne', ['48']), 'Langogne');
    });

    it('keeps exact matches first and the exact lookups unchanged', () => {
      assert.deepEqual(communeSearch().search('Mende'), [{ commune: communes().findByName('Mende')[0], score: 0 }]);
      assert.deepEqual(communes().findByName('valance'), [], 'findByName stays exact');
    });

    it('answers nothing for text that is no commune', () => {
      assert.deepEqual(communeSearch().search('x'), []);
      assert.deepEqual(communeSearch().search('qwxzkjv'), []);
    });
  });
});
