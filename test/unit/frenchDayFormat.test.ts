import assert from 'node:assert/strict';
import { firstOfMonthPattern } from '../../src/domain/frenchDayFormat';

describe('the first of a month in French (src/domain/frenchDayFormat.ts)', () => {
  it('turns the day-of-month token into « 1er » on the first only', () => {
    assert.equal(firstOfMonthPattern('cccc d LLLL', 1), "cccc d'er' LLLL");
    assert.equal(firstOfMonthPattern('cccc d LLLL', 2), 'cccc d LLLL');
  });

  it('leaves quoted words, two-letter day tokens and other letters as they are', () => {
    assert.equal(firstOfMonthPattern("cccc d LLLL 'à' H' h'", 1), "cccc d'er' LLLL 'à' H' h'");
    assert.equal(firstOfMonthPattern("dd/MM/yyyy 'de d'", 1), "dd/MM/yyyy 'de d'");
  });
});
