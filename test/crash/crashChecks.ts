/**
 * What the crash test checks, as pure functions over the worker's complete
 * output lines (see test/support/crashWorker.ts) and the store's final
 * contents. Each check returns the list of problems it found, one line each.
 */
import type { ProgrammeLimits } from '../../src/domain/prescriptionRules';
import type { Beneficiary, Booking, Slot, VoucherBook } from '../../src/domain/types';
import { balanceFromLedger, isBalanced } from '../../src/domain/voucherLedger';
import { claimedBookId, prescriptionClaimId } from '../../src/services/pro/prescription';
import type { PrescriptionFixture } from './crashFixture';

/** Everything the worker acknowledged, over every round. */
export interface Journal {
  /** Acknowledged operations (ACK lines). */
  acks: number;
  /** Outcome counts, e.g. "book booked", "replay already_booked", "cancel cancelled". */
  outcomes: Map<string, number>;
  /** Booking id → a request acknowledged `booked` with it. */
  bookedAcks: Map<string, string>;
  /** requestId → every booking id a `booked` acknowledgement gave for it. */
  bookingIdsByRequest: Map<string, Set<string>>;
  /** requestId → refusals that wrote (then abandoned) a booking: slot_full, not_enough_hours. */
  refusedRequests: Map<string, string>;
  /** Booking id → settlement of an acknowledged cancellation. */
  cancelledAcks: Map<string, string>;
  /** Booking ids whose cancellation started (acknowledged or not). */
  cancelsBegun: Set<string>;
  /** requestId → target of every prescription begun. */
  prescriptionsBegun: Map<string, string>;
  /** requestId → every `bookId:number` an acknowledged `prescribed` gave for it. */
  prescribedAcks: Map<string, Set<string>>;
  /** Prescriptions acknowledged refused for the programme's limit. */
  limitAcks: Set<string>;
  /** Prescriptions with at least one acknowledgement, whatever it said. */
  prescriptionsAnswered: Set<string>;
  /** Per worker life, the claims it found counted without their carnet (left by a kill). */
  orphansFound: number[];
  /** Lines that follow no known format: the worker's protocol is broken. */
  malformed: string[];
}

/**
 * Refusals that may come after the booking was written `pending`, so it must
 * end `cancelled`: `slot_full` always does; `not_enough_hours` does when the
 * carnet lost its hour meanwhile, and comes before anything is written when
 * none of the person's carnets has a free hour as read (domain/carnetChoice).
 */
const REFUSED_AFTER_INSERT = new Set(['slot_full', 'not_enough_hours']);
const MAY_REFUSE_BEFORE_INSERT = new Set(['not_enough_hours']);

export function readJournal(lines: readonly string[]): Journal {
  const journal: Journal = {
    acks: 0,
    outcomes: new Map(),
    bookedAcks: new Map(),
    bookingIdsByRequest: new Map(),
    refusedRequests: new Map(),
    cancelledAcks: new Map(),
    cancelsBegun: new Set(),
    prescriptionsBegun: new Map(),
    prescribedAcks: new Map(),
    limitAcks: new Set(),
    prescriptionsAnswered: new Set(),
    orphansFound: [],
    malformed: [],
  };
  const count = (key: string) => journal.outcomes.set(key, (journal.outcomes.get(key) ?? 0) + 1);
  for (const line of lines) {
    const words = line.split(' ');
    if (/^(OPEN|SETTLED \d+ \d+|READY \d+ \d+|DONE)$/.test(line)) continue;
    if (words.length === 3 && words[0] === 'BEGIN' && words[1] === 'cancel') {
      journal.cancelsBegun.add(words[2]);
      continue;
    }
    if (words.length === 4 && words[0] === 'BEGIN' && words[1] === 'prescribe') {
      journal.prescriptionsBegun.set(words[2], words[3]);
      continue;
    }
    if (words.length === 2 && words[0] === 'ORPHANS' && /^\d+$/.test(words[1])) {
      journal.orphansFound.push(Number(words[1]));
      continue;
    }
    if (words.length !== 5 || words[0] !== 'ACK') {
      journal.malformed.push(line);
      continue;
    }
    const [, kind, key, outcome, detail] = words as [string, string, string, string, string];
    journal.acks += 1;
    count(`${kind} ${outcome}`);
    if (kind === 'book' || kind === 'replay') {
      // « already booked » may name a booking still pending, which a recovery may undo: the request is then free again.
      if (detail !== '-' && outcome === 'booked') {
        const ids = journal.bookingIdsByRequest.get(key) ?? new Set<string>();
        journal.bookingIdsByRequest.set(key, ids.add(detail));
      }
      if (outcome === 'booked') journal.bookedAcks.set(detail, key);
      if (kind === 'book' && REFUSED_AFTER_INSERT.has(outcome)) journal.refusedRequests.set(key, outcome);
    } else if (kind === 'cancel') {
      if (outcome === 'cancelled') journal.cancelledAcks.set(key, detail);
    } else if (kind === 'prescribe' || kind === 'represcribe') {
      journal.prescriptionsAnswered.add(key);
      if (outcome === 'prescribed') journal.prescribedAcks.set(key, (journal.prescribedAcks.get(key) ?? new Set<string>()).add(detail));
      if (outcome === 'limit') journal.limitAcks.add(key);
    } else {
      journal.malformed.push(line);
    }
  }
  return journal;
}

