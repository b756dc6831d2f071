/**
 * What the carnet question reads besides a number: a date in digits that is
 * no date (said what is wrong), a lost carnet (one the person had), a
 * question whether a session can be had without one.
 */
import assert from 'node:assert/strict';
import { dateMisread } from '../../src/nlu/birthDate';
import { asksWithoutVoucherBook, saysLostVoucherBook } from '../../src/nlu/conversationSignals';

const TODAY = new Date('2026-12-02T08:37:00+01:00');

describe('answers at the carnet question', () => {
  it('« 07/21/1967 » is month and day swapped, the right way round offered; « 31/02/1960 » a day the month has not; « 1967 » a year alone', () => {
    assert.deepEqual(dateMisread('07/21/1967', TODAY), { kind: 'month', said: '07/21/1967', month: 21, swapped: '21/07/1967' });
    assert.deepEqual(dateMisread('12-13-1958', TODAY), { kind: 'month', said: '12-13-1958', month: 13, swapped: '13/12/1958' });
    assert.deepEqual(dateMisread('31/02/1960', TODAY), { kind: 'day', said: '31/02/1960' });
    assert.deepEqual(dateMisread('1967', TODAY), { kind: 'yearOnly', said: '1967', year: '1967' });
  });

  it('a real date, a carnet number or words are no misread date', () => {
    assert.equal(dateMisread('21/07/1967', TODAY), undefined);
    assert.equal(dateMisread('LOZ-MARV-EJ8', TODAY), undefined);
    assert.equal(dateMisread('je sais pas', TODAY), undefined);
    assert.equal(dateMisread('48000', TODAY), undefined);
  });

  it('« je l ai perdu », « je le retrouve plus » say a lost carnet; « je suis perdue » does not', () => {
    for (const text of ['je l ai perdu', "je l'ai perdue", 'je le retrouve plus', "j'ai perdu mon carnet", 'je l ai egare'])
      assert.equal(saysLostVoucherBook(text), true, text);
    assert.equal(saysLostVoucherBook('je suis perdue'), false);
    assert.equal(saysLostVoucherBook("j'en ai pas"), false);
  });

  it('« je peux y aller sans carnet ? » and « faut il le carnet » are questions; « sans carnet » alone is not', () => {
    for (const text of [
      'je peux y aller sans carnet ?',
      'faut il le carnet pour y aller',
      'on peut venir sans le chequier',
      'sans carnet ?',
    ])
      assert.equal(asksWithoutVoucherBook(text), true, text);
    assert.equal(asksWithoutVoucherBook('sans carnet'), false);
    assert.equal(asksWithoutVoucherBook('LOZ-MEND-E4L'), false);
  });
});
