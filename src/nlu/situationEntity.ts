/**
 * The personal situation someone states when asking whether the pass is
 * for them: « je suis agriculteur dans la drome » → farmer (explicitly
 * welcome in the Drôme), « demandeur d'emploi », « retraitée », « au RSA »,
 * « je vois l'assistante sociale » → social_worker (followed by one, who
 * can give a carnet). « je suis assistante sociale » says a job, not a
 * situation: words of `situationSelf` just before the situation's words
 * take it back. Word lists: locales/fr/intents.json (`situations`,
 * `situationSelf`).
 */
import type { Situation } from '../domain/programme';
import { french } from '../i18n';
import { findSignals } from './conversationSignals';
import { normalize } from './normalize';

export type { Situation };

interface SituationWords {
  situation: Situation;
  words: string[];
  /** What, said just before the words, makes them the speaker's job. */
  self: string[];
}

let table: SituationWords[] | undefined;

function normalizedLists(key: string): Record<string, string[]> {
  const raw = french()(key, { returnObjects: true }) as Record<string, string[] | string> | string;
  if (typeof raw !== 'object') return {};
  const lists: Record<string, string[]> = {};
  for (const [name, words] of Object.entries(raw)) if (Array.isArray(words)) lists[name] = words.map(normalize);
  return lists;
}

function situationWords(): SituationWords[] {
  if (!table) {
    const self = normalizedLists('intents:situationSelf');
    table = Object.entries(normalizedLists('intents:situations')).map(([situation, words]) => ({
      situation: situation as Situation,
      words,
      self: self[situation] ?? [],
    }));
  }
  return table;
}

let denials: string[] | undefined;

/** « pas de », « aucun », « sans »: said just before a situation's words, they deny it (« jai pas de travailleur social »). */
function denialWords(): string[] {
  denials ??= (french()('intents:situationDenials', { returnObjects: true }) as string[]).map(normalize);
  return denials;
}

/** How the situation's `words` stand in the padded text: said of oneself, denied, or not at all (a job: `self`). */
function standing(padded: string, { words, self }: SituationWords): 'stated' | 'denied' | undefined {
  let found: 'denied' | undefined;
  for (const word of words) {
    for (let at = padded.indexOf(` ${word} `); at >= 0; at = padded.indexOf(` ${word} `, at + 1)) {
      const before = padded.slice(0, at + 1);
      if (self.some((opener) => before.endsWith(` ${opener} `))) continue;
      if (denialWords().some((denial) => before.endsWith(` ${denial} `))) found = 'denied';
      else return 'stated';
    }
  }
  return found;
}

function states(padded: string, entry: SituationWords): boolean {
  return standing(padded, entry) === 'stated';
}

/** « jai pas de travailleur social », « je connais pas d'assistante sociale »: the situation said not to be the person's. */
export function deniesSituation(text: string, situation: Situation): boolean {
  const entry = situationWords().find((e) => e.situation === situation);
  return !!entry && !findSignals(text).has('whatIs') && standing(paddedText(text), entry) === 'denied';
}

/** Any situation said not to be the person's (« je suis pas au rsa », « pas d'assistante sociale »). */
export function deniesAnySituation(text: string): boolean {
  if (findSignals(text).has('whatIs')) return false;
  const padded = paddedText(text);
  return situationWords().some((entry) => standing(padded, entry) === 'denied');
}

function paddedText(text: string): string {
  return ` ${normalize(text)
    .replace(/[?!.,;:]/g, ' ')
    .replace(/\s+/g, ' ')} `;
}

/** Every situation the message states, in the order of the word lists; none in a question about a word (« c'est quoi le RSA ? »). */
export function findSituations(text: string): Situation[] {
  return findSignals(text).has('whatIs') ? [] : situationsNamed(text);
}

/** « c'est quoi un travailleur social ? »: the situations whose words a « what is » question asks about. */
export function situationsAskedAbout(text: string): Situation[] {
  return findSignals(text).has('whatIs') ? situationsNamed(text) : [];
}

function situationsNamed(text: string): Situation[] {
  const padded = paddedText(text);
  return situationWords()
    .filter((entry) => states(padded, entry))
    .map(({ situation }) => situation);
}

/** The person says they are followed by a social worker (« je vois l'assistante sociale »). */
export function saysSocialWorker(text: string): boolean {
  return findSituations(text).includes('social_worker');
}
