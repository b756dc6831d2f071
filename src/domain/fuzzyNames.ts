/**
 * Approximate search of a short text in many names, with fuse.js's
 * results — the same hits, scores and order as `new Fuse(names, { keys,
 * includeScore, threshold, ignoreLocation: true, minMatchCharLength: 2 })`
 * (fuse.js 7) — at a fraction of its cost: fuse.js took up to 130 ms over
 * the 40,000 names of France (an array per error level per name), this
 * takes about a millisecond.
 *
 * What fuse.js computes for a name, with `ignoreLocation`:
 * - the fewest edits d (insertions, deletions, substitutions) turning the
 *   text into some part of the name, if d / length ≤ threshold — computed
 *   here with Myers' bit-parallel algorithm, on the reversed strings so
 *   that the leftmost such part is known;
 * - its `minMatchCharLength` check: among the characters of that leftmost
 *   part (plus d), two consecutive ones must occur in the text;
 * - the score: max(0.001, d / length), 0 when the name is the text, then
 *   raised to the name's field norm (1 / √words, rounded to 3 decimals);
 * - texts over 32 characters are searched in 32-character pieces whose
 *   scores are averaged; a name matches when one piece does;
 * - hits sorted by score, then by their order in the list.
 * A bigram prefilter (bigramFilter.ts) skips the names that cannot be
 * within the error budget. test/unit/communeSearch.test.ts compares the
 * results with fuse.js itself.
 */
import { BigramFilter } from './bigramFilter';

export interface FuzzyHit {
  /** Position of the name in the list. */
  id: number;
  score: number;
}

/** fuse.js's pattern length limit (bits in a word). */
const MAX_BITS = 32;
const NO_MATCH = Number.POSITIVE_INFINITY;

/** Names are normalised to a–z, 0–9 and spaces; other characters match nothing in a piece of text made the same way. */
const CODES = 128;

interface Piece {
  text: string;
  /** Bit masks of the reversed piece, by character code (< CODES). */
  masks: Int32Array;
  length: number;
  maxErrors: number;
  /** Its distinct character codes and how often each occurs. */
  codes: number[];
  counts: number[];
}

/** Slots of the per-name character counts: a–z, 0–9, space; everything else shares the last. */
const SLOTS = 38;
function slot(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return 26 + code - 48;
  return code === 32 ? 36 : 37;
}

export class FuzzyNames {
  private readonly reversed: string[];
  private readonly norms: Float64Array;
  private readonly filter: BigramFilter;
  /** How often each character occurs in each name (SLOTS per name, capped at 255). */
  private readonly letters: Uint8Array;

  constructor(
    private readonly names: readonly string[],
    private readonly threshold: number,
  ) {
    this.reversed = names.map((name) => [...name].reverse().join(''));
    this.norms = Float64Array.from(names, fieldNorm);
    this.filter = new BigramFilter(names);
    this.letters = new Uint8Array(names.length * SLOTS);
    names.forEach((name, id) => {
      for (let i = 0; i < name.length; i += 1) {
        const at = id * SLOTS + slot(name.charCodeAt(i));
        if (this.letters[at] < 255) this.letters[at] += 1;
      }
    });
  }

  search(text: string, limit: number): FuzzyHit[] {
    if (text.length === 0) return [];
    const pieces = splitPieces(text).map((piece) => this.piece(piece));
    const ids = this.candidates(pieces);
    const hits: FuzzyHit[] = [];
    const each = (id: number) => {
      const raw = this.rawScore(text, pieces, id);
      if (raw !== undefined) hits.push({ id, score: (raw === 0 ? Number.EPSILON : raw) ** this.norms[id] });
    };
    if (ids) ids.forEach(each);
    else for (let id = 0; id < this.names.length; id += 1) each(id);
    hits.sort((a, b) => a.score - b.score || a.id - b.id);
    return hits.slice(0, limit);
  }

  /** Names any piece may match (a name matches when one piece does); undefined: try them all. */
  private candidates(pieces: Piece[]): number[] | undefined {
    if (pieces.length === 1) return this.filter.candidates(pieces[0].text, pieces[0].maxErrors);
    const union = new Set<number>();
    for (const piece of pieces) {
      const ids = this.filter.candidates(piece.text, piece.maxErrors);
      if (!ids) return undefined;
      for (const id of ids) union.add(id);
    }
    return [...union].sort((a, b) => a - b);
  }