/** Prescriptions begun whose answer no life printed: the professional confirms them again. */
export function unansweredPrescriptions(journal: Journal): string[] {
  return [...journal.prescriptionsBegun.keys()].filter((id) => !journal.prescriptionsAnswered.has(id));
}

/** The store after the last kill and the start-up recovery. */
export interface Snapshot {
  bookings: Booking[];
  slots: Slot[];
  books: VoucherBook[];
  /** The people of the prescription programme, with their counters. */
  prescribed: Beneficiary[];
}

/**
 * Every acknowledged booking is still there and `confirmed`, unless its
 * cancellation was acknowledged (then `cancelled`) or started before a kill
 * (then either); every acknowledged cancellation is `cancelled` with the
 * settlement it reported. One booking per requestId, and every
 * acknowledgement of a requestId names that booking.
 */
export function lostAcknowledgements(journal: Journal, snapshot: Snapshot): string[] {
  const problems: string[] = [];
  const byId = new Map(snapshot.bookings.map((b) => [b.id, b]));
  for (const [bookingId, requestId] of journal.bookedAcks) {
    const booking = byId.get(bookingId);
    if (!booking) {
      problems.push(`booking ${bookingId} (request ${requestId}) was acknowledged booked and is gone`);
      continue;
    }
    const allowed = journal.cancelledAcks.has(bookingId)
      ? ['cancelled']
      : journal.cancelsBegun.has(bookingId)
        ? ['confirmed', 'cancelled']
        : ['confirmed'];
    if (!allowed.includes(booking.status)) {
      problems.push(`booking ${bookingId} was acknowledged booked, is ${booking.status}, expected ${allowed.join(' or ')}`);
    }
  }
  for (const [bookingId, settlement] of journal.cancelledAcks) {
    const booking = byId.get(bookingId);
    if (!booking) problems.push(`booking ${bookingId} was acknowledged cancelled and is gone`);
    else if (booking.status !== 'cancelled') problems.push(`booking ${bookingId} was acknowledged cancelled and is ${booking.status}`);
    else if (booking.settlement !== settlement) {
      problems.push(`booking ${bookingId} was cancelled with settlement ${settlement}, stored ${booking.settlement ?? 'none'}`);
    }
  }
  const byRequest = new Map<string, Booking[]>();
  for (const booking of snapshot.bookings) byRequest.set(booking.requestId, [...(byRequest.get(booking.requestId) ?? []), booking]);
  for (const [requestId, bookings] of byRequest) {
    if (bookings.length > 1) problems.push(`request ${requestId} made ${bookings.length} bookings`);
  }
  for (const [requestId, ids] of journal.bookingIdsByRequest) {
    const stored = byRequest.get(requestId)?.[0];
    if (ids.size > 1) problems.push(`request ${requestId} was answered with ${ids.size} different bookings`);
    for (const id of ids) {
      if (stored?.id !== id) problems.push(`request ${requestId} was answered with booking ${id}, stored ${stored?.id ?? 'none'}`);
    }
  }
  return problems;
}

/** The request an abandoned booking was made for (services/bookingService frees its key as « <request>:undone:<id> »). */
const UNDONE = /:undone:[^:]+$/;

/**
 * An acknowledged refusal holds nothing: its booking is abandoned
 * (`cancelled`, its request's key freed), with no seat and no hours. The
 * same request sent again may then book: that is another booking.
 */
