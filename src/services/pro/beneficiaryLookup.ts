/**
 * A professional finds a beneficiary (carnet number, or name and birth date,
 * typo-tolerant) and reads their file. Only within the professional's own
 * programme; every person shown is an audited access.
 *
 * Names are matched with Fuse.js (maintained, dependency-free fuzzy search,
 * Bitap under the hood): "Delmaz Martine" finds Martine Delmas. The search
 * runs in memory over the programme's beneficiaries — a département's pass
 * counts hundreds to a few thousand people.
 */
import Fuse from 'fuse.js';
import type { BalanceSummary } from '../../domain/balance';
import type { Programme } from '../../domain/programme';
import { programmeLimits, type ProgrammeLimits } from '../../domain/prescriptionRules';
import type { Beneficiary } from '../../domain/types';
import { normalize } from '../../nlu/normalize';
import { AUDIT_PURPOSE } from './accessLog';
import type { Stores } from '../../store/repositories';
import type { UpcomingBooking } from '../beneficiaryAccount';
import { BeneficiaryAccount } from '../beneficiaryAccount';
import { type ProAccess, type ProContext, type Refused, refused } from './proAccess';

export interface PersonQuery {
  voucherBookNumber?: string;
  name?: string;
  /** ISO date; narrows a name search to exact matches. */
  birthDate?: string;
}

/** `needs_name`: a birth date alone is not enough to open anyone's file (many people share one). */
export type SearchOutcome = Refused | { outcome: 'found'; matches: Beneficiary[] } | { outcome: 'needs_name' };

export interface BeneficiaryFile {
  beneficiary: Beneficiary;
  balances: BalanceSummary[];
  upcoming: UpcomingBooking[];
  booksIssued: number;
  hoursIssued: number;
  limits: ProgrammeLimits;
}

export type FileOutcome = Refused | { outcome: 'not_found' } | ({ outcome: 'file' } & BeneficiaryFile);

/** Fuse scores run from 0 (exact) to 1; above this, it is not the same name. */
const NAME_THRESHOLD = 0.34;
const MAX_MATCHES = 8;

export class BeneficiaryLookup {
  private readonly account: BeneficiaryAccount;

  constructor(
    private readonly stores: Stores,
    private readonly access: ProAccess,
    private readonly programmes: readonly Programme[],
  ) {
    this.account = new BeneficiaryAccount(stores);
  }

  /** `purpose`: why the lookup is made, kept with its audit entry (AUDIT_PURPOSE: to read the file's access log, not the file). */
  async search(ctx: ProContext, query: PersonQuery, purpose?: typeof AUDIT_PURPOSE): Promise<SearchOutcome> {
    const programmeId = ctx.professional?.programmeId;
    if (query.voucherBookNumber) {
      const book = await this.stores.voucherBooks.getByNumber(query.voucherBookNumber);
      const decision = await this.access.check(ctx, 'beneficiary.search', {
        kind: 'beneficiary',
        id: book?.beneficiaryId ?? 'none',
        programmeId: book?.programmeId ?? programmeId,
      });
      // Another programme's carnet reads as an unknown one (the refusal is audited): no existence oracle.
      if (!decision.allowed) return decision.reason === 'other_programme' ? this.found(ctx, [], purpose) : refused(decision);
      const person = book && (await this.stores.beneficiaries.get(book.beneficiaryId));
      return this.found(ctx, person ? [person] : [], purpose);
    }
    if (!query.name) return { outcome: 'needs_name' };
    // A name search only ever looks inside the professional's programme.
    const decision = await this.access.check(ctx, 'beneficiary.search', { kind: 'search', id: 'name', programmeId });
    if (!decision.allowed || !programmeId) return refused(decision);
    const pool = query.birthDate
      ? await this.stores.beneficiaries.findByBirthDate(programmeId, query.birthDate)
      : await this.stores.beneficiaries.listByProgramme(programmeId);
    return this.found(ctx, matchNameInSentence(pool, query.name), purpose);
  }

  async file(ctx: ProContext, beneficiaryId: string, now: Date): Promise<FileOutcome> {
    const beneficiary = await this.stores.beneficiaries.get(beneficiaryId);
    const decision = await this.access.check(ctx, 'beneficiary.view', {
      kind: 'beneficiary',
      id: beneficiaryId,
      programmeId: beneficiary?.programmeId,
    });
    if (!decision.allowed) return refused(decision);
    const programme = this.programmes.find((p) => p.id === beneficiary?.programmeId);
    if (!beneficiary || !programme) return { outcome: 'not_found' };
    const [balances, upcoming, books] = await Promise.all([
      this.account.balances(beneficiary.id, programme, now),
      this.account.upcomingBookings(beneficiary.id, now),
      this.stores.voucherBooks.listByBeneficiary(beneficiary.id),
    ]);
    await this.access.record(ctx, 'beneficiary.view', { kind: 'beneficiary', id: beneficiary.id, programmeId: programme.id });
    return {
      outcome: 'file',
      beneficiary,
      balances: balances.map((b) => ({ ...b })),
      upcoming,
      // The counters, once set, are the limit's guard; before that, the carnets themselves.
      booksIssued: beneficiary.booksIssued ?? books.length,
      hoursIssued: beneficiary.hoursIssued ?? books.reduce((sum, b) => sum + b.hoursTotal, 0),
      limits: programmeLimits(programme),
    };
  }

