/**
 * A place's address as people read it, under its name: imported files
 * sometimes begin the address with the place's name, or with a phrase typed
 * twice (« Mairie de Sainte-Croix Vallée Française Mairie de Sainte Croix
 * Vallée Française Les Prats »), and the line then said it twice. The
 * address stored stays as imported; only what is shown drops the repeat.
 */
import type { Place } from './types';
import { foldAccents } from './text';

/** The words of a text, compared without case, accents or hyphens, with where each begins. */
function words(text: string): { word: string; at: number }[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ word: foldAccents(m[0]).toLowerCase(), at: m.index }));
}

const same = (a: readonly { word: string }[], b: readonly { word: string }[]) =>
  a.length === b.length && a.every((w, i) => w.word === b[i].word);

/** At least this many words make a repeat: « 2 2 rue… » or « Le Le » are left to the place's file. */
const MIN_REPEATED_WORDS = 2;

/** The address without the place's name or a phrase repeated at its start; the whole address when nothing would be left. */
export function shownAddress(place: Pick<Place, 'name' | 'address'>): string {
  let address = place.address.trim();
  const name = words(place.name);
  let said = words(address);
  // « Médiathèque de Mende, 2 rue… » under « Médiathèque de Mende »: the name once, in the name.
  if (name.length >= MIN_REPEATED_WORDS && said.length > name.length && same(said.slice(0, name.length), name)) {
    address = address.slice(said[name.length].at).trim();
    said = words(address);
  }
  // « X X rest » → « X rest »: the second copy is kept (with what follows it), the first dropped.
  for (let length = Math.floor(said.length / 2); length >= MIN_REPEATED_WORDS; length--) {
    if (same(said.slice(0, length), said.slice(length, 2 * length))) return address.slice(said[length].at).trim();
  }
  return address;
}
