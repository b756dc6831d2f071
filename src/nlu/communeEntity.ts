/**
 * Finds a commune named inside a sentence ("je cherche un lieu à Mende",
 * "pres de 26400"): a postal code, else the longest run of words that is
 * a commune name. Restricted to the served départements, so that common
 * words that happen to be commune names elsewhere in France do not match.
 *
 * « près de X », « à côté de X », « vers X », « pas loin de X », « autour
 * de X », « plus près de X »: X is the commune, looked for first. The words
 * themselves never name a commune: a one-word match must be the commune's
 * whole name, so « près » is not « Les Prés » (26255) — that village is
 * found when its article is typed. « près de chez moi » names no commune:
 * saysNearMe() tells the dialog to ask, or to use the page's position.
 */
import { type Commune, type CommuneIndex, normalizeName } from '../domain/communes';
import { type CommuneSearch, type Entry, nameEntries } from '../domain/communeSearch';
import { servedCommunesTypedWithSlip } from './communeTypos';
import { namesInTraining, ordinaryWords } from './intentLexicon';

const MAX_NAME_WORDS = 6;

/** Words saying "close to": what follows them is the place meant. */
const NEAR =
  /\b(?:(?:le |la )?plus )?(?:pres|proche|a cote|pas (?:tres )?loin|non loin|autour|vers|du cote|aux alentours|alentours|aux environs|environs|a proximite)(?: (?:de|d|du|des))?\b/g;
/** "Close to me": the person's own position, never a commune. */
const NEAR_ME =
  /\b(?:(?:plus )?pres|proche|a cote|pas (?:tres )?loin|non loin|autour|du cote|aux alentours|a proximite)(?: (?:de|d))? (?:chez (?:moi|nous)|moi|ici|la maison|mon domicile|mon village|ma commune)\b|\ble plus proche(?: de moi)?$|\bchez moi\b/;
/** Words a commune's name follows ("à Romans", "vers Crest", « jhabite privas », « jabite »): a shortened name is looked for after them. */
const BEFORE_PLACE = /\b(?:a|au|vers|de|d|sur|(?:j ?)?h?abite)$/;
/** Prefix matches beyond this many are no guess ("saint" → hundreds). */
const MAX_PREFIX_MATCHES = 5;
const MIN_PREFIX_LENGTH = 4;
/**
 * Words after which a name cut short is looked for: not « de », « au »,
 * « sur », which ordinary nouns follow (« maison de culture » is no
 * Cultures, « au barbier » no Barbières).
 */
const BEFORE_CUT_NAME = /\b(?:a|vers|(?:j ?)?h?abite)$/;
/** A name cut short by its last letters: from this many letters typed, at most this many missing. */
const MIN_CUT_LENGTH = 7;
const MAX_CUT_LETTERS = 2;

/** « près de chez moi », « autour de moi », « à côté d'ici »: the person's own position is meant. */
export function saysNearMe(text: string): boolean {
  return NEAR_ME.test(normalizeName(text));
}

/** The words after « près de », « vers »…, for each such phrase (first one first). */
function afterNearWords(key: string): string[] {
  const runs: string[] = [];
  for (const match of key.matchAll(NEAR)) {
    const rest = key.slice(match.index + match[0].length).trim();
    if (rest) runs.push(rest);
  }
  return runs;
}

/** Names of a one-word run must be whole: « pres » alone is not « Les Prés », « touche » not « La Touche ». */
function wholeName(commune: Commune, key: string): boolean {
  return [commune.name, ...commune.formerNames].some((name) => normalizeName(name) === key);
}

function namesInWords(index: CommuneIndex, words: string[], departements: readonly string[]): Commune[] {
  const options = { departements };
  for (let size = Math.min(MAX_NAME_WORDS, words.length); size >= 1; size -= 1) {
    for (let start = 0; start + size <= words.length; start += 1) {
      const key = words.slice(start, start + size).join(' ');
      let found = index.findByName(key, options);
      if (size === 1) found = found.filter((c) => wholeName(c, key));
      if (found.length > 0) return found;
    }
  }
  return [];
}

const servedNames = new WeakMap<CommuneIndex, Map<string, Entry[]>>();

function entriesOf(index: CommuneIndex, departements: readonly string[]): Entry[] {
  let byDepartements = servedNames.get(index);
  if (!byDepartements) servedNames.set(index, (byDepartements = new Map<string, Entry[]>()));
  const cacheKey = [...departements].sort().join(',');
  let entries = byDepartements.get(cacheKey);
  if (!entries) byDepartements.set(cacheKey, (entries = nameEntries(index, departements)));
  return entries;
}

/**
 * Served communes whose name starts with the words typed: « romans » is
 * Romans-sur-Isère (26100), not Romans (79) or Romans (01), because the
 * served départements come first. Most populated first; none when the
 * words begin too many names.
 */
