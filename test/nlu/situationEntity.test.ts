import assert from 'node:assert/strict';
import { findSituations, situationsAskedAbout } from '../../src/nlu/situationEntity';

describe('situations said of oneself, and words asked about (src/nlu/situationEntity.ts)', () => {
  it('reads a situation the person states: « je vois l’assistante sociale », « je suis au rsa »', () => {
    assert.deepEqual(findSituations("je vois l'assistante sociale"), ['social_worker']);
    assert.deepEqual(findSituations('je suis au rsa'), ['minimum_income']);
  });

  it('reads none in a question about the word: « cest quoi un travailleur social », « c’est quoi le RSA ? »', () => {
    for (const text of ['cest quoi un travailleur social', "c'est quoi le RSA ?", 'ca veut dire quoi assistante sociale']) {
      assert.deepEqual(findSituations(text), [], text);
    }
    assert.deepEqual(situationsAskedAbout('cest quoi un travailleur social'), ['social_worker']);
  });
});
