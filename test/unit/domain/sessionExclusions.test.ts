import assert from 'node:assert/strict';
import { exclusionsWithin, isExcluded, updateExclusions } from '../../../src/domain/sessionExclusions';

const at = (iso: string) => new Date(iso);

describe('what is said against while booking (src/domain/sessionExclusions.ts)', () => {
  it('leaves out every such weekday, one date, a part of the day, or both (Paris time)', () => {
    assert.equal(isExcluded([{ weekday: 1 }], at('2026-12-07T09:00:00+01:00')), true);
    assert.equal(isExcluded([{ weekday: 1 }], at('2026-12-14T14:00:00+01:00')), true);
    assert.equal(isExcluded([{ day: '2026-12-07' }], at('2026-12-14T14:00:00+01:00')), false);
    assert.equal(isExcluded([{ part: 'morning' }], at('2026-12-03T11:00:00+01:00')), true);
    assert.equal(isExcluded([{ part: 'morning' }], at('2026-12-03T14:00:00+01:00')), false);
    assert.equal(isExcluded([{ weekday: 1, part: 'morning' }], at('2026-12-07T14:00:00+01:00')), false);
    // 23:30 UTC on Sunday 3 January is Monday 4 January in Paris.
    assert.equal(isExcluded([{ weekday: 1 }], at('2027-01-03T23:30:00Z')), true);
  });

  it('adds what is said, once, and drops what a moment asks for (« finalement lundi ça va », « jeudi matin »)', () => {
    assert.deepEqual(updateExclusions([{ weekday: 1 }], [{ weekday: 1 }, { part: 'morning' }]), [{ weekday: 1 }, { part: 'morning' }]);
    assert.deepEqual(updateExclusions([{ weekday: 1 }, { part: 'morning' }], [], { day: '2026-12-07' }), [{ part: 'morning' }]);
    assert.deepEqual(updateExclusions([{ weekday: 1 }, { part: 'morning' }], [], { day: '2026-12-03', part: 'morning' }), [{ weekday: 1 }]);
    // « jeudi » is no change of mind about Mondays or mornings.
    assert.deepEqual(updateExclusions([{ weekday: 1 }, { part: 'morning' }], [], { day: '2026-12-03' }), [
      { weekday: 1 },
      { part: 'morning' },
    ]);
    assert.equal(updateExclusions([{ part: 'morning' }], [], { part: 'morning' }), undefined);
  });

  it('says only what can leave out a session of the days listed', () => {
    assert.deepEqual(exclusionsWithin([{ weekday: 1 }, { part: 'morning' }], '2026-12-03', '2026-12-03'), [{ part: 'morning' }]);
    assert.deepEqual(exclusionsWithin([{ weekday: 1 }, { day: '2026-12-20' }], '2026-12-02', '2026-12-15'), [{ weekday: 1 }]);
  });
});