export function heldByRefusals(journal: Journal, snapshot: Snapshot): string[] {
  const problems: string[] = [];
  const abandoned = new Map<string, Booking[]>();
  for (const b of snapshot.bookings.filter((b) => UNDONE.test(b.requestId))) {
    const request = b.requestId.replace(UNDONE, '');
    abandoned.set(request, [...(abandoned.get(request) ?? []), b]);
  }
  const seatHolders = new Set(snapshot.slots.flatMap((s) => s.bookingIds));
  for (const [requestId, outcome] of journal.refusedRequests) {
    const bookings = abandoned.get(requestId) ?? [];
    if (bookings.length === 0 && !MAY_REFUSE_BEFORE_INSERT.has(outcome))
      problems.push(`request ${requestId} was refused (${outcome}) but its abandoned booking is gone`);
    for (const booking of bookings) {
      if (booking.status !== 'cancelled') problems.push(`request ${requestId} was refused (${outcome}), its booking is ${booking.status}`);
      if (seatHolders.has(booking.id)) problems.push(`request ${requestId} was refused (${outcome}), its booking holds a seat`);
    }
  }
  return problems;
}

/**
 * Every carnet is balanced, its buckets are what its ledger says, and its
 * reserved hours are exactly those of its confirmed bookings. Per booking,
 * the ledger holds a reservation (its own, or handed over by a move's
 * `transfer`) while it is confirmed and, once cancelled, the one release,
 * consumption or hand-over (a move) its settlement asked for.
 */
export function unbalancedBooks(snapshot: Snapshot): string[] {
  const problems: string[] = [];
  for (const book of snapshot.books) {
    const buckets = {
      hoursTotal: book.hoursTotal,
      hoursLeft: book.hoursLeft,
      hoursReserved: book.hoursReserved,
      hoursConsumed: book.hoursConsumed,
      hoursExpired: book.hoursExpired,
    };
    for (const [bucket, hours] of Object.entries(buckets)) {
      if (hours < 0) problems.push(`carnet ${book.id}: ${bucket} is ${hours}`);
    }
    if (!isBalanced(book)) problems.push(`carnet ${book.id} is not balanced: ${JSON.stringify(buckets)}`);
    const rebuilt = balanceFromLedger(book.ledger);
    if (JSON.stringify(rebuilt) !== JSON.stringify(buckets)) {
      problems.push(`carnet ${book.id}: stored ${JSON.stringify(buckets)}, ledger says ${JSON.stringify(rebuilt)}`);
    }
    const operationIds = book.ledger.map((e) => e.operationId);
    if (new Set(operationIds).size !== operationIds.length) problems.push(`carnet ${book.id}: an operation id appears twice`);
    const bookings = snapshot.bookings.filter((b) => b.voucherBookId === book.id);
    const reserved = bookings.filter((b) => b.status === 'confirmed').reduce((sum, b) => sum + b.hours, 0);
    if (reserved !== book.hoursReserved) {
      problems.push(`carnet ${book.id}: ${book.hoursReserved} hours reserved, its confirmed bookings hold ${reserved}`);
    }
    for (const booking of bookings) {
      const has = ledgerOfBooking(book, booking.id);
      const received = has('reserve') || has('transfer in');
      if (booking.status === 'confirmed') {
        if (!received || has('release') || has('consume') || has('transfer out')) {
          problems.push(`carnet ${book.id}: confirmed booking ${booking.id} has ledger ${ledgerOf(has)}`);
        }
      } else if (booking.status === 'cancelled' && received) {
        // A move hands the hours to the new booking (`transfer`): the old one gives nothing back itself.
        const expected: LedgerKind =
          booking.settlement === 'consume' ? 'consume' : booking.settlement === 'moved' ? 'transfer out' : 'release';
        const others = (['release', 'consume', 'transfer out'] as const).filter((kind) => kind !== expected);
        if (!has(expected) || others.some(has)) {
          problems.push(
            `carnet ${book.id}: cancelled booking ${booking.id} (${booking.settlement ?? 'abandoned'}) has ledger ${ledgerOf(has)}`,
          );
        }
      } else if (booking.status === 'cancelled' && (has('release') || has('consume') || has('transfer out'))) {
        problems.push(`carnet ${book.id}: booking ${booking.id} gave back hours it never reserved`);
      }
    }
  }
  return problems;
}

