import assert from 'node:assert/strict';
import { BoundedCache, MAX_REMEMBERED_LENGTH, memoized } from '../../src/domain/memo';

describe('answers remembered (src/domain/memo.ts)', () => {
  it('computes an input once, and again only after the cache was full and started over', () => {
    const computed: string[] = [];
    const upper = memoized((s: string) => {
      computed.push(s);
      return s.toUpperCase();
    }, 2);
    assert.equal(upper('mende'), 'MENDE');
    assert.equal(upper('mende'), 'MENDE');
    upper('die');
    upper('crest'); // full: starts over with « crest »
    upper('mende');
    assert.deepEqual(computed, ['mende', 'die', 'crest', 'mende']);
  });

  it('does not keep a long input (a pasted page): computed each time', () => {
    let calls = 0;
    const length = memoized((s: string) => ((calls += 1), s.length));
    const page = 'x'.repeat(MAX_REMEMBERED_LENGTH + 1);
    length(page);
    length(page);
    assert.equal(calls, 2);
  });

  it('remembers an undefined answer as an answer', () => {
    let calls = 0;
    const cache = new BoundedCache<string | undefined>(10);
    const compute = () => {
      calls += 1;
      return undefined;
    };
    cache.get('k', compute);
    cache.get('k', compute);
    assert.equal(calls, 1);
  });
});