  /** Each person shown in a result list is an access to their data. */
  private async found(ctx: ProContext, matches: Beneficiary[], purpose?: typeof AUDIT_PURPOSE): Promise<SearchOutcome> {
    for (const person of matches) {
      const subject = { kind: 'beneficiary', id: person.id, programmeId: person.programmeId };
      await this.access.record(ctx, 'beneficiary.search', subject, purpose ? { purpose } : {});
    }
    return { outcome: 'found', matches };
  }
}

/** Typo-tolerant match on "first last" or "last first", best first. */
export function matchName(pool: readonly Beneficiary[], name: string): Beneficiary[] {
  const wanted = normalize(name);
  if (!wanted) return [];
  const entries = pool.flatMap((person) => [
    { person, key: normalize(`${person.firstName} ${person.lastName}`) },
    { person, key: normalize(`${person.lastName} ${person.firstName}`) },
  ]);
  const fuse = new Fuse(entries, { keys: ['key'], includeScore: true, ignoreLocation: true, threshold: NAME_THRESHOLD });
  const best = new Map<string, { person: Beneficiary; score: number }>();
  for (const hit of fuse.search(wanted)) {
    if (!wordsAlign(wanted, hit.item.key)) continue;
    const score = hit.score ?? 1;
    const known = best.get(hit.item.person.id);
    if (!known || score < known.score) best.set(hit.item.person.id, { person: hit.item.person, score });
  }
  return [...best.values()]
    .sort((a, b) => a.score - b.score || a.person.lastName.localeCompare(b.person.lastName, 'fr'))
    .slice(0, MAX_MATCHES)
    .map((m) => m.person);
}

/**
 * The people of `pool` a name typed means: those whose names hold every
 * word of it when some do (« josette » is Josette, not Odette, a letter
 * away), else each one it matches despite a typo.
 */
export function namedPeople(pool: readonly Beneficiary[], name: string): Beneficiary[] {
  const words = normalize(name).split(' ').filter(Boolean);
  const exact = pool.filter((person) => {
    const own = normalize(`${person.firstName} ${person.lastName}`).split(' ');
    return words.length > 0 && words.every((word) => own.includes(word));
  });
  return exact.length > 0 ? exact : pool.filter((person) => matchName([person], name).length > 0);
}

/** From this many words, what was typed is a sentence more than a name. */
const SENTENCE_WORDS = 3;

/**
 * A name inside a sentence (« renouveler sylvie expire », once the filler
 * words are gone): when the whole finds no one, the words that are the
 * first or last name of someone in the pool are looked for alone. A name
 * of one or two words is taken whole: « Martine Dupont » is not Martine
 * Delmas.
 */
export function matchNameInSentence(pool: readonly Beneficiary[], name: string): Beneficiary[] {
  const whole = matchName(pool, name);
  const words = normalize(name).split(' ').filter(Boolean);
  if (whole.length > 0 || words.length < SENTENCE_WORDS) return whole;
  const known = new Set(pool.flatMap((person) => normalize(`${person.firstName} ${person.lastName}`).split(' ')));
  const named = words.filter((word) => known.has(word));
  return named.length > 0 && named.length < words.length ? matchName(pool, named.join(' ')) : [];
}

/**
 * Fuse finds a query anywhere inside a name ("oui" inside "rouviere"): each
 * word typed must also look like a word of the name — same beginning (a
 * prefix, "Delm", or a typo further on, "Delmaz"), or about the same length
 * (a typo at the start, "Velmas").
 */
function wordsAlign(wanted: string, key: string): boolean {
  const nameWords = key.split(' ');
  return wanted
    .split(' ')
    .every((word) => nameWords.some((name) => name.slice(0, 2) === word.slice(0, 2) || Math.abs(name.length - word.length) <= 1));
}

/** "Martine D." — what a trainer's session list shows of a person. */
export function shortName(person: Pick<Beneficiary, 'firstName' | 'lastName'>): string {
  return `${person.firstName} ${person.lastName.charAt(0).toUpperCase()}.`;
}
