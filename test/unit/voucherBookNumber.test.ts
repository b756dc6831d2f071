import assert from 'node:assert/strict';
import {
  VOUCHER_BOOK_ALPHABET,
  voucherBookNumberFor,
  checkCharacter,
  generateVoucherBookNumber,
  isValidVoucherBookNumber,
  parseVoucherBookNumber,
} from '../../src/domain/voucherBookNumber';
import { loadDemoIdentities } from '../../src/data/demoIdentities';

/** A small deterministic generator, so failures can be replayed. */
function seededPick(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

function compact(number: string): string {
  return number.replace(/-/g, '').slice(3);
}

function withCode(prefix: string, code: string): string {
  return `${prefix}-${code.slice(0, 4)}-${code.slice(4)}`;
}

describe('carnet numbers', () => {
  it('look like LOZ-XXXX-XXX and use no 0, O, 1 or I', () => {
    assert.equal(VOUCHER_BOOK_ALPHABET.length, 32);
    assert.doesNotMatch(VOUCHER_BOOK_ALPHABET, /[0O1I]/);
    const pick = seededPick(7);
    for (let i = 0; i < 100; i += 1) {
      const number = generateVoucherBookNumber('LOZ', pick);
      assert.match(number, /^LOZ-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$/);
      assert.ok(isValidVoucherBookNumber(number));
    }
  });

  it('reads what a person types: lower case, spaces, no dashes', () => {
    const number = voucherBookNumberFor('DRO', 'VALENC');
    assert.equal(number, `DRO-VALE-NC${checkCharacter('VALENC')}`);
    for (const typed of [number.toLowerCase(), number.replace(/-/g, ' '), number.replace(/-/g, ''), ` ${number} `]) {
      assert.deepEqual(parseVoucherBookNumber(typed), { ok: true, number, prefix: 'DRO' });
    }
  });

  it('says "format" for characters outside the alphabet or a wrong length', () => {
    assert.deepEqual(parseVoucherBookNumber('LOZ-MEND-E40'), { ok: false, reason: 'format' });
    assert.deepEqual(parseVoucherBookNumber('LOZ-MEND-EO4'), { ok: false, reason: 'format' });
    assert.deepEqual(parseVoucherBookNumber('LOZ-MEND'), { ok: false, reason: 'format' });
    assert.deepEqual(parseVoucherBookNumber('bonjour'), { ok: false, reason: 'format' });
  });

  it('catches every single wrong character', () => {
    const pick = seededPick(42);
    for (let n = 0; n < 200; n += 1) {
      const code = compact(generateVoucherBookNumber('LOZ', pick));
      for (let i = 0; i < code.length; i += 1) {
        for (const ch of VOUCHER_BOOK_ALPHABET) {
          if (ch === code[i]) continue;
          const typo = code.slice(0, i) + ch + code.slice(i + 1);
          assert.deepEqual(parseVoucherBookNumber(withCode('LOZ', typo)), { ok: false, reason: 'check' }, typo);
        }
      }
    }
  });

  it('catches every swap of two adjacent characters, check character included', () => {
    // Every ordered pair of distinct characters, at every position.
    for (const x of VOUCHER_BOOK_ALPHABET) {
      for (const y of VOUCHER_BOOK_ALPHABET) {
        if (x === y) continue;
        for (let at = 0; at < 6; at += 1) {
          const body = ('234567'.slice(0, at) + x + y + '234567').slice(0, 6);
          if (body.length < 6 || body[at] !== x) continue;
          const code = body + checkCharacter(body);
          const swapped = code.slice(0, at) + code[at + 1] + code[at] + code.slice(at + 2);
          if (swapped === code) continue;
          assert.equal(isValidVoucherBookNumber(withCode('DRO', swapped)), false, `${code} → ${swapped}`);
        }
      }
    }
    const pick = seededPick(3);
    for (let n = 0; n < 500; n += 1) {
      const code = compact(generateVoucherBookNumber('DRO', pick));
      const i = 5; // last body character and the check character
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i];
      assert.equal(isValidVoucherBookNumber(withCode('DRO', swapped)), false);
    }
  });

  it('refuses a bad prefix', () => {
    assert.throws(() => generateVoucherBookNumber('lozere'));
    assert.throws(() => voucherBookNumberFor('LOZ', 'ABC'));
  });

  it('lists only valid numbers for the demo people', () => {
    for (const person of loadDemoIdentities().beneficiaries) assert.ok(isValidVoucherBookNumber(person.voucherBookNumber), person.id);
  });
});
