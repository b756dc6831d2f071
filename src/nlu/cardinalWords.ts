/**
 * French cardinal numbers said in words, as people write a birth date on a
 * basic phone: « cinq », « vingt et un », « soixante dix huit », « quatre
 * vingt », « mille neuf cent cinquante », « dix neuf cent cinquante huit ».
 * Reads normalised tokens (lower case, no accents, hyphens as spaces).
 */

const UNITS: Record<string, number> = {
  zero: 0,
  un: 1,
  une: 1,
  premier: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
};
const TENS: Record<string, number> = { vingt: 20, vingts: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60 };

interface Read {
  value: number;
  /** Tokens read. */
  length: number;
}

/** 0–19 from `at`: « dix sept » is 17, « seize » 16. */
function belowTwenty(tokens: readonly string[], at: number): Read | undefined {
  const first = UNITS[tokens[at]];
  if (first === undefined) return undefined;
  const next = UNITS[tokens[at + 1]];
  if (first === 10 && next !== undefined && next >= 7 && next <= 9) return { value: 10 + next, length: 2 };
  return { value: first, length: 1 };
}

/** 0–99 from `at`: « vingt et un », « soixante dix neuf », « quatre vingt douze ». */
function belowHundred(tokens: readonly string[], at: number): Read | undefined {
  let tens = TENS[tokens[at]];
  let length = 1;
  // « quatre vingt(s) »: 80.
  if (tens === undefined && tokens[at] === 'quatre' && TENS[tokens[at + 1]] === 20) {
    tens = 80;
    length = 2;
  }
  if (tens === undefined) return belowTwenty(tokens, at);
  let next = at + length;
  if (tokens[next] === 'et' && (tokens[next + 1] === 'un' || tokens[next + 1] === 'une' || tokens[next + 1] === 'onze')) next += 1;
  const rest = belowTwenty(tokens, next);
  // Only 60 and 80 take 10–19 (« soixante douze »); « vingt douze » is two numbers.
  if (!rest || rest.value === 0 || (rest.value >= 10 && tens !== 60 && tens !== 80)) return { value: tens, length };
  return { value: tens + rest.value, length: next - at + rest.length };
}

/** 0–9999 from `at`, or undefined when no number word starts there. */
export function readCardinal(tokens: readonly string[], at: number): Read | undefined {
  let value = 0;
  let next = at;
  const head = belowHundred(tokens, next);
  if (tokens[next] === 'mille') {
    value = 1000;
    next += 1;
  } else if (head && tokens[next + head.length] === 'mille') {
    value = head.value * 1000;
    next += head.length + 1;
  }
  const hundreds = belowHundred(tokens, next);
  if (tokens[next] === 'cent' || tokens[next] === 'cents') {
    value += 100;
    next += 1;
  } else if (hundreds && (tokens[next + hundreds.length] === 'cent' || tokens[next + hundreds.length] === 'cents')) {
    value += hundreds.value * 100;
    next += hundreds.length + 1;
  }
  const tail = belowHundred(tokens, next);
  if (tail) {
    value += tail.value;
    next += tail.length;
  }
  return next > at ? { value, length: next - at } : undefined;
}

/** The whole of `tokens` as one number, or undefined (« vingt deux » is 22, « le deux » is none). */
export function cardinalOf(tokens: readonly string[]): number | undefined {
  const read = readCardinal(tokens, 0);
  return read && read.length === tokens.length ? read.value : undefined;
}
