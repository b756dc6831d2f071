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

export function matchCommand(text: string | undefined): GlobalCommand | undefined {
  if (!text) return undefined;
  const full = normalize(text);
  // "menu ?" is "menu"; a lone "?" is a call for help.
  const said = full === '?' ? full : full.replace(/\s*\?+$/, '');
  if (!said) return undefined;
  for (const entry of commandTable()) {
    if (entry.exact.has(said)) return entry.command;
  }
  const padded = ` ${said} `;
  for (const entry of commandTable()) {
    if (entry.within.some((phrase) => padded.includes(` ${phrase} `))) return entry.command;
  }
  return undefined;
}

/** « annuler », « annule »: a cancellation asked for, not « laissez tomber » (which stops, and cancels no session). */
export const saysCancel = (text: string | undefined): boolean => /\bannul/.test(normalize(text ?? ''));