export function servedCommunesStartingWith(index: CommuneIndex, text: string, departements: readonly string[]): Commune[] {
  const key = normalizeName(text);
  if (key.length < MIN_PREFIX_LENGTH) return [];
  const found = new Set<Commune>();
  for (const entry of entriesOf(index, departements)) if (entry.key.startsWith(`${key} `)) found.add(entry.commune);
  if (found.size === 0 || found.size > MAX_PREFIX_MATCHES) return [];
  return [...found].sort((a, b) => b.population - a.population);
}

/**
 * A one-word served name typed without its last letter or two (« marvejol »
 * for Marvejols, the silent final letters French spelling forgets). Long
 * words only: a short one begins too many names.
 */
function servedNamesCutShort(index: CommuneIndex, word: string, departements: readonly string[]): Commune[] {
  if (word.length < MIN_CUT_LENGTH) return [];
  const found = new Set<Commune>();
  for (const { key, commune } of entriesOf(index, departements)) {
    if (key.length > word.length && key.length - word.length <= MAX_CUT_LETTERS && key.startsWith(word) && !key.includes(' ')) {
      found.add(commune);
    }
  }
  if (found.size === 0 || found.size > MAX_PREFIX_MATCHES) return [];
  return [...found].sort((a, b) => b.population - a.population);
}

/**
 * « à romans », « vers crest », « j'habite à marvejol »: the shortened name
 * right after a word that announces a place. There only: over the whole
 * sentence, ordinary words begin commune names.
 */
function shortenedAfterPlaceWord(index: CommuneIndex, words: string[], departements: readonly string[]): Commune[] {
  for (let i = 1; i < words.length; i += 1) {
    if (!BEFORE_PLACE.test(words.slice(Math.max(0, i - 2), i).join(' '))) continue;
    const found = servedCommunesStartingWith(index, words[i], departements);
    if (found.length > 0) return found;
    const cut = BEFORE_CUT_NAME.test(words[i - 1]) ? servedNamesCutShort(index, words[i], departements) : [];
    if (cut.length > 0) return cut;
  }
  return [];
}

/**
 * The communes a sentence names: exactly (or cut short after « à », « vers »…),
 * else a served commune typed with one slip (communeTypos.ts: « un rdv mnde
 * jeudi », on enough evidence that it is no ordinary word).
 */
export function communesInSentence(index: CommuneIndex, text: string, departements: readonly string[]): Commune[] {
  const exact = communesNamedIn(index, text, departements);
  if (exact.length > 0) return exact;
  const slipped = servedCommunesTypedWithSlip(index, text, departements);
  if (slipped.length > 0) return slipped;
  // « un lieu … a saint agreve »: a commune elsewhere in France, so the bot says it is not served. In a sentence, only
  // a name no ordinary word could be (« qui a eu accès », « à l'hôpital », « à la place » name communes too).
  const after = anywhereAfterPlaceWord(index, text).filter((c) => nameOfNoOrdinaryWords(c.name));
  if (after.length > 0) return after;
  // « florac », « romans », « st chely » alone: the start of one served name only, that commune (« florac » at the menu was
  // « Répondez de 1 à 7 »). « saint jean » begins several: those are asked about, not the Saint-Jean elsewhere.
  const begun = servedCommunesStartingWith(index, text, departements);
  if (begun.length === 1 && normalizeName(text).length >= MIN_BARE_START_LENGTH) return begun;
  return begun.length > 0 ? [] : anywhereWhole(index, text);
}

/** A message that begins one served name stands for it from this many letters: « florac », « crest »; not « mont ». */
const MIN_BARE_START_LENGTH = 5;

/** A message no longer than a commune's name is (« Paris », « saint agreve ») may be that name alone. */
const MAX_WHOLE_NAME_WORDS = 4;

/**
 * « Paris » alone, a commune elsewhere in France, so that the bot says it
 * does not serve it (it was « je n'ai pas bien compris » at the menu):
 * the whole message is the name, and no ordinary word could be it.
 */
function anywhereWhole(index: CommuneIndex, text: string): Commune[] {
  const key = normalizeName(text);
  if (!key || key.split(' ').length > MAX_WHOLE_NAME_WORDS) return [];
  return index.findByName(key).filter((c) => wholeName(c, key) && nameOfNoOrdinaryWords(c.name));
}

/** Articles and the words that join names: they say nothing of whether a name is an ordinary word. */
const NAME_GLUE = new Set(['l', 'la', 'le', 'les', 'saint', 'sainte', 'st', 'ste', 'sur', 'sous', 'en', 'de', 'du', 'des', 'et', 'd']);

/** « Saint-Agrève », « Lyon »: the name's own words are none that a training phrase or the ordinary words hold; it does not begin with an article. */
function nameOfNoOrdinaryWords(name: string): boolean {
  const words = normalizeName(name).split(' ').filter(Boolean);
  if (['l', 'la', 'le', 'les'].includes(words[0])) return false;
  const own = words.filter((w) => !NAME_GLUE.has(w));
  return own.length > 0 && own.every((w) => w.length >= 4 && (!ordinaryWords().has(w) || namesInTraining().has(w)));
}

