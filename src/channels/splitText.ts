/**
 * Splits text into parts of at most `max` characters. Whole lines are kept
 * together when they fit (a place's name and its phone number stay in one
 * SMS); a line longer than a part is cut between sentences, a sentence
 * longer than a part between words, and a word longer than a part (a
 * URL…) is cut hard rather than lost. A line that opens what follows
 * (« Pour d'autres heures, adressez-vous à : ») never ends a part when it
 * can start the next one with what it opens.
 */
interface Piece {
  text: string;
  /** What joins it to the piece before: a line break, a space or nothing. */
  separator: string;
}

/** Ends a line or sentence that opens what follows it. */
export const OPENS_WHAT_FOLLOWS = /:\s*$/;

/** A sentence's end: after « . », « ! » or « ? », before the space that follows. */
const SENTENCE_END = /(?<=[.!?])\s+/;

function words(text: string, separator: string, max: number): Piece[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word, wordIndex) => {
      const before = wordIndex === 0 ? separator : ' ';
      const cut: Piece[] = [];
      for (let at = 0; at < word.length; at += max) cut.push({ text: word.slice(at, at + max), separator: at === 0 ? before : '' });
      return cut;
    });
}

function pieces(text: string, max: number): Piece[] {
  return text.split('\n').flatMap((line, lineIndex) => {
    const lineBreak = lineIndex === 0 ? '' : '\n';
    if (line.length <= max) return [{ text: line, separator: lineBreak }];
    return line
      .split(SENTENCE_END)
      .filter(Boolean)
      .flatMap((sentence, sentenceIndex) => {
        const separator = sentenceIndex === 0 ? lineBreak : ' ';
        return sentence.length <= max ? [{ text: sentence, separator }] : words(sentence, separator, max);
      });
  });
}

const joined = (part: readonly Piece[]) => part.map((p, i) => (i === 0 ? p.text : p.separator + p.text)).join('');

export function splitText(text: string, max: number): string[] {
  const parts: Piece[][] = [];
  let current: Piece[] = [];
  for (const piece of pieces(text, max)) {
    if (current.length > 0 && joined([...current, piece]).length > max) {
      // « … adressez-vous à : » goes on with the contact it announces, when both fit the next part.
      const last = current[current.length - 1];
      const carried =
        current.length > 1 && OPENS_WHAT_FOLLOWS.test(last.text) && joined([last, piece]).length <= max ? [current.pop()!] : [];
      parts.push(current);
      current = [...carried, piece];
    } else {
      current.push(piece);
    }
  }
  parts.push(current);
  return parts.map((part) => joined(part).trim()).filter(Boolean);
}
