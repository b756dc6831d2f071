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

let table: { service: string; label: string; words: string[] }[] | undefined;

export function themeInSentence(text: string): ThemeMatch | undefined {
  // Read once: i18next copies the object on every lookup, and this runs on every message.
  table ??= Object.entries(french()('themes:keywords', { returnObjects: true }) as Keywords).map(([service, { label, words }]) => ({
    service,
    label,
    words: words.map(normalize),
  }));
  const said = ` ${normalize(text)} `;
  for (const { service, label, words } of table) {
    if (words.some((word) => said.includes(` ${word} `))) return { service, label };
  }
  return undefined;
}
