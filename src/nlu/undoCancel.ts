/**
 * « non attendez je me suis trompée, remettez mercredi », « je veux reprendre
 * mercredi 9h à Mende »: said right after a cancellation, the person wants
 * that session back. Read only then (dialogs/undoCancel.ts): « reprendre »
 * elsewhere is no such wish. Words in locales/fr/intents.json (`undoCancel`).
 */
import { french } from '../i18n';
import { normalize } from './normalize';

let phrases: string[] | undefined;

export function asksToUndoCancel(text: string | undefined): boolean {
  if (!text) return false;
  phrases ??= (french()('intents:undoCancel.phrases', { returnObjects: true }) as string[]).map(normalize);
  const said = ` ${normalize(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;
  return phrases.some((phrase) => said.includes(` ${phrase} `));
}
