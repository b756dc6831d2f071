/**
 * The commune search gives fuse.js's own results — same names, scores and
 * order — without asking fuse.js to try 40,000 names one by one: a seeded
 * set of typos, prefixes, junk and long sentences, over the served
 * départements and over all of France, is compared with fuse.js itself.
 */
import assert from 'node:assert/strict';
import Fuse from 'fuse.js';
import { communes } from '../../src/data/communes';
import { normalizeName } from '../../src/domain/communes';
import { CommuneNames, type Entry, FUSE_OPTIONS, nameEntries } from '../../src/domain/communeSearch';
import { FuzzyNames } from '../../src/domain/fuzzyNames';

/** mulberry32: the same queries every run. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function queries(entries: Entry[], count: number, seed: number): string[] {
  const random = seeded(seed);
  const letters = 'abcdefghijklmnopqrstuvwxyz ';
  const typo = (s: string) => {
    const at = Math.floor(random() * s.length);
    const c = letters[Math.floor(random() * letters.length)];
    const kind = random();
    if (kind < 0.33) return s.slice(0, at) + s.slice(at + 1);
    if (kind < 0.66) return s.slice(0, at) + c + s.slice(at + 1);
    return s.slice(0, at) + c + s.slice(at);
  };
  const found = [
    'marvejol',
    'mande',
    'valance',
    'montelimart',
    'florac',
    'lyon',
    'marseile',
    'bonjour',
    'je sais pas',
    'ab',
    'zz',
    'je cherche un lieu pres de chez moi pour apprendre',
    'saint jean de la blaquiere et saint martin de londres',
  ];
  while (found.length < count) {
    let q = typo(entries[Math.floor(random() * entries.length)].key);
    if (random() < 0.5) q = typo(q);
    if (random() < 0.2) q = q.slice(0, 2 + Math.floor(random() * 7));
    if (random() < 0.05) q = `${q} ${typo(entries[Math.floor(random() * entries.length)].key)}`;
    found.push(q);
  }
  return found.map((q) => normalizeName(q)).filter((q) => q.length >= 2);
}

function compare(entries: Entry[], texts: string[]): string[] {
  const ours = new CommuneNames(entries);
  const fuse = new Fuse(entries, FUSE_OPTIONS);
  const differences: string[] = [];
  const shown = (hits: { item: Entry; score?: number }[]) => JSON.stringify(hits.map((h) => [h.item.key, h.item.commune.insee, h.score]));
  for (const text of texts) {
    const expected = shown(fuse.search(text, { limit: 50 }));
    const actual = shown(ours.search(text, 50));
    if (actual !== expected) differences.push(`« ${text} »: ${actual.slice(0, 300)} ≠ fuse ${expected.slice(0, 300)}`);
  }
  return differences;
}

describe('commune search, as fuse.js would answer it', function () {
  this.timeout(120_000);
  const index = communes();

  it('gives fuse.js’s names, scores and order over the served départements (Lozère, Drôme)', () => {
    const entries = nameEntries(index, ['48', '26']);
    assert.deepEqual(compare(entries, queries(entries, 400, 1)), []);
  });

  it('gives fuse.js’s names, scores and order over every commune of France', () => {
    const entries = nameEntries(index);
    assert.deepEqual(compare(entries, queries(entries, 40, 2)), []);
  });

  it('finds nothing in an empty list or for an empty text', () => {
    assert.deepEqual(new FuzzyNames([], 0.34).search('mende', 5), []);
    assert.deepEqual(new FuzzyNames(['mende'], 0.34).search('', 5), []);
  });
});
