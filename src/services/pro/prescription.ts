/**
 * Prescribing a carnet / chéquier, without transactions:
 *
 * 1. every check that needs no write (rights, birth date, commune, phone,
 *    the limit as it stands) — a refusal here writes no beneficiary data;
 * 2. the new person, under an id derived from programme + name + birth date,
 *    so two prescribers creating the same person at once make one record;
 * 3. the limit: ONE conditional update of the person's counters
 *    (`claimBookQuota`), which two concurrent prescriptions cannot both pass
 *    when one carnet is left;
 * 4. the carnet, under an id derived from the prescription id (the Teams
 *    activity id): a replay finds it instead of issuing twice. If it cannot
 *    be written, the counted carnet is given back.
 */
import { readableName } from '../../domain/personName';
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { generateVoucherBookNumber } from '../../domain/voucherBookNumber';
import type { Commune, CommuneIndex } from '../../domain/communes';
import type { Programme } from '../../domain/programme';
import { canIssueAnother, checkBirthDate, programmeLimits, type ProgrammeLimits } from '../../domain/prescriptionRules';
import { voucherBookPrefix } from '../../domain/programmeRules';
import type { Beneficiary, VoucherBook } from '../../domain/types';
import { issueVoucherBook } from '../../domain/voucherLedger';
import { normalize } from '../../nlu/normalize';
import { DuplicateKeyError } from '../../store/errors';
import type { Stores } from '../../store/repositories';
import type { NearbyPlace, PlaceSearch } from '../placeSearch';
import { actorOf, type ProAccess, type ProContext, type Refused, refused } from './proAccess';
import type { SmsOutcome, SmsSender } from './sms';

export interface NewPerson {
  firstName: string;
  lastName: string;
  birthDate: string;
  communeInsee: string;
  /** E.164, only when the person agreed to receive SMS. */
  phone?: string;
}

export interface PrescriptionRequest {
  /** Idempotency key: drawn when the confirmation is asked (dialogs/pro/PrescribeDialog.ts), so every « oui » to it is one prescription. */
  requestId: string;
  beneficiaryId?: string;
  /** The prescriber was told the new person is under the programme's assumed minimum age and confirmed. */
  minorConfirmed?: boolean;
  newPerson?: NewPerson;
  now: Date;
}

export type PrescriptionOutcome =
  | Refused
  | {
      outcome: 'prescribed';
      book: VoucherBook;
      beneficiary: Beneficiary;
      created: boolean;
      booksIssued: number;
      limits: ProgrammeLimits;
      nearestPlaces: NearbyPlace[];
      sms: SmsOutcome;
    }
  | { outcome: 'limit'; booksIssued: number; hoursIssued: number; limits: ProgrammeLimits }
  | { outcome: 'unknown_commune' }
  | { outcome: 'commune_outside_programme' }
  | { outcome: 'birth_date'; problem: 'invalid' | 'future' | 'too_old' | 'too_young' }
  | { outcome: 'not_found' };

const NUMBER_ATTEMPTS = 5;

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/** Same programme, same name (accents and case aside), same birth date: the same person. */
export function personId(programmeId: string, person: Pick<NewPerson, 'firstName' | 'lastName' | 'birthDate'>): string {
  return `ben-${hash(`${programmeId}|${normalize(person.firstName)}|${normalize(person.lastName)}|${person.birthDate}`)}`;
}

/** The quota claim of a prescription (one per request, so a replay is counted once). */
export function prescriptionClaimId(requestId: string): string {
  return `rx:${requestId}`;
}

/** The carnet a counted prescription issues: derived from its claim, so a replay finds it instead of issuing twice. */
export function claimedBookId(claimId: string): string {
  return `vb-${hash(claimId)}`;
}

export class PrescriptionService {
  constructor(
    private readonly stores: Stores,
    private readonly access: ProAccess,
    private readonly programmes: readonly Programme[],
    private readonly communes: CommuneIndex,
    private readonly placeSearch: PlaceSearch,
    private readonly sms: SmsSender,
    /** The SMS text (from locales): the service never composes wording itself. */
    private readonly smsText: (book: VoucherBook, programme: Programme) => string,
  ) {}

