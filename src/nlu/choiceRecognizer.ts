/**
 * Which of a list of options a message picks: by number ("2", "le
 * deuxième"), by label or by synonym, ignoring case and accents. Several
 * different options named at once ("1 ou 2") is no answer.
 */
import { type Choice, recognizeChoices } from 'botbuilder-dialogs';
import { normalize } from './normalize';

export interface ChoiceMatch {
  index: number;
  score: number;
}

export function recognizeChoice(text: string, options: (string | Choice)[]): ChoiceMatch | undefined {
  const utterance = normalize(text);
  if (!utterance) return undefined;
  const choices: Choice[] = options.map((c) => {
    const choice = typeof c === 'string' ? { value: c } : c;
    return { value: normalize(choice.value), synonyms: (choice.synonyms ?? []).map(normalize) };
  });
  const found = recognizeChoices(utterance, choices, { locale: 'fr-fr', recognizeOrdinals: true, recognizeNumbers: true });
  if (found.length === 0) return undefined;
  const distinct = new Set(found.map((f) => f.resolution.index));
  if (distinct.size > 1) return undefined;
  return { index: found[0].resolution.index, score: found[0].resolution.score };
}
