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
  /** A scam, a suspicious message, a hacked account: the safety answer, never a request for personal details. */
  'scam',
  /** Another carnet, more hours: answered from the person's carnet (expired, used up) or the programme's rule. */
  'renew',
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
  // « en fait », « laissez tomber »: an opener may be two words.
  for (;;) {
    if (first < words.length && openers.has(words[first])) first += 1;
    else if (first + 1 < words.length && openers.has(`${words[first]} ${words[first + 1]}`)) first += 2;
    else break;
  }
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

let properNames: ReadonlySet<string> | undefined;

/**
 * Words the training phrases only ever write with a capital, never first in
 * the phrase (« le train pour Paris », « la météo à Lyon »): names of places,
 * not ordinary words, though the phrases hold them. Normalised as commune names are.
 */
export function namesInTraining(): ReadonlySet<string> {
  if (!properNames) {
    const capitalised = new Set<string>();
    const lower = new Set<string>();
    for (const phrase of Object.values(trainingPhrases()).flat()) {
      phrase
        .split(/[\s'’,.;:!?()-]+/)
        .filter(Boolean)
        .forEach((word, i) => {
          const key = normalizeName(word);
          if (/^\p{Lu}/u.test(word)) {
            if (i > 0) capitalised.add(key);
          } else lower.add(key);
        });
    }
    properNames = new Set([...capitalised].filter((word) => !lower.has(word)));
  }
  return properNames;
}

const lists = new Map<string, string[]>();

/** Whether the sentence holds one of the phrases of `intents:<key>` (a list; whole words, normalised). */
function holdsPhraseOf(key: string, text: string): boolean {
  let phrases = lists.get(key);
  if (!phrases) {
    phrases = (french()(`intents:${key}`, { returnObjects: true }) as string[]).map(normalize);
    lists.set(key, phrases);
  }
  const words = ` ${normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;
  return phrases.some((phrase) => words.includes(` ${phrase} `));
}

const holdsEvidence = (key: string, text: string) => holdsPhraseOf(`${key}.evidence`, text);

/**
 * The sentence names a professional role or structure, or asks for a
 * professional's access (`proAccess.evidence`): « travailleuse sociale »,
 * « CCAS », « un accès ». Without it, pro_access is no reading of it.
 */
export function saysProfessional(text: string): boolean {
  return holdsEvidence('proAccess', text);
}

/**
 * The sentence asks for someone (`humanRequest.evidence`): a person, a
 * call, a number. « le téléphone », « apprendre le téléphone » name a
 * subject to learn, not a call: without it, human is no reading of it.
 */
export function asksForSomeone(text: string): boolean {
  return holdsEvidence('humanRequest', text);
}

/**
 * The sentence tells of a scam (`scamReport.evidence`): a fraud, a secret
 * asked for, a suspicious message or link, a hacked account. Without it,
 * scam is no reading of it.
 */
export function tellsOfScam(text: string): boolean {
  return holdsEvidence('scamReport', text) || namesScam(text);
}

/** « arnaque », « piraté », « faux conseiller », « code de carte » (`scamReport.strong`): a fraud said in so many words. */
export function namesScam(text: string): boolean {
  return holdsPhraseOf('scamReport.strong', text);
}

/**
 * « c'est pour moi ? », « est-ce que c'est pour moi ? » (`forThem.phrases`):
 * whether the pass is for the person, in function words only, which say
 * nothing to the model (it reads them as no intent at all).
 */
export function asksIfForThem(text: string): boolean {
  return holdsPhraseOf('forThem.phrases', text);
}

/** Longer messages say more than wanting another carnet. */
const MAX_RENEWAL_WORDS = 20;

/**
 * « mon carnet est fini », « un autre chéquier », « des heures en plus »: a
 * word of the carnet and a word of its end or of more (`renewal`), and no
 * word asking how many hours are left.
 */
export function asksForMoreHours(text: string): boolean {
  if (normalize(text).split(' ').length > MAX_RENEWAL_WORDS) return false;
  return holdsPhraseOf('renewal.subjects', text) && holdsPhraseOf('renewal.states', text) && !holdsPhraseOf('renewal.balanceWords', text);
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
