import assert from 'node:assert/strict';
import { attemptedVoucherBookNumber, findVoucherBookNumber, withoutVoucherBookNumber } from '../../src/nlu/voucherBookNumberEntity';

describe('finding a carnet number in a message', () => {
  it('reads it alone, in any case, with spaces or dashes', () => {
    for (const text of ['LOZ-MEND-E4L', 'loz mend e4l', 'LOZMENDE4L', 'loz-mende4l']) {
      assert.deepEqual(findVoucherBookNumber(text), { ok: true, number: 'LOZ-MEND-E4L', prefix: 'LOZ' }, text);
    }
  });

  it('reads it inside a sentence', () => {
    const found = findVoucherBookNumber("mon numéro c'est DRO-VALE-NCK merci");
    assert.equal(found.ok && found.number, 'DRO-VALE-NCK');
  });

  it('says « check » for a number with one wrong character', () => {
    assert.deepEqual(findVoucherBookNumber('LOZ-MEND-E4M'), { ok: false, reason: 'check' });
  });

  it('says « format » when there is no number at all', () => {
    assert.deepEqual(findVoucherBookNumber('je ne le trouve pas'), { ok: false, reason: 'format' });
  });
});

describe('words of a sentence that only look like a carnet number', () => {
  it('are no mistyped carnet: « je voudrais prendre un rdv a chirac pour apprendre le telephone »', () => {
    assert.deepEqual(findVoucherBookNumber('je voudrais prendre un rdv a chirac pour apprendre le telephone'), {
      ok: false,
      reason: 'format',
    });
  });

  it('still read a number typed in lower case without digits when its prefix is a served programme’s', () => {
    // LOZ-CHAN-ACE: no digit, as one carnet in eight.
    assert.deepEqual(findVoucherBookNumber("c'est loz chan ace", ['LOZ', 'DRO']), { ok: true, number: 'LOZ-CHAN-ACE', prefix: 'LOZ' });
    assert.deepEqual(findVoucherBookNumber('loz chan ace'), { ok: true, number: 'LOZ-CHAN-ACE', prefix: 'LOZ' }, 'alone, no prefix needed');
  });

  it('still read a mistyped number with a digit inside a sentence as a typo', () => {
    assert.deepEqual(findVoucherBookNumber('mon numero est loz mend e4m'), { ok: false, reason: 'check' });
  });
});

describe('ordinary words that glued would pass for a carnet', () => {
  it('are no carnet when they break where a carnet has no dash: « Crest dans la » is no CRES-TDAN-SLA', () => {
    for (const text of [
      'Crest dans la',
      'PORT DANS LA LOZERE',
      'LES AUTELS DANS LA LOZERE',
      'LE CASTELLET',
      'SAINT-PAUL-DE-VARAX DANS LA DROME',
      'LA CELETTE DANS LA DROME',
    ]) {
      assert.deepEqual(findVoucherBookNumber(text, ['LOZ', 'DRO']), { ok: false, reason: 'format' }, text);
    }
  });

  it('still read a number split at its dashes, or not at all', () => {
    for (const text of [
      'loz mend e4l',
      'LOZ MEND E4L',
      'lozmend e4l',
      'loz mende4l',
      'LOZ.MEND.E4L',
      "c'est le loz mend e4l",
      'MON NUMERO EST LOZ MEND E4L',
    ]) {
      assert.deepEqual(findVoucherBookNumber(text, ['LOZ', 'DRO']), { ok: true, number: 'LOZ-MEND-E4L', prefix: 'LOZ' }, text);
    }
  });
});

describe('a served programme’s carnet number typed wrong', () => {
  const served = ['LOZ', 'DRO'];
  const mistake = (text: string) => attemptedVoucherBookNumber(text, served)?.mistake;

  it('is a number a character short, in any case, with dashes or spaces: « LOZ-MEND-E4 » for LOZ-MEND-E4L', () => {
    for (const text of ['LOZ-MEND-E4', 'loz mend e4', 'Loz-Mend-E4', 'dro-vale-nc', 'LOZ-MEND', "mon numero c'est loz mend e4 je crois"]) {
      assert.equal(mistake(text), 'incomplete', text);
    }
  });

  it('is a number a character too long, or with a wrong character', () => {
    assert.equal(mistake('LOZ-MEND-E4LL'), 'tooLong');
    assert.equal(mistake('LOZ-MEND-E4X'), 'typo');
    // « 0 » is no character of a carnet (the alphabet leaves it out for « O »).
    assert.equal(mistake('LOZ-MEND-E0L'), 'typo');
  });

  it('is none for a right number, for words, or for a prefix no programme here has', () => {
    for (const text of [
      'LOZ-MEND-E4L',
      'dro vale nck',
      'lozere 48',
      'loz 48',
      'loz mend',
      'je suis en lozere',
      'ABC-DEFG-HJ',
      'le 12 mai',
    ]) {
      assert.equal(mistake(text), undefined, text);
    }
    assert.equal(attemptedVoucherBookNumber('LOZ-MEND-E4', []), undefined, 'no programme served, no prefix known');
  });

  it('leaves its words out of the text, so that « MEND » is read as no commune', () => {
    assert.equal(withoutVoucherBookNumber('LOZ-MEND-E4 pour un rdv', served).trim(), 'pour un rdv');
    assert.equal(withoutVoucherBookNumber('LOZ-MEND-E4 pour un rdv'), 'LOZ-MEND-E4 pour un rdv', 'no prefix given: as before');
  });
});
