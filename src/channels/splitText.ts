/**
 * Splits text into parts of at most `max` characters. Whole lines are kept
 * together when they fit (a place's name and its phone number stay in one
 * SMS); a line longer than a part is cut between words, and a word longer
 * than a part (a URL…) is cut hard rather than lost.
 */
interface Piece {
  text: string;
  /** What joins it to the piece before: a line break, a space or nothing. */
  separator: string;
}

function pieces(text: string, max: number): Piece[] {
  const result: Piece[] = [];
  text.split('\n').forEach((line, lineIndex) => {
    const lineBreak = lineIndex === 0 ? '' : '\n';
    if (line.length <= max) {
      result.push({ text: line, separator: lineBreak });
      return;
    }
    line
      .split(/\s+/)
      .filter(Boolean)
      .forEach((word, wordIndex) => {
        const separator = wordIndex === 0 ? lineBreak : ' ';
        for (let at = 0; at < word.length; at += max) {
          result.push({ text: word.slice(at, at + max), separator: at === 0 ? separator : '' });
        }
      });
  });
  return result;
}

export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const { text: piece, separator } of pieces(text, max)) {
    if (current && current.length + separator.length + piece.length > max) {
      parts.push(current.trim());
      current = piece;
    } else {
      current = current ? current + separator + piece : piece;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}
