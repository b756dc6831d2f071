/**
 * The subject a sentence asks help for ("pour mes impôts", "le smartphone"),
 * as a fragment of the national service labels that places publish, with
 * the words to say it back. Word lists live in locales/fr/themes.json.
 */
import { french } from '../i18n';
import { normalize } from './normalize';

export interface ThemeMatch {
  /** Fragment of a national service label, e.g. "démarches administratives". */
  service: string;
  /** How to name it to the person, e.g. "les démarches en ligne". */
  label: string;
}

type Keywords = Record<string, { label: string; words: string[] }>;

export function themeInSentence(text: string): ThemeMatch | undefined {
  const keywords = french()('themes:keywords', { returnObjects: true }) as Keywords;
  const said = ` ${normalize(text)} `;
  for (const [service, { label, words }] of Object.entries(keywords)) {
    if (words.some((word) => said.includes(` ${normalize(word)} `))) return { service, label };
  }
  return undefined;
}
