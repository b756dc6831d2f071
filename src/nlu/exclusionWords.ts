/**
 * The words of a message that say what the person cannot do (« pas le
 * lundi », « sauf le mercredi », « jamais le vendredi », « pas le matin »,
 * « ni lundi ni mardi », « le lundi c'est pas possible », « pas lundi
 * prochain »), found in the normalised text: each one's day or part of the
 * day, as said, and the text without them, where what the person asks for
 * is read (« pas le vendredi, mardi matin c'est bien »: Tuesday morning).
 * whenEntity.ts turns each into a SessionExclusion.
 */
import { MONTHS } from './birthDate';

const WEEKDAY = 'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche';
const MONTH = Object.keys(MONTHS).join('|');
const PART = '(?:matin(?:ee)?s?|apr?e?s ?midis?|apre midi|aprem|apm|aprems|aprm|soir(?:ee)?s?)';
/** A day number is no hour, age or count: « pas le 15 », never « pas 15 h » or « pas le 2 fois ». */
const DAY_NUMBER = '\\d{1,2}(?:er)?(?! ?h\\b| ?heures?\\b| ?fois\\b| ?ans\\b| ?jours?\\b|\\d)';
const TARGET =
  `(?:(?:ce |cet |cette )?(?:${WEEKDAY})s?(?: (?:prochain|prochaine|d apres))?(?: ${DAY_NUMBER}(?: (?:${MONTH}))?)?(?: ${PART})?` +
  `|(?:ce |cet |cette )?${PART}` +
  `|(?:apres demain|demain|aujourd hui)(?: ${PART})?` +
  `|(?:le |du )${DAY_NUMBER}(?: (?:${MONTH}))?(?: ${PART})?)`;
const ARTICLE = '(?:le |les |la |l |du |des |au |en )?';
/**
 * « pourquoi pas lundi » is for Monday; so is « vous avez pas lundi ? », « y a
 * pas le matin ? », « vous auriez pas l'aprem » — asking whether there are
 * sessions then is asking for them, not against them.
 */
const ASKS_WHETHER = '(?:pourquoi|avez|auriez|avez vous|auriez vous|y a|y en a|ya|yen a|y aurait|y en aurait|n y a|n y en a|n y aurait)';
const AGAINST = `(?<!\\b${ASKS_WHETHER} )\\b(?:pas(?: dispo(?:nible)?s?| libre| possible)?|sauf|jamais|hormis|excepte|hors|ni|indisponible|en dehors(?: de| d|))`;
const SAID_AGAINST = new RegExp(`${AGAINST} ${ARTICLE}(${TARGET})\\b`, 'g');
/** « pas lundi ou mardi », « pas le lundi et le mardi »: the days said with the first. */
const AND_THEN = new RegExp(`^ (?:et|ou|ni)(?: ni)? ${ARTICLE}(${TARGET})\\b`);
/** « le lundi c'est pas possible », « le matin ça ne va pas » — not « lundi pas de souci ». */
const SAID_AGAINST_AFTER = new RegExp(
  `\\b${ARTICLE}((?:${WEEKDAY})s?(?: ${PART})?|${PART}) (?:(?:ca|c|ce|je|j|ne|n|est|va|me|peux|suis|sera|serait|dispo|disponible|possible|libre|moi|pour) )*(?:pas|jamais|impossible)\\b(?! mal\\b| de souci| de soucis| de probleme| de pb| grave| de preference)`,
  'g',
);

export interface SaidAgainst {
  /** Each thing said against, without its article: « lundi », « lundi prochain », « matin », « le 15 ». */
  targets: string[];
  /** The message without those words. */
  rest: string;
}

/** What a normalised message says against, if anything. */
export function saidAgainst(said: string): SaidAgainst | undefined {
  const targets: string[] = [];
  let rest = said;
  const cut = (from: number, to: number) => {
    rest = `${rest.slice(0, from)} ${' '.repeat(Math.max(0, to - from - 1))}${rest.slice(to)}`;
  };
  for (const match of said.matchAll(SAID_AGAINST)) {
    targets.push(match[1]);
    let end = match.index + match[0].length;
    for (let next = AND_THEN.exec(said.slice(end)); next; next = AND_THEN.exec(said.slice(end))) {
      targets.push(next[1]);
      end += next[0].length;
    }
    cut(match.index, end);
  }
  for (const match of rest.matchAll(SAID_AGAINST_AFTER)) {
    targets.push(match[1]);
    cut(match.index, match.index + match[0].length);
  }
  if (targets.length === 0) return undefined;
  return { targets: targets.map((t) => t.replace(/^(?:le|du) /, 'le ')), rest: rest.replace(/\s+/g, ' ').trim() };
}
