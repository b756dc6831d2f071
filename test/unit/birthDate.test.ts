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

  it('reads a date said in words, as on a basic phone', () => {
    assert.equal(read('je suis nee le cinq mars cinquante'), '1950-03-05');
    assert.equal(read('le vingt et un juin mille neuf cent quarante sept'), '1947-06-21');
    assert.equal(read('trente et un decembre dix neuf cent soixante dix neuf'), '1979-12-31');
    assert.equal(read('le sept mars quatre vingt deux'), '1982-03-07');
    assert.equal(read('premier mai 1960'), '1960-05-01');
    assert.equal(read('12 avril cinquante huit'), '1958-04-12');
    assert.equal(read('le dix sept septembre soixante douze'), '1972-09-17');
  });

  it('reads no date in words that say none', () => {
    assert.equal(read('le cinq mars un rendez vous'), undefined);
    assert.equal(read('le cinq mars'), undefined);
    assert.equal(read('trente deux fevrier cinquante'), undefined);
    assert.equal(read('le trente fevrier cinquante'), undefined);
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
