/**
 * Numbers ("2", "le deuxième", "deux" alone) and yes/no ("ouais",
 * "d'accord", "non merci") in a message. Word lists come from
 * locales/fr/intents.json; yes/no short answers also go through the
 * suite's French boolean model (cheap: no start-up cost, 0.2 ms a call).
 *
 * The suite's French number model is not used here: it costs ~150 ms a
 * call on this machine, far too slow to run on every message.
 */
import { Culture, recognizeBoolean } from '@microsoft/recognizers-text-suite';
import { numberWords, yesNoWords } from './intentLexicon';
import { normalize } from './normalize';

export interface NumberEntity {
  type: 'number' | 'ordinal';
  /** An ordinal of -1 is "le dernier". */
  value: number;
  text: string;
}

export interface YesNoEntity {
  type: 'yesNo';
  value: boolean;
}

/** A yes/no answer is short: "oui", "non merci", "ouais d'accord". Longer messages say more than yes or no. */
const MAX_YES_NO_WORDS = 4;
/** Words such as "le", "numero" before a bare number word: "le deux", "numéro trois". */
const NUMBER_LEAD = new Set(['le', 'la', 'l', 'numero', 'choix', 'option', 'n', 'no']);

let lists: { words: Map<string, number>; yes: string[]; no: string[] } | undefined;

function wordLists() {
  if (!lists) {
    const { yes, no } = yesNoWords();
    lists = {
      words: new Map(Object.entries(numberWords()).map(([w, n]) => [normalize(w), n])),
      yes: yes.map(normalize),
      no: no.map(normalize),
    };
  }
  return lists;
}

const ORDINAL = /(ieme|eme|ier|iere|^\d+e|^second|^seconde|^dernier|^derniere)$/;

/**
 * Digits standing alone (not "10h", "12/04", a postal code glued to a
 * name is fine), ordinal words anywhere, cardinal words only as the whole
 * answer ("deux", "le trois"): in a sentence "un rendez-vous" is no number.
 */
export function findNumbers(text: string): NumberEntity[] {
  const { words } = wordLists();
  const tokens = normalize(text).replace(/\?/g, ' ').split(' ').filter(Boolean);
  const found: NumberEntity[] = [];
  const content = tokens.filter((t) => !NUMBER_LEAD.has(t));
  for (const token of tokens) {
    const known = words.get(token);
    if (known !== undefined && ORDINAL.test(token)) found.push({ type: 'ordinal', value: known, text: token });
    else if (known !== undefined && content.length === 1 && content[0] === token) found.push({ type: 'number', value: known, text: token });
  }
  // Digits: whole tokens of the raw text, so "10h", "12/04/1958" and "06 12…" pieces are left to their own entities.
  for (const match of text.matchAll(/(?<![\d/.:+h-])\b\d{1,4}(?:[.,]\d+)?\b(?![\d/.:h-]|\s?\d{2}\b)/g)) {
    found.push({ type: 'number', value: Number(match[0].replace(',', '.')), text: match[0] });
  }
  return found;
}

function startsWithPhrase(said: string, phrases: string[]): string | undefined {
  return phrases.filter((p) => said === p || said.startsWith(`${p} `)).sort((a, b) => b.length - a.length)[0];
}

export function findYesNo(text: string): YesNoEntity[] {
  const said = normalize(text).replace(/\?/g, '').trim();
  if (!said) return [];
  const { yes, no } = wordLists();
  // The longest leading phrase decides: "non merci" is no, "pas d'accord" is no.
  const y = startsWithPhrase(said, yes);
  const n = startsWithPhrase(said, no);
  if (y || n) return [{ type: 'yesNo', value: (y?.length ?? 0) > (n?.length ?? 0) }];
  if (said.split(' ').length > MAX_YES_NO_WORDS) return [];
  // Digits and punctuation only (« 3 », « 12/04 »): no yes or no, and the suite's model costs 0.2 ms to say so.
  if (/^[\d\s.,:/+-]*$/.test(text)) return [];
  const found = recognizeBoolean(text, Culture.French)[0];
  const value = (found?.resolution as { value?: unknown } | undefined)?.value;
  return typeof value === 'boolean' ? [{ type: 'yesNo', value }] : [];
}
