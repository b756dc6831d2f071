/**
 * « pradel josette », « JOSETTE PRADEL », « Pradel Josette » typed for a
 * new person: her first name and last name in the right order (the first
 * word is the first name, unless the first word is no known first name and
 * the last is one: « pradel josette »), in a readable case.
 */
import { readableName } from '../domain/personName';
import { frenchList } from '../i18n';
import { normalize } from './normalize';

let firstNames: Set<string> | undefined;

function knownFirstName(word: string): boolean {
  firstNames ??= new Set(frenchList('pro:new_person.first_names').map(normalize));
  return normalize(word)
    .split(/[\s-]+/)
    .every((part) => firstNames!.has(part));
}

/** Two words or more: the person's first and last names. */
export function personName(words: readonly string[]): { firstName: string; lastName: string } {
  const last = words[words.length - 1];
  const swapped = words.length >= 2 && !knownFirstName(words[0]) && knownFirstName(last);
  const [first, rest] = swapped ? [last, words.slice(0, -1)] : [words[0], words.slice(1)];
  return { firstName: readableName(first), lastName: readableName(rest.join(' ')) };
}
