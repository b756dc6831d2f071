/**
 * Micro-benchmarks of the two lookups every free-text turn may make:
 * typo-tolerant commune search over every French commune (data/communes.csv,
 * no département filter: the widest case) and the nearest places among
 * 10,000 (spread over metropolitan France, as a national place file would
 * be). Each call timed alone after a warm-up (the first search builds its index).
 */
import { communeSearch } from '../src/data/communeSearch';
import { communes } from '../src/data/communes';
import { PlaceIndex } from '../src/domain/placeIndex';
import type { Place } from '../src/domain/types';

export interface MicroResult {
  name: string;
  calls: number;
  p50: number;
  p99: number;
  note: string;
}

function timed(name: string, calls: number, note: string, call: (i: number) => void): MicroResult {
  for (let i = 0; i < Math.min(50, calls); i += 1) call(i);
  const ms: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const started = process.hrtime.bigint();
    call(i);
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { name, calls, p50: ms[Math.floor(calls * 0.5)], p99: ms[Math.min(calls - 1, Math.floor(calls * 0.99))], note };
}

/** Exact names, typos, prefixes, names with a postal code, and words that are no commune. */
const QUERIES = [
  'Marvejols',
  'marvejol',
  'Mende',
  'mande',
  'Die',
  'Valence',
  'valance',
  'Montélimar',
  'montelimart',
  'Crest',
  'Nyons',
  'saint chely d apcher',
  'St-Chély-d’Apcher',
  'Florac Trois Rivières',
  'florac',
  'Langogne',
  'Romans sur Isère',
  'romans',
  'Dieulefit',
  'Pierrelatte 26700',
  'bonjour',
  'je sais pas',
  'Lyon',
  'Marseile',
  'Chateauneuf',
];

/** A deterministic spread of 10,000 places over metropolitan France. */
function syntheticPlaces(count: number): Place[] {
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, (_, i) => ({
    id: `bench-place-${i}`,
    name: `Lieu ${i}`,
    address: '',
    postalCode: '48000',
    commune: '',
    latitude: 42.5 + random() * 8.5,
    longitude: -4.5 + random() * 12.5,
    services: [],
    source: 'bench',
    programmes: [],
  }));
}

export function microBenchmarks(quick: boolean): MicroResult[] {
  const search = communeSearch();
  const communeCount = [...communes().all()].length;
  const searchResult = timed(
    'commune search',
    quick ? 100 : 2500,
    `${communeCount} communes, ${QUERIES.length} queries with typos, no département filter`,
    (i) => search.search(QUERIES[i % QUERIES.length]),
  );
  // What the bot itself asks: only the programmes' départements (src/nlu/communeEntity.ts).
  const served = timed(
    'commune search, Lozère + Drôme (as the bot asks)',
    quick ? 100 : 2500,
    'same queries, départements 48 and 26',
    (i) => search.search(QUERIES[i % QUERIES.length], { departements: ['48', '26'] }),
  );
  const places = syntheticPlaces(10_000);
  const index = new PlaceIndex(places);
  const origins = places.slice(0, 500).map((p) => ({ lat: p.latitude + 0.05, lng: p.longitude - 0.05 }));
  const nearestResult = timed('nearest places', quick ? 2000 : 20_000, '3 nearest of 10,000 places within 50 km', (i) =>
    index.nearest(origins[i % origins.length], { limit: 3, maxKm: 50 }),
  );
  return [searchResult, served, nearestResult];
}
