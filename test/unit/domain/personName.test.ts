/** Names stored as read on a file (domain/personName) and in the right order (nlu/personName). */
import assert from 'node:assert/strict';
import { readableName } from '../../../src/domain/personName';
import { personName } from '../../../src/nlu/personName';

describe('a new person’s name', () => {
  it('is written in a readable case, whatever the case typed', () => {
    assert.equal(readableName('pradel'), 'Pradel');
    assert.equal(readableName('PRADEL'), 'Pradel');
    assert.equal(readableName('jean-pierre'), 'Jean-Pierre');
    assert.equal(readableName('LE GOFF'), 'Le Goff');
    assert.equal(readableName("d'aubigné"), "D'Aubigné");
    assert.equal(readableName('marie de la tour'), 'Marie de la Tour');
    assert.equal(readableName('McKenzie'), 'McKenzie');
  });

  it('puts the first name first when the last word is a known first name and the first is not', () => {
    assert.deepEqual(personName(['pradel', 'josette']), { firstName: 'Josette', lastName: 'Pradel' });
    assert.deepEqual(personName(['JOSETTE', 'PRADEL']), { firstName: 'Josette', lastName: 'Pradel' });
    assert.deepEqual(personName(['Robert', 'Malzac']), { firstName: 'Robert', lastName: 'Malzac' });
    // Neither known: as typed, first word first.
    assert.deepEqual(personName(['zorglub', 'bidule']), { firstName: 'Zorglub', lastName: 'Bidule' });
    // « Martin Pierre »: both could be first names; the first word stays the first name.
    assert.deepEqual(personName(['Pierre', 'Martin']), { firstName: 'Pierre', lastName: 'Martin' });
  });
});
