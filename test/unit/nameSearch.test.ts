/** Finding a person by name in Teams: typos are forgiven, a word lost inside a name is not a match. */
import assert from 'node:assert/strict';
import { matchName } from '../../src/services/pro/beneficiaryLookup';
import * as f from '../store/contract/fixtures';

const martine = f.beneficiary({ firstName: 'Martine', lastName: 'Delmas' });
const sylvie = f.beneficiary({ firstName: 'Sylvie', lastName: 'Rouvière' });
const pool = [martine, sylvie];
const names = (query: string) => matchName(pool, query).map((p) => p.lastName);

describe('name search for professionals', () => {
  it('forgives a typo at the end, at the start, and the order of the names', () => {
    assert.deepEqual(names('Martine Delmaz'), ['Delmas']);
    assert.deepEqual(names('Velmas'), ['Delmas']);
    assert.deepEqual(names('Rouviere Sylvie'), ['Rouvière']);
  });

  it('finds a name from its first letters', () => {
    assert.deepEqual(names('Delm'), ['Delmas']);
  });

  it('« oui » is not Sylvie Rouvière, though it stands inside her name', () => {
    assert.deepEqual(names('oui'), []);
    assert.deepEqual(names('non'), []);
  });
});
