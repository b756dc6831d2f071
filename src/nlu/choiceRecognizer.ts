/**
 * Which of a list of options a message picks: by number ("2", "le
 * deuxième"), by label or by synonym, ignoring case and accents. Several
 * different options named at once ("1 ou 2") is no answer.
 */
import { type Choice, recognizeChoices } from 'botbuilder-dialogs';
import { normalize } from './normalize';

const MAX_WORDS_FOR_NUMBERS = 3;
/**
 * Every stem botbuilder's French number and ordinal recognizers build on
 * (recognizers-text FrenchNumeric, accents folded), as plain substrings:
 * an answer holding none of them ("menu", "oui", "mes heures") cannot be a
 * number, and skips the recognizer — its regexes cost milliseconds a call,
 * the largest part of a menu turn.
 */
const NUMBER_HINT =
  /\d|un|deux|trois|quatre|cinq|six|sept|huit|neuf|zero|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|septante|octante|nonante|cent|mille|illion|illiard|douzaine|demi|premi|second|tier|eme|prochain|preced|actuel|avant|dernier|penult|suivant|courant|quart|celle|celui|virgule|point/;

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
  // Numbers count only in a short answer ("2", "le deuxième", "numéro 3"): in a sentence,
  // "je cherche UN lieu" must not pick option 1.
  const short = utterance.split(' ').length <= MAX_WORDS_FOR_NUMBERS && NUMBER_HINT.test(utterance);
  const found = recognizeChoices(utterance, choices, { locale: 'fr-fr', recognizeOrdinals: short, recognizeNumbers: short });
  if (found.length === 0) return undefined;
  const distinct = new Set(found.map((f) => f.resolution.index));
  if (distinct.size > 1) return undefined;
  return { index: found[0].resolution.index, score: found[0].resolution.score };
}
