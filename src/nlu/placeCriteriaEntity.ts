/**
 * What a sentence asks of a place besides a subject: « accessible en
 * fauteuil », « gratuit », « pour les seniors » — as the national schema's
 * values (domain/placeCriteria.ts) and the words to say them back. Word
 * lists live in locales/fr/placeCriteria.json.
 */
import type { PlaceCriteria } from '../domain/placeCriteria';
import { french } from '../i18n';
import { normalize } from './normalize';

interface Entry {
  label: string;
  words: string[];
}

interface Lexicon {
  support: Record<string, Entry>;
  audiences: Record<string, Entry>;
  free: Entry;
}

export interface CriteriaMatch {
  criteria: PlaceCriteria;
  /** How to name them to the person: "accueil des personnes en fauteuil roulant, gratuit". */
  labels: string[];
}

export function placeCriteriaInSentence(text: string): CriteriaMatch | undefined {
  const lexicon = french()('placeCriteria:support', { returnObjects: true }) as Lexicon['support'];
  const audiences = french()('placeCriteria:audiences', { returnObjects: true }) as Lexicon['audiences'];
  const free = french()('placeCriteria:free', { returnObjects: true }) as Entry;
  const said = ` ${normalize(text)} `;
  const heard = (entry: Entry) => entry.words.some((word) => said.includes(` ${normalize(word)} `));
  const criteria: PlaceCriteria = {};
  const labels: string[] = [];
  for (const [value, entry] of Object.entries(lexicon)) {
    if (!heard(entry)) continue;
    (criteria.support ??= []).push(value);
    labels.push(entry.label);
  }
  for (const [value, entry] of Object.entries(audiences)) {
    if (!heard(entry)) continue;
    (criteria.audiences ??= []).push(value);
    labels.push(entry.label);
  }
  if (heard(free)) {
    criteria.free = true;
    labels.push(free.label);
  }
  return labels.length > 0 ? { criteria, labels } : undefined;
}
