/**
 * French text made GSM-7 before it is sent by SMS: one character outside
 * the GSM 03.38 alphabet turns a whole message into UCS-2, 70 characters a
 * segment instead of 160 (issue 17). Typographic signs become their plain
 * forms (« » “ ” → ", ’ → ', … → ..., – → -), letters outside the alphabet
 * lose their accent (ê → e, ç → c, À → A) or are spelt out (œ → oe), and
 * the letters the alphabet has (é è à ù É Ç ä ö ñ ü…) are kept.
 */
import { isGsm7Character } from './segments';

/** Replacements that dropping an accent cannot give. */
const SPELT_OUT: Record<string, string> = {
  '«': '"',
  '»': '"',
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '‹': '"',
  '›': '"',
  '’': "'",
  '‘': "'",
  '‚': "'",
  '′': "'",
  '`': "'",
  '´': "'",
  '…': '...',
  '–': '-',
  '—': '-',
  '‐': '-',
  '‑': '-',
  '−': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2007': ' ',
  '\t': ' ',
  '°': 'o',
  '•': '-',
  '·': '.',
  œ: 'oe',
  Œ: 'OE',
  '×': 'x',
  '€': '€',
  '₂': '2',
  '²': '2',
  '³': '3',
  '½': '1/2',
  '¼': '1/4',
  '¾': '3/4',
  '™': '',
  '®': '',
  '©': '(c)',
  '\u200b': '',
  '\ufe0f': '',
};

/** One character as GSM-7: itself, its spelt-out form, its letter without accent, or "?" for anything else (an emoji). */
function foldCharacter(character: string): string {
  if (isGsm7Character(character)) return character;
  const spelt = SPELT_OUT[character];
  if (spelt !== undefined) return spelt;
  const bare = character.normalize('NFD').replace(/\p{M}+/gu, '');
  if (bare && [...bare].every(isGsm7Character)) return bare;
  return '?';
}

export function toGsm7(text: string): string {
  // « menu » with its inner spaces reads "menu": the spaces only belong to French guillemets.
  const quoted = text.replace(/«[\s\u00a0\u202f]*/g, '«').replace(/[\s\u00a0\u202f]*»/g, '»');
  let folded = '';
  for (const character of quoted) folded += foldCharacter(character);
  return folded;
}
