import assert from 'node:assert/strict';
import { understand } from '../../src/nlu/understand';
import { impossibleDateIn } from '../../src/nlu/whenEntity';
import { loadProgrammes } from '../../src/data/programmes';

const now = new Date('2026-12-02T07:37:00Z');
const programmes = loadProgrammes();

describe('a day of no calendar (« le 30 février », src/nlu/whenEntity.ts impossibleDateIn)', () => {
  it('reads the days that do not exist, in words and with slashes', () => {
    assert.deepEqual(impossibleDateIn('reserver le 30 fevrier a 10h'), { day: 30, month: 2 });
    assert.deepEqual(impossibleDateIn('le 31 novembre'), { day: 31, month: 11 });
    assert.deepEqual(impossibleDateIn('rdv le 32/12 a 14h'), { day: 32, month: 12 });
    assert.deepEqual(impossibleDateIn('le 12/13'), { day: 12, month: 13 });
  });

  it('reads none in days that exist, in a leap day, nor in a time written with a dot', () => {
    for (const text of ['le 29 fevrier', 'le 31 decembre', 'le 12/04 a 10h', 'a 14.30', 'jeudi 3 decembre'])
      assert.equal(impossibleDateIn(text), undefined, text);
  });

  it('gives no moment for it, not even the time beside it (it stood for today at 10 h)', () => {
    const read = understand('reserver le 30 fevrier a 10h', { now, programmes });
    assert.equal(read.entities.when, undefined);
    assert.deepEqual(read.entities.impossibleDate, { day: 30, month: 2 });
  });
});
