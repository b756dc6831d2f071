/**
 * The programme the current turn speaks for, so that every sentence names it
 * as its own data does (« Pass Numérique » in Lozère, « Pass'numérique » in
 * the Drôme) through `{{pass}}` in locales/fr, without every dialog passing
 * the name to every t() call (src/i18n.ts fills it in). Known when the
 * person's programme is (their carnet, the commune they gave, the only
 * programme served), or the professional's in Teams; unknown, the
 * translator says the generic name (eligibility:pass_name). A turn's scope
 * starts from what was remembered (bot/programmeTurn.ts) and learns the
 * programme as soon as a dialog does (dialogs/programmeOf.ts
 * `rememberProgramme`); a proactive message runs in its programme's.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface ProgrammeName {
  name?: string;
  /** Its word for a carnet (« chéquier » in the Drôme): `{{book}}`, the neutral « carnet ou chéquier » unknown. */
  bookWord?: string;
}

const scope = new AsyncLocalStorage<ProgrammeName>();

/** Runs work (a turn, a message composed, a page rendered) in a scope of its own, naming `name` (undefined: not known yet). */
export function inProgramme<T>(name: string | undefined, work: () => T, bookWord?: string): T {
  return scope.run(name === undefined ? {} : { name, ...(bookWord ? { bookWord } : {}) }, work);
}

/** The person's programme became known during the turn: the sentences from now on name it. */
export function knowProgramme(name: string | undefined, bookWord?: string): void {
  const current = scope.getStore();
  if (!current) return;
  if (name === undefined) delete current.name;
  else current.name = name;
  if (name === undefined || !bookWord) delete current.bookWord;
  else current.bookWord = bookWord;
}

/** The programme's word for a carnet, when the turn knows it. */
export function currentBookWord(): string | undefined {
  return scope.getStore()?.bookWord;
}

/** The programme's own name, when the turn knows it. */
export function currentProgrammeName(): string | undefined {
  return scope.getStore()?.name;
}