  private piece(text: string): Piece {
    const masks = new Int32Array(CODES);
    const length = text.length;
    // Reversed pattern: bit i stands for its i-th character from the end.
    for (let i = 0; i < length; i += 1) {
      const code = text.charCodeAt(length - 1 - i);
      if (code < CODES) masks[code] |= 1 << i;
    }
    let maxErrors = 0;
    while ((maxErrors + 1) / length <= this.threshold) maxErrors += 1;
    const tally = new Map<number, number>();
    for (let i = 0; i < length; i += 1) tally.set(slot(text.charCodeAt(i)), (tally.get(slot(text.charCodeAt(i))) ?? 0) + 1);
    return { text, masks, length, maxErrors, codes: [...tally.keys()], counts: [...tally.values()] };
  }

  /**
   * A part of the name within d edits of the piece keeps at least length − d
   * of its characters (each edit loses at most one): fewer in the whole name, no match.
   */
  private enoughLetters(piece: Piece, id: number): boolean {
    const base = id * SLOTS;
    let shared = 0;
    for (let i = 0; i < piece.codes.length; i += 1) shared += Math.min(piece.counts[i], this.letters[base + piece.codes[i]]);
    return shared >= piece.length - piece.maxErrors;
  }

  /** fuse.js's score for one name before its field norm; undefined when it does not match. */
  private rawScore(text: string, pieces: Piece[], id: number): number | undefined {
    const name = this.names[id];
    if (name === text) return 0;
    let total = 0;
    let matched = false;
    for (const piece of pieces) {
      const found = this.match(piece, id);
      if (found === NO_MATCH) {
        total += 1;
        continue;
      }
      total += Math.max(0.001, (found < 0 ? -found - 1 : found) / piece.length);
      if (found >= 0) matched = true;
    }
    return matched ? total / pieces.length : undefined;
  }

  /**
   * The fewest edits of the piece into a part of the name, within its
   * budget: d when the leftmost such part passes the two-character check,
   * -(d + 1) when it does not, NO_MATCH beyond the budget.
   */
  private match(piece: Piece, id: number): number {
    if (!this.enoughLetters(piece, id)) return NO_MATCH;
    const reversed = this.reversed[id];
    const n = reversed.length;
    const { masks } = piece;
    const top = 1 << (piece.length - 1);
    const all = piece.length === MAX_BITS ? -1 : (1 << piece.length) - 1;
    // Myers (1999), semi-global: the part may start and end anywhere in the name.
    let pv = all;
    let mv = 0;
    let score = piece.length;
    let best = Infinity;
    let bestEnd = -1;
    for (let j = 0; j < n; j += 1) {
      const code = reversed.charCodeAt(j);
      const eq = code < CODES ? masks[code] : 0;
      const xv = eq | mv;
      const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & top) score += 1;
      else if (mh & top) score -= 1;
      ph <<= 1;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
      // Ending at j in the reversed name = starting at n - 1 - j: the last best end is the leftmost start.
      if (score <= best) {
        best = score;
        bestEnd = j;
      }
    }
    if (best > piece.maxErrors) return NO_MATCH;
    // Characters of the leftmost part (+ best) that occur in the piece: two must follow each other.
    const start = n - 1 - bestEnd;
    const name = this.names[id];
    const end = Math.min(n - 1, start + piece.length - 1 + best);
    let run = 0;
    for (let k = start; k <= end; k += 1) {
      const code = name.charCodeAt(k);
      run = code < CODES && masks[code] !== 0 ? run + 1 : 0;
      if (run >= 2) return best;
    }
    return -best - 1;
  }
}

/** fuse.js's pieces of a pattern: 32 characters each, the last one ending with the pattern. */
function splitPieces(text: string): string[] {
  if (text.length <= MAX_BITS) return [text];
  const pieces: string[] = [];
  const whole = text.length - (text.length % MAX_BITS);
  for (let i = 0; i < whole; i += MAX_BITS) pieces.push(text.slice(i, i + MAX_BITS));
  if (text.length % MAX_BITS) pieces.push(text.slice(text.length - MAX_BITS));
  return pieces;
}

/** fuse.js's field norm: 1 / √(words), rounded to 3 decimals. */
function fieldNorm(name: string): number {
  const words = name.split(/[\t-\r \u00a0]+/).filter(Boolean).length || 1;
  return Math.round(1000 / Math.sqrt(words)) / 1000;
}
