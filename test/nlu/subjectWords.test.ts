/**
 * Free words at the subject question: a subject for the trainer when they
 * read as one, the question asked again for fillers and typed nonsense.
 */
import assert from 'node:assert/strict';
import { saysASubject } from '../../src/nlu/subjectWords';

describe('saysASubject', () => {
  for (const text of [
    'internet',
    'mon telephone',
    'les photos de mes petits enfants',
    'la genealogie',
    'ma box',
    'faire mon cv',
    'Envoyer des photos ?',
    'facebook',
    'regarder des videos',
    'le wifi',
    'zoom',
  ]) {
    it(`takes « ${text} » as a subject`, () => assert.equal(saysASubject(text), true));
  }
  for (const text of [
    'euh',
    'ok',
    'oui',
    'azerty',
    'qsdfgh',
    'blabla',
    'blablabla',
    'lalala',
    'sdkjf',
    'aaaaa',
    'bof',
    'un truc',
    'jsp',
    'xyz',
    'xyzzy',
    '',
  ]) {
    it(`asks again after « ${text} »`, () => assert.equal(saysASubject(text), false));
  }
});
