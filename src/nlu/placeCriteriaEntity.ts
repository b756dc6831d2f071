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

export interface CriteriaMatch {
  criteria: PlaceCriteria;
  /** How to name them to the person: "accueil des personnes en fauteuil roulant, gratuit". */
  labels: string[];
}

/** The word lists, each word normalised as the sentence is: read once (every free-text turn asks), not at every call. */
let normalised: { support: [string, Entry][]; audiences: [string, Entry][]; free: Entry } | undefined;

function lexicon(): NonNullable<typeof normalised> {
  if (normalised) return normalised;
  const words = (entry: Entry): Entry => ({ label: entry.label, words: entry.words.map((word) => ` ${normalize(word)} `) });
  const table = (key: string) =>
    Object.entries(french()(key, { returnObjects: true }) as Record<string, Entry>).map(([value, entry]): [string, Entry] => [
      value,
      words(entry),
    ]);
  normalised = {
    support: table('placeCriteria:support'),
    audiences: table('placeCriteria:audiences'),
    free: words(french()('placeCriteria:free', { returnObjects: true }) as Entry),
  };
  return normalised;
}

export function placeCriteriaInSentence(text: string): CriteriaMatch | undefined {
  const { support, audiences, free } = lexicon();
  const said = ` ${normalize(text)} `;
  const heard = (entry: Entry) => entry.words.some((word) => said.includes(word));
  const criteria: PlaceCriteria = {};
  const labels: string[] = [];
  for (const [value, entry] of support) {
    if (!heard(entry)) continue;
    (criteria.support ??= []).push(value);
    labels.push(entry.label);
  }
  for (const [value, entry] of audiences) {
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
