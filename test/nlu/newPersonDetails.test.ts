import assert from 'node:assert/strict';
import { communes } from '../../src/data/communes';
import { readNameAnswer, readNewPersonDetails, yearAlone } from '../../src/nlu/newPersonDetails';
import { testNow } from '../support/clock';

const SERVED = ['48', '26'];
const answer = (text: string) => {
  const found = readNameAnswer(text, testNow(), communes(), SERVED);
  return { name: found.firstName && `${found.firstName} ${found.lastName}`, birthDate: found.birthDate, commune: found.commune?.name };
};

describe('a new person said in a sentence (src/nlu/newPersonDetails.ts)', () => {
  it('reads the answer to « Prénom et nom ? » up to its details: « Paul Martin ne le 02/02/1945 » is Paul Martin, born 2 February 1945', () => {
    for (const text of [
      'Paul Martin ne le 02/02/1945',
      'Paul Martin né le 02/02/1945',
      'Paul Martin nee le 2 fevrier 1945',
      'Paul Martin, le 02/02/1945',
    ]) {
      assert.deepEqual(answer(text), { name: 'Paul Martin', birthDate: '1945-02-02', commune: undefined }, text);
    }
    assert.deepEqual(answer('Paul Martin née le 3 mars 1945 à Mende'), { name: 'Paul Martin', birthDate: '1945-03-03', commune: 'Mende' });
  });

  it('keeps the words of a name answered alone, particles included, and leaves out a civility', () => {
    assert.equal(answer('LE GOFF marie-claire').name, 'Marie-Claire Le Goff');
    assert.equal(answer('Mme Josiane Bertrand').name, 'Josiane Bertrand');
    assert.equal(answer('Jean Mars').name, 'Jean Mars');
    assert.equal(answer('Rouviere').name, undefined);
  });

  it('reads no birth date in a phone number (« 06 12 34 56 78 » is no 6 December 1934)', () => {
    assert.equal(answer('Paul Martin 06 12 34 56 78').birthDate, undefined);
    assert.equal(readNewPersonDetails('nouvelle personne, Paul Martin 06 12 34 56 78', testNow(), communes(), SERVED).birthDate, undefined);
  });

  it('tells a year said alone (« née en 1945 ») from a date, even one that does not exist', () => {
    assert.equal(yearAlone('Paul Martin née en 1945', testNow()), '1945');
    assert.equal(yearAlone('1945', testNow()), '1945');
    for (const text of ['31/02/1950', '02/02/1945', 'en 2099', 'Paul Martin']) assert.equal(yearAlone(text, testNow()), undefined, text);
  });
});
