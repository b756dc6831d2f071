/** Text helpers shared by every matcher (commune names, carnet numbers, commands). */

/** "Saint-Chély" → "Saint-Chely": accents and other combining marks removed. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}
