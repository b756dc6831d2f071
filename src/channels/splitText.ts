/**
 * Splits text into parts of at most `max` characters, at paragraph, line or
 * word boundaries, so an SMS never arrives cut in the middle of a word.
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim()) parts.push(current.trim());
    current = '';
  };
  for (const token of text.split(/(\n+|\s+)/)) {
    if ((current + token).length <= max) {
      current += token;
      continue;
    }
    push();
    if (token.trim() === '') continue;
    // A single word longer than a message (a URL…) is cut hard.
    let word = token;
    while (word.length > max) {
      parts.push(word.slice(0, max));
      word = word.slice(max);
    }
    current = word;
  }
  push();
  return parts;
}
