/**
 * Global commands that work at any prompt: "menu", "aide", "annuler",
 * "parler à quelqu'un", "oublier cet appareil", "mes données", "supprimer
 * mes données". Short words must be the whole message ("annuler"),
 * so that "je veux annuler mon rendez-vous" reaches its own flow instead.
 */
import { frenchList } from '../i18n';
import { normalize } from './normalize';

export type GlobalCommand = 'menu' | 'help' | 'cancel' | 'human' | 'forget_device' | 'privacy' | 'erase';

interface CommandWords {
  command: GlobalCommand;
  exact: Set<string>;
  /** Phrases that trigger the command anywhere in the message. */
  within: string[];
}

let table: CommandWords[] | undefined;

function commandTable(): CommandWords[] {
  table ??= (['menu', 'help', 'cancel', 'human', 'forget_device', 'privacy', 'erase'] as const).map((command) => {
    const words = frenchList(`commands.${command}`).map(normalize);
    return {
      command,
      exact: new Set(words),
      // Only "talk to a person" and "erase my data" are distinctive enough to match inside a sentence.
      within: command === 'human' || command === 'erase' ? words.filter((w) => w.includes(' ')) : [],
    };
  });
  return table;
}

/** « euh non », « bon ben », « finalement »: what people say before « laissez tomber »; « merci », « svp » after it. */
const BEFORE_STOP = /^(?:(?:euh+|heu+|bon|ben|bah|ah|oh|non|nan|alors|finalement|en fait|enfin|ok|okay|pff+|tant pis)[ ,.!]+)+/;
const AFTER_STOP = /(?:[ ,.!]+(?:merci|svp|s il vous plait|alors|finalement|tant pis))+[ .!]*$/;

/**
 * « euh non laissez tomber », « bon ben on arrete merci »: a stop said in a few words around it. Not « annuler » so
 * (« non annuler » at a cancellation's confirmation may be either answer): only the words that stop a flow.
 */
function stopInFewWords(said: string, exact: Set<string>): boolean {
  const core = said.replace(BEFORE_STOP, '').replace(AFTER_STOP, '').trim();
  return core !== said && !/\bannul/.test(core) && exact.has(core);
}

export function matchCommand(text: string | undefined): GlobalCommand | undefined {
  if (!text) return undefined;
  const full = normalize(text);
  // "menu ?" is "menu"; a lone "?" is a call for help.
  const said = full === '?' ? full : full.replace(/\s*\?+$/, '');
  if (!said) return undefined;
  for (const entry of commandTable()) {
    if (entry.exact.has(said)) return entry.command;
    if (entry.command === 'cancel' && stopInFewWords(said, entry.exact)) return entry.command;
  }
  const padded = ` ${said} `;
  for (const entry of commandTable()) {
    if (entry.within.some((phrase) => padded.includes(` ${phrase} `))) return entry.command;
  }
  return undefined;
}

/** « annuler », « annule »: a cancellation asked for, not « laissez tomber » (which stops, and cancels no session). */
export const saysCancel = (text: string | undefined): boolean => /\bannul/.test(normalize(text ?? ''));
