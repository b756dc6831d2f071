/**
 * « je suis la fille de Gérard il veut savoir ce qui lui reste comme heures »,
 * « c pour ma voisine odette elle a un rdv jeudi »: someone writes for a
 * relative or a neighbour. The request is that person's own (their hours,
 * their sessions), said in the third person, which the intent model never
 * learnt: « ce qui lui reste » read as the access log, « son rdv » as a
 * booking. `ownWords` gives the model the request as the person would say it.
 * Word lists in locales/fr/intents.json (`speakingFor`), normalised, whole words.
 */
import { french } from '../i18n';
import { normalize } from './normalize';

interface Lexicon {
  intros: string[];
  ownWords: [string, string][];
}

let lexicon: Lexicon | undefined;

function words(): Lexicon {
  if (!lexicon) {
    const raw = french()('intents:speakingFor', { returnObjects: true }) as {
      relatives: string[];
      intros: string[];
      ownWords: Record<string, string>;
    };
    const relatives = raw.relatives.map(normalize);
    const intros = raw.intros.flatMap((intro) => relatives.map((r) => normalize(intro.replace('{r}', r))));
    // Longest first: « ce qui lui reste » before « lui reste ».
    const ownWords = Object.entries(raw.ownWords)
      .map(([from, to]) => [normalize(from), normalize(to)] as [string, string])
      .sort((a, b) => b[0].length - a[0].length);
    lexicon = { intros: intros.sort((a, b) => b.length - a.length), ownWords };
  }
  return lexicon;
}

const padded = (text: string) => ` ${normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;

/** The message says it is written for someone else (« je suis la fille de … », « c'est pour ma voisine »). */
export function speaksForSomeoneElse(text: string | undefined): boolean {
  if (!text) return false;
  const said = padded(text);
  return words().intros.some((intro) => said.includes(` ${intro} `));
}

/**
 * The request as the person it is for would write it: the « je suis la fille
 * de Gérard » said first left out, the third person of the hours and sessions
 * made the first (« il lui reste » → « il me reste », « son rdv » → « mon
 * rdv »). The text itself when none of that is in it.
 */
export function inOwnWords(text: string): string {
  const { intros, ownWords } = words();
  let said = padded(text);
  let changed = false;
  for (const intro of intros) {
    const at = said.indexOf(` ${intro} `);
    if (at < 0) continue;
    // The intro, and the name after it (« de gerard », « ma voisine odette »), when one follows.
    const after = said.slice(at + intro.length + 2).split(' ');
    const name = after[0] && !FUNCTION_WORDS.has(after[0]) ? `${after[0]} ` : '';
    said = `${said.slice(0, at)} ${said.slice(at + intro.length + 2 + name.length)}`;
    changed = true;
    break;
  }
  for (const [from, to] of ownWords) {
    if (said.includes(` ${from} `)) {
      said = said.split(` ${from} `).join(` ${to} `);
      changed = true;
    }
  }
  return changed ? said.replace(/\s+/g, ' ').trim() : text;
}

/** Words after « c pour ma voisine » that are the request, not her name. */
const FUNCTION_WORDS = new Set([
  'il',
  'elle',
  'qui',
  'et',
  'a',
  'de',
  'je',
  'j',
  'c',
  'ce',
  'pour',
  'veut',
  'voudrait',
  'demande',
  'est',
  'sur',
  'ne',
  'n',
  'y',
]);