type LedgerKind = 'reserve' | 'release' | 'consume' | 'transfer in' | 'transfer out';

/**
 * What a carnet's ledger did for one booking: its own `reserve:`, `release:`
 * and `consume:` entries, and the move's `transfer` that handed it hours
 * (`transfer in`, keyed by the new booking) or took them on (`transfer out`,
 * naming it as `fromBookingId`).
 */
function ledgerOfBooking(book: VoucherBook, bookingId: string): (kind: LedgerKind) => boolean {
  const kinds = new Set<LedgerKind>();
  for (const entry of book.ledger) {
    if (entry.operation === 'transfer') {
      if (entry.bookingId === bookingId) kinds.add('transfer in');
      if (entry.fromBookingId === bookingId) kinds.add('transfer out');
    } else if (entry.operationId === `${entry.operation}:${bookingId}`) {
      if (entry.operation === 'reserve' || entry.operation === 'release' || entry.operation === 'consume') kinds.add(entry.operation);
    }
  }
  return (kind) => kinds.has(kind);
}

function ledgerOf(has: (kind: LedgerKind) => boolean): string {
  return (['reserve', 'transfer in', 'release', 'consume', 'transfer out'] as const).filter(has).join('+') || 'empty';
}

/**
 * Every slot: seats never below zero nor above capacity, seats left plus
 * holders equal the capacity, and the holders are exactly its confirmed bookings.
 */
export function brokenSlots(snapshot: Snapshot): string[] {
  const problems: string[] = [];
  for (const slot of snapshot.slots) {
    const holders = new Set(slot.bookingIds);
    if (slot.seatsLeft < 0) problems.push(`slot ${slot.id}: seatsLeft ${slot.seatsLeft}`);
    if (slot.bookingIds.length > slot.capacity) {
      problems.push(`slot ${slot.id}: ${slot.bookingIds.length} bookings for capacity ${slot.capacity}`);
    }
    if (holders.size !== slot.bookingIds.length) problems.push(`slot ${slot.id}: a booking holds two seats`);
    if (slot.seatsLeft + slot.bookingIds.length !== slot.capacity) {
      problems.push(`slot ${slot.id}: ${slot.seatsLeft} seats left + ${slot.bookingIds.length} held ≠ capacity ${slot.capacity}`);
    }
    const confirmed = snapshot.bookings.filter((b) => b.slotId === slot.id && b.status === 'confirmed');
    for (const booking of confirmed) {
      if (!holders.has(booking.id)) problems.push(`slot ${slot.id}: confirmed booking ${booking.id} holds no seat`);
    }
    const confirmedIds = new Set(confirmed.map((b) => b.id));
    for (const id of holders) {
      if (!confirmedIds.has(id)) problems.push(`slot ${slot.id}: seat held by ${id}, which is not a confirmed booking of it`);
    }
    const people = confirmed.map((b) => b.beneficiaryId);
    if (new Set(people).size !== people.length) problems.push(`slot ${slot.id}: one person holds two active bookings`);
  }
  return problems;
}

/** After start-up recovery no booking is half-way through the saga. */
export function halfFinished(snapshot: Snapshot): string[] {
  return snapshot.bookings
    .filter((b) => b.status === 'pending' || b.status === 'cancelling')
    .map((b) => `booking ${b.id} left ${b.status}`);
}

/**
 * Prescriptions: every acknowledged one is there once — the carnet its
 * answer named, under the id derived from its request, counted in its
 * person's claims — and every answer for the same request named the same
 * carnet; a refusal for the limit issued and counted nothing. Per person,
 * the programme's limit holds on the carnets and on the counters, every
 * prescribed carnet is counted, and the counters are the fixture's carnets
 * plus the claims. Only once every prescription was answered (`final`) must
 * each claim have its carnet: until then a kill between the claim and the
 * carnet leaves a claim the professional's second confirmation completes.
 */
