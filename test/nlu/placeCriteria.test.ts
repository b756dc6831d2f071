import assert from 'node:assert/strict';
import { placeCriteriaInSentence } from '../../src/nlu/placeCriteriaEntity';

describe('what a sentence asks of a place', () => {
  it('« un lieu accessible en fauteuil à Valence »: the schema’s motor handicap support', () => {
    assert.deepEqual(placeCriteriaInSentence('un lieu accessible en fauteuil à Valence'), {
      criteria: { support: ['Handicaps moteurs'] },
      labels: ['accueil des personnes en fauteuil roulant'],
    });
  });

  it('« gratuit pour les seniors à Mende »: an audience and no fee', () => {
    assert.deepEqual(placeCriteriaInSentence('Gratuit pour les séniors à Mende')?.criteria, { audiences: ['Seniors'], free: true });
  });

  it('hears « malentendant », « personnes âgées », « sans payer »', () => {
    assert.deepEqual(placeCriteriaInSentence('mon père est malentendant')?.criteria, { support: ['Surdité'] });
    assert.deepEqual(placeCriteriaInSentence('pour les personnes âgées, sans payer')?.criteria, { audiences: ['Seniors'], free: true });
  });

  it('asks nothing of a plain request, nor of a word inside another', () => {
    assert.equal(placeCriteriaInSentence('un lieu près de Mende'), undefined);
    assert.equal(placeCriteriaInSentence('je cherche un fauteuiliste'), undefined);
  });
});
