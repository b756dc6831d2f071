/**
 * French prepositions before a name, as a reader expects them: « de » and
 * « à » contract with a leading article (« Les Prés » → « des Prés »,
 * « aux Prés »; « Le Poët-Laval » → « du Poët-Laval », « au Poët-Laval »),
 * « de » elides before a vowel (« d'Aouste-sur-Sye »), and a place named
 * by a common noun takes its article (« à l'Espace social… », « à la
 * Médiathèque… », « au Centre social… »). Registered as i18next formatters
 * (src/i18n.ts), so locales write « proches {{commune, de}} » and
 * « Séances libres {{place, a}} ».
 */

type Gender = 'm' | 'f';

/**
 * First words of place names that are common nouns, with their gender: the
 * article they need after « à » / « de ». Names not listed (« France
 * services de Mende », « Latelier », « 8 Fablab ») are used bare.
 */
const COMMON_NOUNS: Record<string, Gender> = {
  espace: 'm',
  centre: 'm',
  point: 'm',
  relais: 'm',
  atelier: 'm',
  fablab: 'm',
  foyer: 'm',
  pole: 'm',
  bureau: 'm',
  local: 'm',
  cafe: 'm',
  club: 'm',
  secours: 'm',
  tiers: 'm',
  ccas: 'm',
  cias: 'm',
  epn: 'm',
  maison: 'f',
  mediatheque: 'f',
  bibliotheque: 'f',
  mairie: 'f',
  mjc: 'f',
  association: 'f',
  cyberbase: 'f',
  salle: 'f',
  agence: 'f',
  permanence: 'f',
  communaute: 'f',
  mission: 'f',
  epicerie: 'f',
  croix: 'f',
  ludotheque: 'f',
};

const VOWEL = /^[aeiouyàâäéèêëîïôöùûüœæ]/i;
const fold = (word: string) =>
  word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** The name split into its leading article (« Les », « Le », « La », « L' ») and the rest. */
function leadingArticle(name: string): { article?: 'le' | 'la' | 'les' | 'l'; rest: string } {
  const match = /^(les|le|la)\s+(.+)$/iu.exec(name) ?? /^(l)['’]\s*(.+)$/iu.exec(name);
  if (!match) return { rest: name };
  return { article: match[1].toLowerCase() as 'le' | 'la' | 'les' | 'l', rest: match[2] };
}

/** The article a place named by a common noun takes (« Espace… » → l', « Maison… » → la), or none. */
function impliedArticle(name: string): 'le' | 'la' | 'l' | undefined {
  const first = fold(name.split(/[\s'’-]/)[0] ?? '');
  const gender = COMMON_NOUNS[first];
  if (!gender) return undefined;
  if (VOWEL.test(name)) return 'l';
  return gender === 'm' ? 'le' : 'la';
}

/** A preposition's forms: alone, elided before a vowel, contracted with « le » and « les ». */
interface Preposition {
  bare: string;
  elided?: string;
  le: string;
  les: string;
}

const DE: Preposition = { bare: 'de', elided: "d'", le: 'du', les: 'des' };
const A: Preposition = { bare: 'à', le: 'au', les: 'aux' };

function withPreposition(name: string, p: Preposition): string {
  const trimmed = name.trim();
  if (!trimmed) return trimmed;
  const { article, rest } = leadingArticle(trimmed);
  if (article === 'les') return `${p.les} ${rest}`;
  if (article === 'le') return `${p.le} ${rest}`;
  if (article) return `${p.bare} ${trimmed}`;
  const implied = impliedArticle(trimmed);
  if (implied === 'le') return `${p.le} ${trimmed}`;
  if (implied === 'la') return `${p.bare} la ${trimmed}`;
  if (implied === 'l') return `${p.bare} l'${trimmed}`;
  return p.elided && VOWEL.test(trimmed) ? `${p.elided}${trimmed}` : `${p.bare} ${trimmed}`;
}

/** « de X »: « de Mende », « d'Aouste-sur-Sye », « des Prés », « du Poët-Laval », « de l'Espace… ». */
export function ofName(name: string): string {
  return withPreposition(name, DE);
}

/** « à X »: « à Mende », « aux Prés », « au Poët-Laval », « à l'Espace… », « au Centre social… ». */
export function atName(name: string): string {
  return withPreposition(name, A);
}

/**
 * How a place is named in a sentence: a town hall published as « Commune
 * de Mende », « Mairie de Mende » or « Ville de Mende » is the commune
 * itself (« Séances libres à Mende »); any other name as published.
 */
export function placeName(name: string, commune: string): string {
  const key = fold(name)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  const town = fold(commune)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return [
    `commune de ${town}`,
    `commune d ${town}`,
    `mairie de ${town}`,
    `mairie d ${town}`,
    `ville de ${town}`,
    `ville d ${town}`,
    town,
  ].includes(key)
    ? commune
    : name;
}
