/**
 * « le 1er décembre » said on 2 December 2026 was read as 1 December 2027
 * and answered « Les séances sont ouvertes jusqu'au … »: a day said with its
 * month that went by a few weeks ago is that past day (the booking says it
 * is past); one further back, or a feast, is next year's.
 */
import assert from 'node:assert/strict';
import { readWhen } from '../../src/nlu/whenEntity';

const NOW = new Date('2026-12-02T08:37:00+01:00');
const read = (text: string) => readWhen(text, { now: NOW, expecting: 'when' });

describe('a day said with its month, gone by a few weeks ago, is that past day', () => {
  for (const text of ['le 1er décembre', 'le premier décembre', 'mardi 1er décembre', '01/12', 'le 30 novembre', 'le trente novembre']) {
    it(`« ${text} » is past, this year`, () => {
      const when = read(text);
      assert.ok(when);
      assert.equal(when.past, true);
      assert.ok(when.start.startsWith('2026-1'), when.start);
    });
  }
  it('« le 1er décembre à 14h » is yesterday at 2 pm', () =>
    assert.equal(read('le 1er décembre à 14h')?.start, '2026-12-01T14:00:00+01:00'));
  it('« le 15 janvier », « le premier janvier », « le 15 mars » are ahead', () => {
    assert.equal(read('le 15 janvier')?.start.slice(0, 10), '2027-01-15');
    assert.equal(read('le premier janvier')?.start.slice(0, 10), '2027-01-01');
    assert.equal(read('le 15 mars')?.start.slice(0, 10), '2027-03-15');
  });
  it('« le 3 décembre » said on 15 January is next December', () => {
    assert.equal(readWhen('le 3 décembre', { now: new Date('2027-01-15T10:00:00+01:00') })?.start.slice(0, 10), '2027-12-03');
  });
  it('« le 2 décembre » is today, « lundi » the coming Monday', () => {
    assert.equal(read('le 2 décembre')?.start.slice(0, 10), '2026-12-02');
    assert.equal(read('lundi')?.start.slice(0, 10), '2026-12-07');
  });
});
