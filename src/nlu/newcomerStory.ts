/**
 * « bonjour je m'appelle Jeanne, j'ai 78 ans, je vis seule à Florac et mon
 * fils m'a dit que je pouvais avoir de l'aide pour apprendre à me servir de
 * ma tablette »: a person telling who they are — an age, a situation (« je
 * suis au RSA », « à la retraite »), where they live — in a long message
 * that names nothing of an account of theirs (no carnet, no hours, no
 * session), or one such fact and a plain call for help (« j'ai 70 ans
 * j'ai besoin d'aide pour Ameli »). That is a
 * newcomer: whether the pass is for them comes first, not a carnet number
 * they never said they have. The intent model, reading the words one by one,
 * took such a story for « mes rendez-vous » or « mes heures » (« j'ai »,
 * « m'a dit »). The account words live in locales/fr/intents.json
 * (`newcomerStory`), matched as whole words.
 */
import { french } from '../i18n';
import { ageIn } from './ageEntity';
import type { Intent } from './intentModel';
import { normalize } from './normalize';
import type { Understanding } from './understand';

/** Up to this many words, a fact said alone is read as such (placeOrFactAtMenu); a story is longer. */
const STORY_MIN_WORDS = 9;
/** « j'ai 70 ans, j'ai besoin d'aide pour Ameli »: one fact and a call for help is a story from this many words. */
const HELP_STORY_MIN_WORDS = 5;

/**
 * What the model may read a story as, when it is wrong: a request about one's own account, nothing, or the
 * bot's help text (« j'ai besoin d'aide »: help with digital tools, not with the bot). Other requests stand.
 */
const MISREAD_AS: ReadonlySet<Intent> = new Set<Intent>([
  'balance',
  'my_bookings',
  'book',
  'move_booking',
  'cancel_booking',
  'unknown',
  'greeting',
  'menu',
  'help',
]);

interface Lexicon {
  accountWords: string[];
  hearsay: string[];
  helpAsked: string[];
}

let lexicon: Lexicon | undefined;

function words(): Lexicon {
  if (!lexicon) {
    const raw = french()('intents:newcomerStory', { returnObjects: true }) as Partial<Lexicon>;
    lexicon = {
      accountWords: (raw.accountWords ?? []).map(normalize),
      hearsay: (raw.hearsay ?? []).map(normalize),
      helpAsked: (raw.helpAsked ?? []).map(normalize),
    };
  }
  return lexicon;
}

/**
 * The person tells their own story and names no account of theirs: the
 * eligibility, with what they said. A story is two facts of one's life (an
 * age, a situation, where one lives), or one and what someone told them of
 * the help (« mon fils m'a dit que je pouvais… »); one fact and a wish to
 * learn (« je suis à la retraite, je voudrais apprendre les visios ») may
 * come from someone with a carnet, who is asked for it.
 */
export function tellsNewcomerStory(understanding: Understanding): boolean {
  const { text, entities, intent } = understanding;
  if (!MISREAD_AS.has(intent) || entities.voucherBookNumber || entities.birthDate || entities.whatIs) return false;
  const said = ` ${normalize(text)
    .replace(/[?!.,;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
  const count = said.trim().split(' ').length;
  if (count < HELP_STORY_MIN_WORDS) return false;
  const holds = (phrases: readonly string[]) => phrases.some((phrase) => said.includes(` ${phrase} `));
  const { accountWords, hearsay, helpAsked } = words();
  if (holds(accountWords)) return false;
  const ofLife = [ageIn(text) !== undefined, (entities.situations ?? []).length > 0];
  // An age or a situation and a plain call for help: someone new, who is not asked for a carnet (a commune alone may be a search's).
  if (ofLife.some(Boolean) && holds(helpAsked)) return true;
  const facts = [...ofLife, entities.commune !== undefined].filter(Boolean);
  if (count < STORY_MIN_WORDS) return false;
  return facts.length >= 2 || (facts.length === 1 && holds(hearsay));
}
