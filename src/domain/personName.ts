/**
 * A name as people read it on a file and a card: « pradel » and « PRADEL »
 * are « Pradel », « jean-pierre » « Jean-Pierre », « le goff » « Le Goff »,
 * « d'aubigne » « d'Aubigne »; a name typed with its own mixed case
 * (« McKenzie », « DeSouza ») is kept as typed. Pure.
 */

/** Particles written lowercase inside a name (« Marie de la Tour »), not at its start. */
const PARTICLES = new Set(['de', 'du', 'des', 'la', "d'", 'd’']);

function capitalised(part: string): string {
  return part.charAt(0).toLocaleUpperCase('fr') + part.slice(1).toLocaleLowerCase('fr');
}

/** One word: its parts between hyphens and after an apostrophe capitalised. */
function readableWord(word: string, first: boolean): string {
  const lower = word.toLocaleLowerCase('fr');
  const mixed = word !== lower && word !== word.toLocaleUpperCase('fr');
  if (mixed) return word;
  if (!first && PARTICLES.has(lower)) return lower;
  const elided = /^([dl]['’])(.+)$/u.exec(lower);
  if (elided) return `${first ? capitalised(elided[1]) : elided[1]}${readableWord(elided[2], true)}`;
  return lower.split('-').map(capitalised).join('-');
}

export function readableName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word, i) => readableWord(word, i === 0))
    .join(' ');
}