export function prescriptionProblems(
  journal: Journal,
  snapshot: Snapshot,
  fixture: PrescriptionFixture,
  limits: ProgrammeLimits,
  final: boolean,
): string[] {
  const problems: string[] = [];
  const books = new Map(snapshot.books.map((b) => [b.id, b]));
  const people = new Map(snapshot.prescribed.map((p) => [p.id, p]));
  const claimed = (person: Beneficiary | undefined, requestId: string) =>
    (person?.prescriptionIds ?? []).includes(prescriptionClaimId(requestId));
  for (const [outcome] of journal.outcomes) {
    if (/^(prescribe|represcribe) /.test(outcome) && !/ (prescribed|limit)$/.test(outcome))
      problems.push(`a prescription was answered ${outcome}`);
  }
  for (const [requestId, answers] of journal.prescribedAcks) {
    if (answers.size > 1)
      problems.push(`prescription ${requestId} was answered with ${answers.size} different carnets: ${[...answers].join(', ')}`);
    for (const answer of answers) {
      const [bookId, number] = answer.split(':');
      const book = books.get(bookId);
      if (bookId !== claimedBookId(prescriptionClaimId(requestId)))
        problems.push(`prescription ${requestId} answered with carnet ${bookId}, not the one its request derives`);
      if (!book) {
        problems.push(`prescription ${requestId} was acknowledged (carnet ${number}) and its carnet is gone`);
        continue;
      }
      if (book.number !== number) problems.push(`prescription ${requestId} was answered carnet ${number}, stored ${book.number}`);
      if (book.hoursTotal !== limits.hoursPerBook)
        problems.push(`carnet ${book.id} holds ${book.hoursTotal} hours, the programme gives ${limits.hoursPerBook}`);
      if (!claimed(people.get(book.beneficiaryId), requestId))
        problems.push(`prescription ${requestId} issued carnet ${book.id} but is not counted`);
    }
  }
  for (const requestId of journal.limitAcks) {
    if (journal.prescribedAcks.has(requestId)) continue;
    if (books.has(claimedBookId(prescriptionClaimId(requestId))))
      problems.push(`prescription ${requestId} was refused for the limit, yet its carnet exists`);
    if (snapshot.prescribed.some((p) => claimed(p, requestId)))
      problems.push(`prescription ${requestId} was refused for the limit, yet it is counted`);
  }
  const fixtureBooks = new Set(fixture.fixtureBookIds);
  for (const person of snapshot.prescribed) {
    const own = snapshot.books.filter((b) => b.beneficiaryId === person.id);
    const hours = own.reduce((sum, b) => sum + b.hoursTotal, 0);
    if (limits.maxBooks !== null && own.length > limits.maxBooks)
      problems.push(`${person.id} holds ${own.length} carnets, limit ${limits.maxBooks}`);
    if (limits.maxHours !== null && hours > limits.maxHours) problems.push(`${person.id} holds ${hours} hours, limit ${limits.maxHours}`);
    const prescribedBooks = own.filter((b) => !fixtureBooks.has(b.id));
    if (person.booksIssued === undefined) {
      if (prescribedBooks.length > 0) problems.push(`${person.id} has ${prescribedBooks.length} prescribed carnets and no counters`);
      continue;
    }
    const claims = person.prescriptionIds ?? [];
    if (new Set(claims).size !== claims.length) problems.push(`${person.id}: a prescription is counted twice`);
    const claimedBooks = new Set(claims.map((claim) => claimedBookId(claim)));
    for (const book of prescribedBooks) {
      if (!claimedBooks.has(book.id)) problems.push(`${person.id}: carnet ${book.id} was issued without being counted`);
    }
    const fromFixture = own.filter((b) => fixtureBooks.has(b.id));
    const expectedBooks = fromFixture.length + claims.length;
    const expectedHours = fromFixture.reduce((sum, b) => sum + b.hoursTotal, 0) + claims.length * limits.hoursPerBook;
    if (person.booksIssued !== expectedBooks || person.hoursIssued !== expectedHours) {
      problems.push(
        `${person.id}: counters say ${person.booksIssued} carnets / ${person.hoursIssued} h, carnets and claims say ${expectedBooks} / ${expectedHours} h`,
      );
    }
    if (limits.maxBooks !== null && person.booksIssued > limits.maxBooks)
      problems.push(`${person.id}: ${person.booksIssued} carnets counted, limit ${limits.maxBooks}`);
    if (limits.maxHours !== null && (person.hoursIssued ?? 0) > limits.maxHours)
      problems.push(`${person.id}: ${person.hoursIssued} hours counted, limit ${limits.maxHours}`);
    const ownIds = new Set(own.map((b) => b.id));
    const orphans = [...claimedBooks].filter((id) => !ownIds.has(id));
    if (final && orphans.length > 0)
      problems.push(`${person.id}: ${orphans.length} prescriptions counted without their carnet after every one was answered`);
  }
  return problems;
}
