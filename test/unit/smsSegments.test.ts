/**
 * The segment counter and the GSM-7 folding, character by character
 * against the 3GPP TS 23.038 tables (written out here from the standard,
 * not taken from the library under test).
 */
import assert from 'node:assert/strict';
import { toGsm7 } from '../../src/channels/sms/gsm7';
import { isGsm7Character, smsCost } from '../../src/channels/sms/segments';

/** GSM 03.38 basic table, in code order (0x1B, the escape to the extension table, left out). */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: each is the escape septet plus one, two septets. */
const EXTENSION = '\f^{}\\[~]|€';
/** Letters and signs French texts use that are in neither table. */
const NOT_GSM = '«»“”’‘…–—°êâîôûëïÿçÀÈÂÊÎÔÛÙËÏœŒ\u00a0\u202f';

describe('SMS segments after 3GPP TS 23.038', () => {
  it('writes the whole basic table (127 characters) out, once each', () => {
    assert.equal([...BASIC].length, 127);
    assert.equal(new Set(BASIC).size, 127);
  });

  for (const character of BASIC) {
    const name = JSON.stringify(character);
    it(`${name} is one GSM-7 septet: 160 in one segment, 161 in two, 306 in two, 307 in three`, () => {
      assert.ok(isGsm7Character(character));
      assert.deepEqual(smsCost(character.repeat(160)), { encoding: 'GSM-7', segments: 1 });
      assert.equal(smsCost(character.repeat(161)).segments, 2);
      assert.equal(smsCost(character.repeat(306)).segments, 2);
      assert.equal(smsCost(character.repeat(307)).segments, 3);
    });
  }

  for (const character of EXTENSION) {
    const name = JSON.stringify(character);
    it(`${name} is from the extension table: two septets, 80 in one segment, 81 in two`, () => {
      assert.ok(isGsm7Character(character));
      assert.deepEqual(smsCost(character.repeat(80)), { encoding: 'GSM-7', segments: 1 });
      assert.equal(smsCost(character.repeat(81)).segments, 2);
    });
  }

  for (const character of NOT_GSM) {
    const name = JSON.stringify(character);
    it(`${name} is not GSM-7: one of them makes a message UCS-2, 70 characters a segment, 67 once split`, () => {
      assert.equal(isGsm7Character(character), false);
      assert.deepEqual(smsCost(`${'a'.repeat(69)}${character}`), { encoding: 'UCS-2', segments: 1 });
      assert.equal(smsCost(`${'a'.repeat(70)}${character}`).segments, 2);
      assert.equal(smsCost(`${'a'.repeat(133)}${character}`).segments, 2);
      assert.equal(smsCost(`${'a'.repeat(134)}${character}`).segments, 3);
    });
  }

  it('never cuts an extension character between two segments: 306 septets with a € at 153 take three', () => {
    assert.equal(smsCost(`${'a'.repeat(151)}€${'a'.repeat(153)}`).segments, 2, '€ ends the first segment');
    assert.equal(smsCost(`${'a'.repeat(152)}€${'a'.repeat(152)}`).segments, 3, '€ would straddle: it opens the second');
  });
});

describe('French text folded to GSM-7 for SMS', () => {
  const folded: [string, string][] = [
    ['«', '"'],
    ['»', '"'],
    ['“', '"'],
    ['”', '"'],
    ['’', "'"],
    ['‘', "'"],
    ['…', '...'],
    ['–', '-'],
    ['—', '-'],
    ['\u00a0', ' '],
    ['\u202f', ' '],
    ['°', 'o'],
    ['ê', 'e'],
    ['â', 'a'],
    ['î', 'i'],
    ['ô', 'o'],
    ['û', 'u'],
    ['ë', 'e'],
    ['ï', 'i'],
    ['ÿ', 'y'],
    ['ç', 'c'],
    ['À', 'A'],
    ['È', 'E'],
    ['Â', 'A'],
    ['Ê', 'E'],
    ['Î', 'I'],
    ['Ô', 'O'],
    ['Û', 'U'],
    ['Ù', 'U'],
    ['Ë', 'E'],
    ['Ï', 'I'],
    ['œ', 'oe'],
    ['Œ', 'OE'],
  ];
  for (const [from, to] of folded) {
    it(`${JSON.stringify(from)} → ${JSON.stringify(to)}`, () => assert.equal(toGsm7(from), to));
  }

  // A word folds letter by letter, keeping what GSM-7 has: « Évêché » reads « Éveché », one accent lost, not three
  // (« Eveche »), and the same in every message (the place's address, a reminder, the human contacts).
  it("folds « Place de l'Évêché » to « Place de l'Éveché »", () => {
    assert.equal(toGsm7("Place de l'Évêché, Die"), "Place de l'Éveché, Die");
    assert.equal(toGsm7('Forêt, Hôpital, Maïs, Garçon'), 'Foret, Hopital, Mais, Garcon');
  });

  for (const character of BASIC + EXTENSION) {
    it(`keeps ${JSON.stringify(character)}, which GSM-7 has`, () => assert.equal(toGsm7(character), character));
  }

  it('turns what has no letter form (an emoji) into « ? » rather than switching the message to UCS-2', () => {
    assert.equal(toGsm7('Merci 👍'), 'Merci ?');
  });

  it('makes French typography GSM-7: « menu » with its inner spaces becomes "menu"', () => {
    const text = 'À tout moment, écrivez «\u00a0menu\u00a0», l’aide… ou « parler à quelqu’un » – c’est reçu.';
    const sms = toGsm7(text);
    assert.equal(sms, 'A tout moment, écrivez "menu", l\'aide... ou "parler à quelqu\'un" - c\'est recu.');
    assert.equal(smsCost(sms).encoding, 'GSM-7');
  });
});