  async prescribe(ctx: ProContext, request: PrescriptionRequest): Promise<PrescriptionOutcome> {
    const pro = ctx.professional;
    const existing = request.beneficiaryId ? await this.stores.beneficiaries.get(request.beneficiaryId) : undefined;
    const programmeId = existing?.programmeId ?? pro?.programmeId;
    const subjectId = existing?.id ?? (request.newPerson && programmeId ? personId(programmeId, request.newPerson) : 'new');
    const decision = await this.access.check(ctx, 'voucherBook.prescribe', { kind: 'beneficiary', id: subjectId, programmeId });
    if (!decision.allowed || !pro) return refused(decision);
    const programme = this.programmes.find((p) => p.id === programmeId);
    if (!programme || (request.beneficiaryId && !existing) || (!existing && !request.newPerson)) return { outcome: 'not_found' };
    const limits = programmeLimits(programme);

    // 1. Checks that write nothing.
    let commune: Commune | undefined;
    if (request.newPerson) {
      const problem = checkBirthDate(request.newPerson.birthDate, request.now, programme.minimumAge.value);
      // An age limit the Département has not published is the prescriber's to waive, once told.
      const waived = problem === 'too_young' && programme.minimumAge.assumed && request.minorConfirmed === true;
      if (problem !== 'ok' && !waived) return { outcome: 'birth_date', problem };
      commune = this.communes.getByInsee(request.newPerson.communeInsee);
      if (!commune) return { outcome: 'unknown_commune' };
      if (commune.departement !== programme.departement.code) return { outcome: 'commune_outside_programme' };
    } else if (existing) {
      commune = existing.communeInsee ? this.communes.getByInsee(existing.communeInsee) : undefined;
      const quota = await this.currentQuota(existing);
      // A replay of a prescription already counted (its first run was cut off) is not a new one:
      // the limit it may have reached is its own; step 4 finds or issues its carnet.
      const replay = (existing.prescriptionIds ?? []).includes(prescriptionClaimId(request.requestId));
      if (!replay && !canIssueAnother(quota, limits)) {
        await this.access.record(
          ctx,
          'voucherBook.prescribe',
          { kind: 'beneficiary', id: existing.id, programmeId: programme.id },
          {
            outcome: 'refused',
            reason: 'limit',
          },
        );
        return { outcome: 'limit', ...quota, limits };
      }
    }

    // 2. The person.
    const { beneficiary, created } = existing
      ? { beneficiary: existing, created: false }
      : await this.createPerson(ctx, programme, request.newPerson!, request.now);
    if (beneficiary.booksIssued === undefined) {
      await this.stores.beneficiaries.initQuota(beneficiary.id, await this.currentQuota(beneficiary));
    }

    // 3. The limit, atomically.
    const prescriptionId = prescriptionClaimId(request.requestId);
    const bookId = claimedBookId(prescriptionId);
    const claim = await this.stores.beneficiaries.claimBookQuota(beneficiary.id, {
      prescriptionId,
      hours: limits.hoursPerBook,
      maxBooks: limits.maxBooks,
      maxHours: limits.maxHours,
    });
    if (claim === 'limit' || claim === 'uninitialised' || claim === 'not_found') {
      const quota = await this.currentQuota((await this.stores.beneficiaries.get(beneficiary.id)) ?? beneficiary);
      await this.access.record(
        ctx,
        'voucherBook.prescribe',
        { kind: 'beneficiary', id: beneficiary.id, programmeId: programme.id },
        {
          outcome: 'refused',
          reason: claim,
        },
      );
      return { outcome: 'limit', ...quota, limits };
    }

    // 4. The carnet (or, on a replay, the one already issued).
    const issued = await this.stores.voucherBooks.get(bookId);
    // The request id is the dialog's own random id, never the client's; still, a replay is only ever this person's carnet.
    if (issued && issued.beneficiaryId !== beneficiary.id) return { outcome: 'not_found' };
    const book = issued ?? (await this.issue(ctx, programme, beneficiary, bookId, prescriptionId, request.now));
    const after = (await this.stores.beneficiaries.get(beneficiary.id)) ?? beneficiary;
    if (claim === 'claimed') {
      await this.access.record(
        ctx,
        'voucherBook.prescribe',
        { kind: 'beneficiary', id: beneficiary.id, programmeId: programme.id },
        {
          voucherBookId: book.id,
          hours: book.hoursTotal,
        },
      );
    }
    const nearestPlaces = commune ? await this.placeSearch.nearestToCommune(programme.id, commune, 3) : [];
    const sms: SmsOutcome = after.phone
      ? claim === 'claimed'
        ? await this.sms.send(after.phone, this.smsText(book, programme), { idempotencyKey: prescriptionId })
        : { sent: false, reason: 'failed' }
      : { sent: false, reason: 'no_phone' };
    return {
      outcome: 'prescribed',
      book,
      beneficiary: after,
      created,
      booksIssued: after.booksIssued ?? 1,
      limits,
      nearestPlaces,
      sms,
    };
  }

