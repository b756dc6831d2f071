/**
 * Which theme of a programme's own catalogue a message asks for: « je
 * voudrais aprendre a faire ma declaration PAC » → « Démarches en ligne des
 * agriculteurs (MSA, déclaration PAC) », « mes impots en ligne » →
 * « Déclarer ses impôts en ligne », « internet et mail » (Lozère) →
 * « Compétences de base ». The words are the theme's label and the
 * synonyms of locales/fr/themes.json (`catalogue`, by theme id).
 *
 * Each word weighs 1 / (number of themes that use it): « pac » points to
 * one theme, « ligne » to eight. A word typed with a typo (edit distance 1,
 * 2 from 8 letters, same first two letters) counts as the word. The best
 * theme must weigh at least MIN_SCORE and beat the next one; otherwise the
 * close ones are given as candidates for the dialog to offer.
 */
import { StopwordsFr } from '@nlpjs/lang-fr';
import { leven } from '@nlpjs/similarity';
import type { Theme } from '../domain/programme';
import { french } from '../i18n';
import { normalize } from './normalize';

/** A theme of the programme's catalogue, as understood in a message (`id` is the catalogue's). */
export interface ThemeEntity extends Theme {
  score: number;
  /** Themes nearly as likely (ties included), best first: offer them when `id` is not sure. */
  candidates: Theme[];
}

const MIN_SCORE = 0.45;
const MIN_WORD_LENGTH = 2;
/** Words every request has (« apprendre », « faire », « rendez-vous »…) say nothing about the theme. */
const REQUEST_WORDS = new Set([
  'apprendre',
  'faire',
  'voudrais',
  'veux',
  'aide',
  'aider',
  'besoin',
  'savoir',
  'utiliser',
  'sujet',
  'theme',
  'seance',
  'formation',
  'cours',
  'rendez',
  'vous',
  'rdv',
  'prendre',
  'reserver',
  'reservation',
  // What is done with a booking: « la déplacer » is no typo of « déclarer » (impôts).
  'deplacer',
  'annuler',
  'reporter',
  'decaler',
  'comment',
  'mon',
  'ma',
  'mes',
  'ses',
  'son',
  'sa',
  // « un rdv avec mon pass »: the programme's own name, never « mots de passe » by a typo.
  'pass',
  'carnet',
  'chequier',
]);
const STOPWORDS = new Set(Object.keys(new StopwordsFr().dictionary).map(normalize));

let synonyms: Record<string, string[]> | undefined;

function synonymsOf(id: string): string[] {
  synonyms ??= french()('themes:catalogue', { returnObjects: true }) as Record<string, string[]>;
  const list = synonyms[id];
  return Array.isArray(list) ? list : [];
}

function contentWords(text: string): string[] {
  return normalize(text)
    .replace(/\?/g, ' ')
    .split(' ')
    .filter((w) => w.length >= MIN_WORD_LENGTH && !STOPWORDS.has(w) && !REQUEST_WORDS.has(w));
}

/** Same word, a plural, or a typo of it. */
function sameWord(said: string, known: string): boolean {
  if (said === known || said === `${known}s` || known === `${said}s`) return true;
  if (known.length < 5 || said.charCodeAt(0) !== known.charCodeAt(0) || said.charCodeAt(1) !== known.charCodeAt(1)) return false;
  const allowed = known.length >= 8 ? 2 : 1;
  return Math.abs(said.length - known.length) <= allowed && leven(said, known) <= allowed;
}

interface Indexed {
  themes: Theme[];
  words: Set<string>[];
  weight: Map<string, number>;
  /** Every known word by its first two letters: sameWord() is only ever true between words that share them. */
  byPrefix: Map<string, string[]>;
}

const indexes = new WeakMap<readonly Theme[], Indexed>();

function indexOf(catalogue: readonly Theme[]): Indexed {
  let indexed = indexes.get(catalogue);
  if (!indexed) {
    // The label people read and the programme's official name alike (« Accès aux droits » as well as « Démarches en ligne »).
    const words = catalogue.map(
      (t) => new Set([t.label, ...(t.officialName ? [t.officialName] : []), ...synonymsOf(t.id)].flatMap(contentWords)),
    );
    const counts = new Map<string, number>();
    for (const set of words) for (const w of set) counts.set(w, (counts.get(w) ?? 0) + 1);
    const weight = new Map([...counts].map(([w, n]) => [w, 1 / n]));
    const byPrefix = new Map<string, string[]>();
    for (const w of counts.keys()) byPrefix.set(w.slice(0, 2), [...(byPrefix.get(w.slice(0, 2)) ?? []), w]);
    indexed = { themes: [...catalogue], words, weight, byPrefix };
    indexes.set(catalogue, indexed);
  }
  return indexed;
}

export function findCatalogueTheme(text: string, catalogue: readonly Theme[]): ThemeEntity | undefined {
  if (catalogue.length === 0) return undefined;
  const said = contentWords(text);
  if (said.length === 0) return undefined;
  const { themes, words, weight, byPrefix } = indexOf(catalogue);
  // The known words the message says (or a plural or typo of), looked up among those sharing its first two letters.
  const matched = new Set<string>();
  for (const w of said) for (const known of byPrefix.get(w.slice(0, 2)) ?? []) if (sameWord(w, known)) matched.add(known);
  if (matched.size === 0) return undefined;
  const scored = themes
    .map((theme, i) => {
      let score = 0;
      for (const known of words[i]) if (matched.has(known)) score += weight.get(known) ?? 0;
      return { theme, score };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best || best.score < MIN_SCORE) return undefined;
  const close = scored.filter((s) => s.score >= best.score * 0.75);
  return {
    id: best.theme.id,
    label: best.theme.label,
    ...(best.theme.officialName ? { officialName: best.theme.officialName } : {}),
    score: Math.round(best.score * 100) / 100,
    candidates: close.map((s) => s.theme),
  };
}
