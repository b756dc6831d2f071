/**
 * The French the intent model learns from, read from locales/fr/intents.json
 * (the "intents" namespace): training phrases per intent, SMS shorthand
 * ("rdv", "cb", "jvoudrais"), yes/no words and number words. Language data
 * stays with the other French texts, so it is edited without touching code.
 */
import { french } from '../i18n';
import { normalizeName } from '../domain/communes';
import { normalize } from './normalize';

export const INTENTS = [
  'greeting',
  'about',
  'eligibility',
  'find_place',
  'balance',
  'book',
  'my_bookings',
  /** Another day or hour for a session already booked: never the same as cancelling it. */
  'move_booking',
  'cancel_booking',
  'human',
  'privacy',
  /** « qui a vu mes infos »: the access log, not erasure. */
  'access_log',
  'help',
  'menu',
  'bye',
  'prescribe',
  /** A professional (social worker, mediator) asking how to get their own access. */
  'pro_access',
  'unknown',
] as const;

export type Intent = (typeof INTENTS)[number];

export function isIntent(value: string): value is Intent {
  return (INTENTS as readonly string[]).includes(value);
}

function object<T>(key: string): T {
  const value = french()(`intents:${key}`, { returnObjects: true }) as unknown;
  if (typeof value !== 'object' || value === null) throw new Error(`locale key is not an object: intents:${key}`);
  return value as T;
}

/** Training phrases of every intent; each intent must have some. */
export function trainingPhrases(): Record<Intent, string[]> {
  const phrases = object<Record<string, string[]>>('phrases');
  for (const intent of INTENTS) {
    if (!Array.isArray(phrases[intent]) || phrases[intent].length === 0) {
      throw new Error(`intents.json: no training phrases for ${intent}`);
    }
  }
  return phrases;
}

/** Greetings and forms of address a request may open with (« bonjour madame, … »), normalised. */
export function openerWords(): ReadonlySet<string> {
  return new Set(object<{ words: string[] }>('openers').words);
}

/**
 * The request after an opening greeting (« bonjour je voudrais prendre rdv »
 * → « je voudrais prendre rdv »), when at least two words follow; else the
 * text as it is. A greeting says nothing of what is asked, and the small model
 * let it outweigh the request in a long sentence.
 */
export function afterOpeners(text: string, openers: ReadonlySet<string>): string {
  const words = normalize(text).split(' ');
  let first = 0;
  while (first < words.length && openers.has(words[first])) first += 1;
  return first > 0 && words.length - first >= 2 ? words.slice(first).join(' ') : text;
}

let ordinary: ReadonlySet<string> | undefined;

/**
 * Words that mean themselves, never a commune typed with a slip: every word
 * of the training phrases, of the shorthand and of the openers, and the
 * common words one letter from a served commune's name (`ordinaryWords`:
 * « monde », « cest », « grande »). Normalised as commune names are.
 */
export function ordinaryWords(): ReadonlySet<string> {
  if (!ordinary) {
    const texts = [
      ...Object.values(trainingPhrases()).flat(),
      ...Object.entries(shorthand()).flat(),
      ...openerWords(),
      ...object<{ words: string[] }>('ordinaryWords').words,
    ];
    ordinary = new Set(texts.flatMap((text) => normalizeName(text).split(' ')));
  }
  return ordinary;
}

let proEvidence: string[] | undefined;

/**
 * The sentence names a professional role or structure, or asks for a
 * professional's access (`proAccess.evidence`): « travailleuse sociale »,
 * « CCAS », « un accès ». Without it, pro_access is no reading of it.
 */
export function saysProfessional(text: string): boolean {
  proEvidence ??= object<{ evidence: string[] }>('proAccess').evidence.map(normalize);
  const words = ` ${normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;
  return proEvidence.some((phrase) => words.includes(` ${phrase} `));
}

/** SMS shorthand → plain words, both sides already lower case. */
export function shorthand(): Record<string, string> {
  return object<Record<string, string>>('shorthand');
}

export function yesNoWords(): { yes: string[]; no: string[] } {
  return object<{ yes: string[]; no: string[] }>('yesNo');
}

/** "deux" → 2, "deuxieme" → 2, "dernier" → -1 (the last one). */
export function numberWords(): Record<string, number> {
  return object<Record<string, number>>('numberWords');
}
