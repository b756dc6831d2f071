/**
 * Carnet numbers a person can read over the phone: "LOZ-7K3F-9QX".
 *
 * - a programme prefix (letters), then 6 random characters and 1 check
 *   character, grouped 4 + 3;
 * - the alphabet leaves out 0/O and 1/I, which people confuse when reading
 *   or typing, and has 32 characters: 6 characters give a billion numbers,
 *   so random numbers rarely collide and cannot be guessed in sequence;
 * - the check character is a Damm check over GF(32): x∘y = 2·x + y is a
 *   totally anti-symmetric quasigroup, so EVERY single wrong character and
 *   EVERY swap of two adjacent characters (check character included) is
 *   caught, which Luhn mod N cannot promise.
 */
import { foldAccents } from './text';
import { randomInt } from 'node:crypto';

export const VOUCHER_BOOK_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const BODY_LENGTH = 6;

/** Multiplication by x (i.e. 2) in GF(2^5) with the primitive polynomial x^5 + x^2 + 1. */
function times2(v: number): number {
  const shifted = v << 1;
  return shifted & 0b100000 ? shifted ^ 0b100101 : shifted;
}

/** Damm interim after reading `code`, or -1 when a character is outside the alphabet. */
function dammInterim(code: string): number {
  let interim = 0;
  for (const ch of code) {
    const value = VOUCHER_BOOK_ALPHABET.indexOf(ch);
    if (value < 0) return -1;
    interim = times2(interim) ^ value;
  }
  return interim;
}

/** The check character for a body of alphabet characters. */
export function checkCharacter(body: string): string {
  const interim = dammInterim(body);
  if (interim < 0) throw new Error('carnet body outside the alphabet');
  // interim ∘ c = 2·interim + c = 0  ⇔  c = 2·interim (addition is XOR).
  return VOUCHER_BOOK_ALPHABET[times2(interim)];
}

function format(prefix: string, bodyWithCheck: string): string {
  return `${prefix}-${bodyWithCheck.slice(0, 4)}-${bodyWithCheck.slice(4)}`;
}

/** Prefix rule: 2 to 4 upper-case letters (the programme's short name). */
function checkPrefix(prefix: string): void {
  if (!/^[A-Z]{2,4}$/.test(prefix)) throw new Error('carnet prefix must be 2 to 4 upper-case letters');
}

/**
 * A new random carnet number. `pick(n)` returns an integer in [0, n): the
 * default is crypto-strong, since a carnet number helps identify a person.
 */
export function generateVoucherBookNumber(prefix: string, pick: (n: number) => number = randomInt): string {
  checkPrefix(prefix);
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i += 1) body += VOUCHER_BOOK_ALPHABET[pick(VOUCHER_BOOK_ALPHABET.length)];
  return format(prefix, body + checkCharacter(body));
}

/** The number for a chosen body (demo data with memorable numbers). */
export function voucherBookNumberFor(prefix: string, body: string): string {
  checkPrefix(prefix);
  if (body.length !== BODY_LENGTH) throw new Error(`carnet body must have ${BODY_LENGTH} characters`);
  return format(prefix, body + checkCharacter(body));
}

export type VoucherBookNumberParse = { ok: true; number: string; prefix: string } | { ok: false; reason: 'format' | 'check' };

/**
 * Reads what a person typed or said: any case, spaces or dashes anywhere
 * ("loz 7k3f 9qx", "LOZ7K3F9QX"). Gives the canonical form, or why not.
 */
export function parseVoucherBookNumber(input: string): VoucherBookNumberParse {
  const compact = foldAccents(input)
    .toUpperCase()
    .replace(/[\s\-_.]+/g, '');
  const match = /^([A-Z]{2,4})([A-Z0-9]{7})$/.exec(compact);
  if (!match) return { ok: false, reason: 'format' };
  const [, prefix, code] = match as unknown as [string, string, string];
  if ([...code].some((ch) => !VOUCHER_BOOK_ALPHABET.includes(ch))) return { ok: false, reason: 'format' };
  if (dammInterim(code) !== 0) return { ok: false, reason: 'check' };
  return { ok: true, number: format(prefix, code), prefix };
}

export function isValidVoucherBookNumber(input: string): boolean {
  return parseVoucherBookNumber(input).ok;
}