function communesNamedIn(index: CommuneIndex, text: string, departements: readonly string[]): Commune[] {
  const options = { departements };
  const whole = index.lookup(text, options);
  if (whole.length > 0) return whole;
  const code = /\b(\d{5})\b/.exec(text)?.[1];
  if (code) {
    const byCode = index.findByPostalCode(code, options);
    if (byCode.length > 0) return byCode;
  }
  const key = normalizeName(text);
  for (const run of afterNearWords(key)) {
    const near = namesInWords(index, run.split(' '), departements);
    if (near.length > 0) return near;
  }
  const words = key.split(' ').filter(Boolean);
  const named = namesInWords(index, words, departements);
  return named.length > 0 ? named : shortenedAfterPlaceWord(index, words, departements);
}

/**
 * « j'habite à Lyon », « à paris »: a commune anywhere in France named whole
 * right after « à », « vers », « habite » — so that the bot says it does
 * not serve it, instead of « je ne trouve pas cette commune ».
 */
function anywhereAfterPlaceWord(index: CommuneIndex, text: string): Commune[] {
  const words = normalizeName(text).split(' ').filter(Boolean);
  for (let i = 1; i < words.length; i += 1) {
    if (!BEFORE_CUT_NAME.test(words[i - 1])) continue;
    for (let size = Math.min(MAX_NAME_WORDS, words.length - i); size >= 1; size -= 1) {
      const key = words.slice(i, i + size).join(' ');
      const found = index.findByName(key).filter((c) => size > 1 || wholeName(c, key));
      if (found.length > 0) return found;
    }
  }
  return [];
}

/**
 * The communes meant by an answer to "dans quelle commune habitez-vous ?":
 * exact in the served départements; else a served commune the answer
 * begins (« romans » → Romans-sur-Isère); else a word of the answer that is
 * a served name with one slip (« florak svp » → Florac alone, not a list of
 * look-alikes); else exact anywhere in France ("Brest" is Brest, not a
 * look-alike village of the Drôme: the bot then says the pass is not
 * offered there), the whole answer or after « à » (« j'habite à Lyon »); else typo-tolerant in the served départements, the
 * answer as a whole ("valance" → Valence, "st chely dapcher"). That last,
 * looser search is kept to such answers: over a whole sentence it would
 * find communes in ordinary words; never with a postal code in the answer,
 * which says where better than its words.
 */
export function communesForAnswer(index: CommuneIndex, search: CommuneSearch, text: string, departements: readonly string[]): Commune[] {
  const exact = communesNamedIn(index, text, departements);
  if (exact.length > 0) return exact;
  // A postal code says where better than the words around it: the communes that have it anywhere in France, or none
  // (« c'est 69000 »: no commune has it, its département says where — departementEntity), never a look-alike name (« Crest »).
  if (/\b\d{5}\b/.test(text)) return index.lookup(text);
  const shortened = servedCommunesStartingWith(index, text, departements);
  if (shortened.length > 0) return shortened;
  const slipped = servedCommunesTypedWithSlip(index, text, departements);
  if (slipped.length > 0) return slipped;
  const elsewhere = index.lookup(text);
  if (elsewhere.length > 0) return elsewhere;
  const namedElsewhere = anywhereAfterPlaceWord(index, text);
  if (namedElsewhere.length > 0) return namedElsewhere;
  // « près de chez moi » is no commune, even a look-alike one.
  if (saysNearMe(text)) return [];
  // « oui », « ok merci », « non je sais pas »: words that mean themselves are no commune misspelled (« oui » looked like Mévouillon).
  if (onlyOrdinaryWords(index, text, departements)) return [];
  return search.search(text, { departements, limit: 5 }).map((m) => m.commune);
}

const servedNameWords = new Map<string, ReadonlySet<string>>();

/** The words of the served communes' names: « chely », « crest » are ordinary words too, and still say where. */
function wordsOfServedNames(index: CommuneIndex, departements: readonly string[]): ReadonlySet<string> {
  const key = [...departements].sort().join(',');
  let words = servedNameWords.get(key);
  if (!words) {
    const served = new Set(departements);
    const found = new Set<string>();
    for (const commune of index.all()) {
      if (!served.has(commune.departement)) continue;
      for (const name of [commune.name, ...commune.formerNames]) for (const word of normalizeName(name).split(' ')) found.add(word);
    }
    words = found;
    servedNameWords.set(key, words);
  }
  return words;
}

/** Every word of the answer is an ordinary word (intentLexicon) and none is a word of a served commune's name. */
function onlyOrdinaryWords(index: CommuneIndex, text: string, departements: readonly string[]): boolean {
  const words = normalizeName(text).split(' ').filter(Boolean);
  const names = wordsOfServedNames(index, departements);
  return words.length > 0 && words.every((w) => ordinaryWords().has(w) && !names.has(w));
}
