import assert from 'node:assert/strict';
import { findVoucherBookNumber } from '../../src/nlu/voucherBookNumberEntity';

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
