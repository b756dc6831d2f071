import assert from 'node:assert/strict';
import { deniesSituation, findSituations } from '../../src/nlu/situationEntity';

describe('a situation said not to be the person’s', () => {
  it('« jai pas de travailleur social », « je connais pas d assistante sociale » deny being followed, and state nothing', () => {
    for (const text of [
      'jai pas de travailleur social',
      'je connais pas d assistante sociale',
      "je n'ai pas d'assistante sociale",
      'aucune assistante sociale',
    ]) {
      assert.ok(deniesSituation(text, 'social_worker'), text);
      assert.ok(!findSituations(text).includes('social_worker'), text);
    }
  });

  it('« je vois l assistante sociale » states it, and « c est quoi un travailleur social » neither states nor denies', () => {
    assert.ok(findSituations('je vois l assistante sociale').includes('social_worker'));
    assert.ok(!deniesSituation('je vois l assistante sociale', 'social_worker'));
    assert.ok(!deniesSituation('c est quoi un travailleur social', 'social_worker'));
  });
});
