import assert from 'node:assert/strict';
import { fmt, mergeRuns, Spread } from '../../bench/spread';

describe('several benchmark runs summed up (bench/spread.ts)', () => {
  it('takes each figure to the median of the runs, with its range, arrays by position, text from the first run', () => {
    const merged = mergeRuns([
      { rows: [{ name: 'menu', turns: 300 }], p99: 40 },
      { rows: [{ name: 'menu', turns: 100 }], p99: 20 },
      { rows: [{ name: 'menu', turns: 200 }], p99: 90 },
    ]);
    assert.equal(merged.rows[0].name, 'menu');
    assert.equal(fmt(merged.rows[0].turns), '200 (100–300)');
    assert.equal(fmt(merged.p99), '40 (20–90)');
    // A median is still a number to compute with: a ratio of medians.
    assert.equal(Number(merged.rows[0].turns) / Number(merged.p99), 5);
  });

  it('prints one run as it is, a figure that did not move without a range, and « — » for what was not measured', () => {
    assert.equal(mergeRuns([{ n: 3 }]).n, 3);
    assert.equal(fmt(new Spread(2, 2, 2), 1), '2.0');
    assert.equal(fmt(Number.NaN), '—');
    assert.equal(fmt(mergeRuns([Number.NaN, 4, 6])), '5 (4–6)');
  });
});
