import assert from 'node:assert/strict';
import { namesSessionAlone } from '../../src/nlu/sessionAlone';

describe('a session named alone: hers or a new one, both offered', () => {
  for (const text of [
    'rdv',
    'RDV',
    'Rdv ?',
    'rendez vous',
    'rendez-vous',
    'Rendez-vous ?',
    'mon rdv',
    'mon rendez-vous',
    'ma séance',
    'ma seance ?',
    'le rdv',
    'mon prochain rdv',
    'bonjour rdv',
    'bonjour, mon rdv svp',
    'Bonjour madame, rendez-vous s’il vous plaît',
    'rdv merci',
  ]) {
    it(`« ${text} » names a session and asks nothing of it`, () => assert.equal(namesSessionAlone(text), true));
  }

  for (const text of [
    'un rdv',
    'un autre rdv',
    'mes rdv',
    'mes rendez-vous',
    'prendre rdv',
    'je veux un rdv',
    'rdv jeudi',
    'rdv a mende',
    'annuler mon rdv',
    'changer mon rdv',
    'mon rdv de vendredi',
    'séance de plus',
    'bonjour',
    '',
  ]) {
    it(`« ${text} » says more (or other) than a session`, () => assert.equal(namesSessionAlone(text), false));
  }
});
