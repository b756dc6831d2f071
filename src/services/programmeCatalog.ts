/**
 * The programmes this server runs (the PROGRAMMES setting), loaded once at
 * start-up from the validated presets.
 */
import type { Programme } from '../domain/programme';
import { ProgrammeConfigError, loadProgrammes } from '../data/programmes';

export class ProgrammeCatalog {
  private readonly byId: ReadonlyMap<string, Programme>;

  constructor(programmes: readonly Programme[]) {
    this.byId = new Map(programmes.map((p) => [p.id, p]));
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }

  list(): Programme[] {
    return [...this.byId.values()];
  }

  get(id: string): Programme | undefined {
    return this.byId.get(id);
  }

  /** Like get, for ids that must exist (stored data refers to them). */
  require(id: string): Programme {
    const programme = this.byId.get(id);
    if (!programme) throw new ProgrammeConfigError([`unknown programme "${id}" (running: ${this.ids.join(', ')})`]);
    return programme;
  }

  /** The programme of a département code ("48", "26"), if one runs here. */
  forDepartement(code: string): Programme | undefined {
    return this.list().find((p) => p.departement.code === code);
  }
}

/** Loads the selected presets; throws ProgrammeConfigError (one line per problem). */
export function loadProgrammeCatalog(ids?: readonly string[], dir?: string): ProgrammeCatalog {
  return new ProgrammeCatalog(loadProgrammes(ids, dir));
}
