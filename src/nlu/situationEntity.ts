/**
 * The personal situation someone states when asking whether the pass is
 * for them: « je suis agriculteur dans la drome » → farmer (explicitly
 * welcome in the Drôme), « demandeur d'emploi », « retraitée », « au RSA ».
 * Word lists: locales/fr/intents.json (`situations`).
 */
import type { Situation } from '../domain/programme';
import { french } from '../i18n';
import { normalize } from './normalize';

export type { Situation };

let table: [Situation, string[]][] | undefined;

function situationWords(): [Situation, string[]][] {
  if (!table) {
    const raw = french()('intents:situations', { returnObjects: true }) as Record<string, string[] | string>;
    table = Object.entries(raw)
      .filter((entry): entry is [Situation, string[]] => Array.isArray(entry[1]))
      .map(([situation, words]) => [situation, words.map(normalize)]);
  }
  return table;
}

/** Every situation the message states, in the order of the word lists. */
export function findSituations(text: string): Situation[] {
  const padded = ` ${normalize(text).replace(/\?/g, ' ')} `;
  return situationWords()
    .filter(([, words]) => words.some((w) => padded.includes(` ${w} `)))
    .map(([situation]) => situation);
}