  private async currentQuota(person: Beneficiary): Promise<{ booksIssued: number; hoursIssued: number }> {
    if (person.booksIssued !== undefined) return { booksIssued: person.booksIssued, hoursIssued: person.hoursIssued ?? 0 };
    const books = await this.stores.voucherBooks.listByBeneficiary(person.id);
    return { booksIssued: books.length, hoursIssued: books.reduce((sum, b) => sum + b.hoursTotal, 0) };
  }

  private async createPerson(
    ctx: ProContext,
    programme: Programme,
    person: NewPerson,
    now: Date,
  ): Promise<{ beneficiary: Beneficiary; created: boolean }> {
    const beneficiary: Beneficiary = {
      id: personId(programme.id, person),
      programmeId: programme.id,
      // Stored as read on a file: « pradel » typed is « Pradel » (domain/personName).
      firstName: readableName(person.firstName),
      lastName: readableName(person.lastName),
      birthDate: person.birthDate,
      communeInsee: person.communeInsee,
      ...(person.phone ? { phone: person.phone } : {}),
      createdAt: now,
      createdBy: actorOf(ctx.professional!),
      booksIssued: 0,
      hoursIssued: 0,
      prescriptionIds: [],
    };
    try {
      await this.stores.beneficiaries.create(beneficiary);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      // Created a moment ago by someone else (or earlier): the same person.
      const known = await this.stores.beneficiaries.get(beneficiary.id);
      if (!known) throw error;
      return { beneficiary: known, created: false };
    }
    await this.access.record(ctx, 'beneficiary.create', { kind: 'beneficiary', id: beneficiary.id, programmeId: programme.id });
    return { beneficiary, created: true };
  }

  private async issue(
    ctx: ProContext,
    programme: Programme,
    beneficiary: Beneficiary,
    bookId: string,
    prescriptionId: string,
    now: Date,
  ): Promise<VoucherBook> {
    const limits = programmeLimits(programme);
    const pro = ctx.professional!;
    try {
      for (let attempt = 1; ; attempt += 1) {
        const book = issueVoucherBook({
          id: bookId,
          number: generateVoucherBookNumber(voucherBookPrefix(programme)),
          programmeId: programme.id,
          beneficiaryId: beneficiary.id,
          hours: limits.hoursPerBook,
          issuedAt: now,
          expiresAt: DateTime.fromJSDate(now).plus({ months: programme.validityMonths.value }).toJSDate(),
          issuedBy: actorOf(pro),
          structure: pro.structure,
          reason: 'prescription',
        });
        try {
          await this.stores.voucherBooks.create(book);
          return book;
        } catch (error) {
          if (!(error instanceof DuplicateKeyError)) throw error;
          // Same id: a concurrent replay wrote it. Same number: draw another.
          const written = await this.stores.voucherBooks.get(bookId);
          if (written) return written;
          if (attempt >= NUMBER_ATTEMPTS) throw error;
        }
      }
    } catch (error) {
      await this.stores.beneficiaries.releaseBookQuota(beneficiary.id, prescriptionId, limits.hoursPerBook);
      throw error;
    }
  }
}
