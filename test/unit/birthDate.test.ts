import assert from 'node:assert/strict';
import { parseBirthDate } from '../../src/nlu/birthDate';

const today = new Date('2026-11-25T10:00:00Z');
const read = (text: string) => parseBirthDate(text, today);

describe('reading a birth date', () => {
  it('reads « 12/04/1958 », « 12-04-1958 », « 12.04.1958 » and « 12 04 1958 »', () => {
    for (const text of ['12/04/1958', '12-04-1958', '12.04.1958', '12 04 1958']) assert.equal(read(text), '1958-04-12', text);
  });

  it('reads a date without separators, « 12041958 »', () => {
    assert.equal(read('12041958'), '1958-04-12');
  });

  it('reads the month in words, with or without accents, and « 1er »', () => {
    assert.equal(read('12 avril 1958'), '1958-04-12');
    assert.equal(read('3 février 1949'), '1949-02-03');
    assert.equal(read('3 fevrier 1949'), '1949-02-03');
    assert.equal(read('1er août 1960'), '1960-08-01');
  });

  it('reads a two-digit year as the most recent past one', () => {
    assert.equal(read('12/04/58'), '1958-04-12');
    assert.equal(read('12/04/05'), '2005-04-12');
  });

  it('finds the date inside a sentence', () => {
    assert.equal(read('je suis née le 21/07/1967'), '1967-07-21');
  });

  it('refuses impossible or future dates', () => {
    assert.equal(read('31/02/1958'), undefined);
    assert.equal(read('12/13/1958'), undefined);
    assert.equal(read('01/01/2030'), undefined);
    assert.equal(read('01/01/1850'), undefined);
  });

  it('refuses text with no date', () => {
    assert.equal(read('je ne sais plus'), undefined);
    assert.equal(read(''), undefined);
  });
});
