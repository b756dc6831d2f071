/**
 * A simulated person for the random walk: reads what the bot just said and
 * answers as people do — an offered option by number, by its label or in a
 * sentence, a date or a commune in their own words, a carnet (right or
 * mistyped), a change of topic, « ? », « ok », nonsense, a goodbye. Seeded,
 * so a failing walk replays exactly (WALK_SEED=<seed>).
 */
import type { Rng } from '../reliability/fuzzCases';
import { GERARD, MARTINE, SYLVIE } from '../support/personas';

export const PEOPLE = [MARTINE, GERARD, SYLVIE] as const;

const int = (rng: Rng, max: number) => Math.floor(rng() * max);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)];

/** Goodbyes: the only messages after which « au revoir » may be said. */
export const GOODBYES = ['au revoir', 'merci au revoir', 'bonne journee au revoir', 'Au revoir et merci'];

const TOPICS = [
  'mes heures',
  'il me reste combien d heures',
  'reserver une seance',
  'je voudrais un rdv',
  'mes rendez-vous',
  'trouver un lieu',
  'un lieu pres de chez moi',
  "c'est quoi le pass numerique",
  'suis je eligible',
  'deplacer mon rdv',
  'annuler mon rendez-vous',
  "parler a quelqu'un",
  'mes donnees',
  'je voudrais un rendez-vous a Florac jeudi apres-midi',
  'rdv demain 10h',
  "je vois l'assistante sociale",
  "j'ai pas de carnet",
];
const DATES = [
  'demain',
  'jeudi aprem',
  'le 15',
  'lundi matin',
  'dans 15 jours',
  'hier matin',
  'mardi 15',
  'en janvier',
  'vendredi 10h',
  'le 5 janvier',
  'un autre jour',
  'samedi',
];
const COMMUNES = [
  'mende',
  'pres de florac',
  'a cote de Die',
  'romans',
  '48000',
  'valence',
  'langogne',
  'crest',
  'marvejols',
  'pas loin de Nyons',
];
const SMALL = ['menu', 'aide', 'annuler', '?', 'ok', 'je sais pas', 'oui', 'non', 'MENU', 'Annule', 'je sais plus', 'merci'];
const NONSENSE = ['azerty', '😀', '....', 'qsdfghjk', '12345678', '&&&', 'blabla bla', ' '];
const BIRTHS_WRONG = ['01/01/1950', '31/02/1960', '120458', 'hier'];
const WRONG_VOUCHER_BOOKS = ['LOZ-MEND-E4X', 'DRO-1234', "j'ai pas de carnet", "j'ai perdu mon carnet"];

/** The numbered options of a reply: « 1. Réserver une séance » → [1, 'Réserver une séance']. */
export function offeredOptions(texts: readonly string[]): { n: number; label: string }[] {
  const options: { n: number; label: string }[] = [];
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const match = /^(\d{1,2})\. (.+)$/.exec(line.trim());
      if (match) options.push({ n: Number(match[1]), label: match[2] });
    }
  }
  return options;
}

/** How an elderly person might retype a label: lower case, no accents, sometimes a typo. */
function retyped(rng: Rng, label: string): string {
  let text = label.toLowerCase();
  if (rng() < 0.7) text = text.normalize('NFD').replace(/\p{M}/gu, '');
  if (rng() < 0.2 && text.length > 5) {
    const at = 1 + int(rng, text.length - 2);
    text = text.slice(0, at) + text.slice(at + 1);
  }
  return text;
}

/** What the person remembers of the conversation: whose carnet they gave. */
export interface Memory {
  person?: (typeof PEOPLE)[number];
}

/** The next message the person sends, given the bot's last replies. */
export function nextMessage(rng: Rng, lastTexts: readonly string[], memory: Memory = {}): string {
  const options = offeredOptions(lastTexts);
  const asked = lastTexts.join('\n');
  // Mostly, people answer the question they are asked: that is how a walk gets deep into a flow.
  if (/num[ée]ro de votre (carnet|ch[ée]quier)/i.test(asked) && rng() < 0.6) {
    memory.person = pick(rng, PEOPLE);
    return rng() < 0.8 ? memory.person.voucherBookNumber : memory.person.voucherBookNumber.toLowerCase().replace(/-/g, ' ');
  }
  if (/date de naissance/i.test(asked) && memory.person && rng() < 0.7) return memory.person.birth;
  const roll = rng();
  if (options.length > 0 && roll < 0.35) return String(pick(rng, options).n);
  if (options.length > 0 && roll < 0.45) return retyped(rng, pick(rng, options).label);
  if (roll < 0.55) {
    const person = pick(rng, PEOPLE);
    const r = rng();
    if (r < 0.4) return person.voucherBookNumber;
    if (r < 0.7) return person.birth;
    return r < 0.85 ? pick(rng, WRONG_VOUCHER_BOOKS) : pick(rng, BIRTHS_WRONG);
  }
  if (roll < 0.65) return pick(rng, DATES);
  if (roll < 0.72) return pick(rng, COMMUNES);
  if (roll < 0.82) return pick(rng, SMALL);
  if (roll < 0.92) return pick(rng, TOPICS);
  if (roll < 0.96) return pick(rng, NONSENSE);
  return pick(rng, GOODBYES);
}
