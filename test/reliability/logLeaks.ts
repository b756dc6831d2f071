/**
 * Detectors for what a log line must never hold, one per kind of personal
 * data, so that a failing scan says which kind leaked and where. Each
 * detector looks at the raw JSON line and at its decoded string values
 * (a `\u00e9` escape must not hide « Gérard »).
 */
import { VOUCHER_BOOK_ALPHABET } from '../../src/domain/voucherBookNumber';
import { normalize } from '../../src/nlu/normalize';

/** The raw line, then every string or number it holds, decoded. */
export function haystackOf(line: string): string {
  const values: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') values.push(String(value));
    else if (value && typeof value === 'object') for (const inner of Object.values(value)) walk(inner);
  };
  try {
    walk(JSON.parse(line));
  } catch {
    // Not JSON: the raw line is all there is.
  }
  return [line, ...values].join('\n');
}

export interface Finding {
  /** 1-based line of the captured log. */
  line: number;
  found: string;
}

/** A random id (« 4c056863-0775-4dd1-… ») can hold ten digits that read as a phone number: ids are no data. */
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

function scan(lines: readonly string[], find: (haystack: string) => string[]): Finding[] {
  const findings: Finding[] = [];
  lines.forEach((line, index) => {
    for (const found of new Set(find(haystackOf(line).replace(UUID, '<id>')))) findings.push({ line: index + 1, found });
  });
  return findings;
}

const matches = (pattern: RegExp, text: string) => [...text.matchAll(pattern)].map((m) => m[0]);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const digits = (text: string) => text.replace(/\D/g, '');

/**
 * French phone numbers in any usual writing (+33 6 39 98 01 48, 0033…,
 * 06 39 98 01 48, 06.39.98.01.48, 0639980148, 33639980148), never inside a
 * longer run of digits (a timestamp), and the national digits of every
 * number the test used, however written.
 */
export function phoneNumbers(lines: readonly string[], used: readonly string[]): Finding[] {
  const generic = [
    /(?<![\d+])(?:\+|00)33[\s.-]?[1-9](?:[\s.-]?\d{2}){4}(?!\d)/g,
    /(?<![\d+])0[1-9](?:[\s.-]?\d{2}){4}(?!\d)/g,
    /(?<![\d+])33[1-9]\d{8}(?!\d)/g,
  ];
  const national = used.map((phone) => digits(phone).slice(-9));
  return scan(lines, (text) => [
    ...generic.flatMap((pattern) => matches(pattern, text)),
    ...national.filter((tail) => digits(text).includes(tail) && new RegExp(`(?<!\\d)${tail.split('').join('[\\s.-]?')}(?!\\d)`).test(text)),
  ]);
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/**
 * Birth dates: any date of the 20th century (no log has a reason to hold
 * one), in day-first or ISO order, and every date the test typed or the
 * demo holds in the other usual writings (compact, in words).
 */
export function birthDates(lines: readonly string[], dates: readonly { year: number; month: number; day: number }[]): Finding[] {
  const generic = [
    /(?<!\d)(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-]19\d\d(?!\d)/g,
    /(?<!\d)19\d\d[/.-](?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|[12]\d|3[01])(?!\d)/g,
  ];
  const specific = dates.flatMap(({ year, month, day }) => {
    const dd = String(day).padStart(2, '0');
    const mm = String(month).padStart(2, '0');
    return [
      new RegExp(`(?<!\\d)${dd}${mm}${year}(?!\\d)`, 'g'),
      new RegExp(`(?<!\\d)${year}${mm}${dd}(?!\\d)`, 'g'),
      new RegExp(`(?<!\\d)0?${day}(?:er)? ${MONTHS[month - 1]} ${year}(?!\\d)`, 'gi'),
      new RegExp(`(?<!\\d)0?${day}[/.-]0?${month}[/.-]${year}(?!\\d)`, 'g'),
      new RegExp(`(?<!\\d)${year}[/.-]${mm}[/.-]${dd}(?!\\d)`, 'g'),
    ];
  });
  return scan(lines, (text) => [...generic, ...specific].flatMap((pattern) => matches(pattern, text)));
}

/** Whole words, whatever the case and accents: « GERARD » is Gérard. */
export function names(lines: readonly string[], people: readonly string[]): Finding[] {
  const patterns = [...new Set(people.map(normalize).filter(Boolean))].map(
    (name) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, 'gu'),
  );
  return scan(lines, (text) => {
    const folded = normalize(text);
    return patterns.flatMap((pattern) => matches(pattern, folded));
  });
}

/**
 * Carnet numbers (an identifier of one person): anything written like one
 * (LOZ-MEND-E4L: three capitals, then four and three characters of the
 * carnet alphabet), and the numbers the test used in any case, with or
 * without separators.
 */
export function voucherBookNumbers(lines: readonly string[], used: readonly string[]): Finding[] {
  const shaped = new RegExp(`(?<![A-Za-z0-9])[A-Z]{3}-[${VOUCHER_BOOK_ALPHABET}]{4}-[${VOUCHER_BOOK_ALPHABET}]{3}(?![A-Za-z0-9])`, 'g');
  const compact = used.map((n) => n.replace(/[^A-Za-z0-9]/g, '').toUpperCase());
  return scan(lines, (text) => {
    const squeezed = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
    return [...matches(shaped, text), ...compact.filter((n) => squeezed.includes(n))];
  });
}

/** Every text the test sent (already reduced to those worth looking for), case and accents aside. */
export function messageTexts(lines: readonly string[], texts: readonly string[]): Finding[] {
  const folded = [...new Set(texts.map(normalize).filter((t) => t.length >= 4))];
  return scan(lines, (text) => {
    const haystack = ` ${normalize(text)} `;
    return folded.filter((t) => haystack.includes(t));
  });
}

/**
 * Credentials: anything shaped like a JWT, an `Authorization: Bearer …`
 * value, and every token or password the test used, anywhere in a line.
 */
export function secrets(lines: readonly string[], used: readonly string[]): Finding[] {
  const shaped = [/eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g, /Bearer\s+(?!\[redacted\])[\w.~+/=-]{6,}/gi];
  return scan(lines, (text) => [...shaped.flatMap((pattern) => matches(pattern, text)), ...used.filter((secret) => text.includes(secret))]);
}

/** Numbers given as a position (latitude, longitude), to four decimals or more. */
export function positions(lines: readonly string[], coordinates: readonly number[]): Finding[] {
  const patterns = coordinates.map((c) => new RegExp(`(?<![\\d.])${escape(c.toFixed(4))}`, 'g'));
  return scan(lines, (text) => patterns.flatMap((pattern) => matches(pattern, text)));
}

export function describeFindings(kind: string, findings: Finding[], lines: readonly string[]): string {
  const shown = findings.slice(0, 5).map((f) => `line ${f.line}: « ${f.found} » in ${lines[f.line - 1].slice(0, 300)}`);
  return `${findings.length} ${kind} in the logs:\n${shown.join('\n')}`;
}
