/**
 * Finds a carnet number in what a person typed: alone ("loz mend e4l") or
 * in a sentence ("mon numéro c'est LOZ-MEND-E4L"). Consecutive words are
 * glued together and tried as a number; the check character tells a typo
 * apart from words that merely look like one.
 */
import { type VoucherBookNumberParse, parseVoucherBookNumber } from '../domain/voucherBookNumber';

/** Prefix (2–4 letters) + 7 characters. */
const MIN_LENGTH = 9;
const MAX_LENGTH = 11;

export function findVoucherBookNumber(text: string): VoucherBookNumberParse {
  const whole = parseVoucherBookNumber(text);
  if (whole.ok) return whole;
  const tokens = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  let typo: VoucherBookNumberParse | undefined;
  for (let start = 0; start < tokens.length; start += 1) {
    let glued = '';
    for (let end = start; end < tokens.length && glued.length < MAX_LENGTH; end += 1) {
      glued += tokens[end];
      if (glued.length < MIN_LENGTH || glued.length > MAX_LENGTH) continue;
      const parsed = parseVoucherBookNumber(glued);
      if (parsed.ok) return parsed;
      if (parsed.reason === 'check') typo ??= parsed;
    }
  }
  return typo ?? whole;
}
