/**
 * Repository interfaces: what the services may ask of a store. Two
 * implementations (embedded/ and mongo/) pass the same contract suite in
 * test/store/. Every method that protects an invariant is ONE single-document
 * conditional write: no multi-document transactions, so the guarantees hold
 * on MongoDB, on MongoDB-compatible servers and on the embedded store alike.
 *
 * All methods return copies: mutating a returned object never changes the store.
 */
import type { Counters } from './counterSpec';
import type { Programme } from '../domain/programme';
import type { SessionTime } from '../domain/sessionTimes';
import type {
  AuditEvent,
  Beneficiary,
  Booking,
  BookingStatus,
  ChannelLink,
  LedgerEntry,
  Place,
  PlaceRole,
  Prescriber,
  Slot,
  Trainer,
  VoucherBook,
} from '../domain/types';
import type { LedgerResult } from '../domain/voucherLedger';
import type { ContactReference, OutboxMessage, OutboxStatus } from '../domain/outbox';

/** Result of an idempotent upsert, for import summaries. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface ProgrammeRepository {
  upsert(programme: Programme): Promise<UpsertOutcome>;
  get(id: string): Promise<Programme | undefined>;
  list(): Promise<Programme[]>;
}

export interface BeneficiaryRepository {
  /** Throws DuplicateKeyError when the id exists. */
  create(beneficiary: Beneficiary): Promise<void>;
  get(id: string): Promise<Beneficiary | undefined>;
  /** Exact match on birth date, within one programme. */
  findByBirthDate(programmeId: string, birthDate: string): Promise<Beneficiary[]>;
  /** The people whose phone on file (E.164) is this one. */
  findByPhone(phone: string): Promise<Beneficiary[]>;
  /** Every beneficiary of a programme (name search happens in memory, typo-tolerant). */
  listByProgramme(programmeId: string): Promise<Beneficiary[]>;
  /** Sets the quota counters only where they are still absent; false when they exist. */
  initQuota(id: string, quota: { booksIssued: number; hoursIssued: number }): Promise<boolean>;
  /**
   * Counts one more carnet in ONE conditional write guarded by the limits
   * (null: no limit) and by "this prescription is not counted yet".
   */
  claimBookQuota(id: string, claim: QuotaClaim): Promise<QuotaClaimOutcome>;
  /** Gives a claimed carnet back (its book could not be written). */
  releaseBookQuota(id: string, prescriptionId: string, hours: number): Promise<boolean>;
  /** Sets the session times only where they are still absent (records written before them); false when they exist. */
  initSessionTimes(id: string, times: SessionTime[]): Promise<boolean>;
  /**
   * Adds a session's time to the person in ONE write guarded by the version
   * read with the times: refused when it overlaps a time held (except the
   * booking `except`, which a move gives up). Holding it already is claimed.
   */
  claimSessionTime(id: string, time: SessionTime, except?: string): Promise<SessionTimeClaim>;
  /** Frees a booking's time (cancelled, undone, moved from); false when it was not held. */
  releaseSessionTime(id: string, bookingId: string): Promise<boolean>;
  /** Sets the phone (E.164) or removes it when undefined. */
  setPhone(id: string, phone: string | undefined): Promise<boolean>;
  /** Erases the person (GDPR). Returns false when there was nobody. */
  delete(id: string): Promise<boolean>;
  count(programmeId?: string): Promise<number>;
}

export type SessionTimeClaim =
  { outcome: 'claimed' } | { outcome: 'overlaps'; held: SessionTime } | { outcome: 'uninitialised' } | { outcome: 'not_found' };

export interface QuotaClaim {
  prescriptionId: string;
  hours: number;
  maxBooks: number | null;
  maxHours: number | null;
}

/** `uninitialised`: the counters are absent (call initQuota first). */
export type QuotaClaimOutcome = 'claimed' | 'duplicate' | 'limit' | 'uninitialised' | 'not_found';

export interface VoucherBookRepository {
  /** Throws DuplicateKeyError when the id or the carnet number exists. */
  create(book: VoucherBook): Promise<void>;
  get(id: string): Promise<VoucherBook | undefined>;
  getByNumber(number: string): Promise<VoucherBook | undefined>;
  listByBeneficiary(beneficiaryId: string): Promise<VoucherBook[]>;
  /**
   * Applies one ledger entry (reserve, release, consume, expire) in a single
   * conditional write guarded by the domain's `ledgerEffect`: the giving
   * bucket holds enough hours, the book is active (and unexpired for a
   * reservation), and the entry's operationId is not in the ledger yet.
   */
  applyEntry(bookId: string, entry: LedgerEntry): Promise<LedgerResult>;
  /** Books still active whose expiry date is at or before `at`. */
  listExpiring(at: Date): Promise<VoucherBook[]>;
  /** Marks an active book expired (after its hours moved to hoursExpired). */
  markExpired(bookId: string): Promise<boolean>;
  count(programmeId?: string): Promise<number>;
  /** Every book of a programme, any status, by issue date (the figures read their ledgers). */
  listByProgramme(programmeId: string): Promise<VoucherBook[]>;
}

export interface PlaceQuery {
  programmeId?: string;
  role?: PlaceRole;
}

export interface PlaceRepository {
  /** Idempotent by id: writing the same place twice reports `unchanged`. */
  upsert(place: Place): Promise<UpsertOutcome>;
  get(id: string): Promise<Place | undefined>;
  list(query?: PlaceQuery): Promise<Place[]>;
  count(query?: PlaceQuery): Promise<number>;
}

export interface TrainerRepository {
  upsert(trainer: Trainer): Promise<UpsertOutcome>;
  get(id: string): Promise<Trainer | undefined>;
  listByPlace(placeId: string): Promise<Trainer[]>;
  list(programmeId: string): Promise<Trainer[]>;
  findByAadObjectId(aadObjectId: string): Promise<Trainer | undefined>;
}

export interface PrescriberRepository {
  upsert(prescriber: Prescriber): Promise<UpsertOutcome>;
  get(id: string): Promise<Prescriber | undefined>;
  /** Active prescriber with this Teams identity (and tenant, when given). */
  findByAadObjectId(aadObjectId: string, tenantId?: string): Promise<Prescriber | undefined>;
  list(programmeId: string): Promise<Prescriber[]>;
}

export interface SlotQuery {
  placeId?: string;
  programmeId?: string;
  /** Slots starting at or after. */
  from?: Date;
  /** Slots starting before. */
  to?: Date;
  /** Only slots with a free seat. */
  onlyFree?: boolean;
  limit?: number;
  /** The latest first (with `limit`: the last sessions published, for the booking horizon). */
  latestFirst?: boolean;
}

export type TakeSeatOutcome = 'taken' | 'already_held' | 'full' | 'not_found';
export type ReleaseSeatOutcome = 'released' | 'not_held';

export interface SlotRepository {
  insertMany(slots: Slot[]): Promise<void>;
  get(id: string): Promise<Slot | undefined>;
  /** Sorted by start time. */
  list(query: SlotQuery): Promise<Slot[]>;
  /** One conditional write: a free seat exists and this booking holds none. */
  takeSeat(slotId: string, bookingId: string): Promise<TakeSeatOutcome>;
  /** One conditional write: only when this booking holds a seat. */
  releaseSeat(slotId: string, bookingId: string): Promise<ReleaseSeatOutcome>;
  count(query?: SlotQuery): Promise<number>;
  /**
   * Deletes those of these slots that hold no booking (one conditional
   * delete: a seat taken meanwhile keeps its slot). Returns how many went.
   */
  removeUnbooked(slotIds: string[]): Promise<number>;
}

export interface BookingQuery {
  programmeId?: string;
  beneficiaryId?: string;
  slotId?: string;
  voucherBookId?: string;
  statuses?: BookingStatus[];
}

export interface BookingRepository {
  /** Throws DuplicateKeyError on the same id, activeKey or requestId. */
  insert(booking: Booking): Promise<void>;
  get(id: string): Promise<Booking | undefined>;
  getByRequestId(requestId: string): Promise<Booking | undefined>;
  list(query: BookingQuery): Promise<Booking[]>;
  /**
   * Moves a booking to `to` only if its status is one of `from` (one
   * conditional write). Returns the updated booking, or undefined when the
   * booking is missing or was not in an allowed status. The patch may
   * free the booking's keys (activeKey, requestId) as it ends. `at` is
   * the caller's clock: the recovery sweep compares it with its own.
   */
  transition(
    id: string,
    from: BookingStatus[],
    to: BookingStatus,
    at: Date,
    patch?: Partial<Pick<Booking, 'activeKey' | 'requestId' | 'cancelledAt' | 'settlement'>>,
  ): Promise<Booking | undefined>;
  /** Drops the person's own words from every booking of theirs (erasure); returns how many held some. */
  forgetSubjects(beneficiaryId: string): Promise<number>;
}

export interface AuditQuery {
  programmeId?: string;
  subjectId?: string;
  actorId?: string;
  limit?: number;
}

export interface AuditRepository {
  append(event: AuditEvent): Promise<void>;
  /** Newest first. */
  list(query: AuditQuery): Promise<AuditEvent[]>;
}

export interface ChannelLinkRepository {
  /** Creates or replaces the link of this channel identity. */
  link(link: ChannelLink): Promise<void>;
  get(key: string): Promise<ChannelLink | undefined>;
  /** Forgets this channel identity ("oublier cet appareil"). */
  unlink(key: string): Promise<boolean>;
  /** Forgets every channel identity of a beneficiary (erasure); returns how many. */
  unlinkBeneficiary(beneficiaryId: string): Promise<number>;
}

/** One stored piece of bot state (a conversation's or a user's). */
export interface StateDocument {
  key: string;
  /** The state, serialised as JSON (its keys may hold "$" or "."). */
  json: string;
  eTag: string;
}

/** A state written: when, by the bot's clock (the retention purge compares it with its own). */
export interface StateWrite extends StateDocument {
  writtenAt: Date;
}

/**
 * The few atomic primitives botbuilder's Storage needs; the eTag rules are
 * written once in store/botStateStorage.ts on top of these.
 */
export interface StateDocumentRepository {
  read(keys: string[]): Promise<StateDocument[]>;
  /** Creates the document; false when the key already exists. */
  insert(doc: StateWrite): Promise<boolean>;
  /** Replaces it only if its stored eTag is `expectedETag`; false otherwise. */
  replaceIfMatch(doc: StateWrite, expectedETag: string): Promise<boolean>;
  /** Writes unconditionally (eTag "*" or none). */
  upsert(doc: StateWrite): Promise<void>;
  delete(keys: string[]): Promise<void>;
  /**
   * Deletes conversation states (not user states: they hold the SMS opt-out)
   * last written before `before`; returns how many went.
   */
  deleteConversationsWrittenBefore(before: Date): Promise<number>;
  /** Deletes every document whose key starts with `prefix`; returns how many went. */
  deleteByPrefix(prefix: string): Promise<number>;
  /** Deletes the keys from `from` (included) to `to` (excluded), in code-unit order: one indexed query, whatever their number. */
  deleteKeysBetween(from: string, to: string): Promise<number>;
}

/** Small key/value facts about the store itself, e.g. when demo data was seeded. */
export interface MetaRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface ContactReferenceRepository {
  /** Creates or replaces the reference of this person on this channel. */
  put(reference: ContactReference): Promise<void>;
  get(id: string): Promise<ContactReference | undefined>;
  listByBeneficiary(beneficiaryId: string): Promise<ContactReference[]>;
  /** Consent off for every reference of this channel identity ("ne plus recevoir de messages"); returns how many. */
  withdrawByChannelKey(channelKey: string, at: Date): Promise<number>;
  /**
   * SMS STOP / START of a channel identity, kept apart from the references:
   * a number may send STOP before any reference exists, and it holds for
   * every person using it. Survives erasure (a STOP is honoured forever).
   */
  setOptOut(channelKey: string, optedOut: boolean, at: Date): Promise<void>;
  isOptedOut(channelKey: string): Promise<boolean>;
  /** Erasure: forgets every reference of a person; returns how many. */
  deleteBeneficiary(beneficiaryId: string): Promise<number>;
}

export interface OutboxQuery {
  beneficiaryId?: string;
  bookingId?: string;
  statuses?: OutboxStatus[];
}

/**
 * Persisted outbox. Each state change is ONE conditional write, and a
 * sender owns a message only through `claim` (a lease with an expiry), so
 * two dispatchers on one store never send the same message twice, and a
 * dispatcher that died mid-send leaves it to the next once the lease ends.
 */
export interface OutboxRepository {
  /** Creates the message; false when one with this id exists (whatever its status). */
  add(message: OutboxMessage): Promise<boolean>;
  /** Moves a pending message to a new due time (a session moved); false when not pending. */
  reschedule(id: string, dueAt: Date, now: Date): Promise<boolean>;
  get(id: string): Promise<OutboxMessage | undefined>;
  list(query: OutboxQuery): Promise<OutboxMessage[]>;
  /** Pending, due at `now`, nobody holding a live lease; by next attempt time. */
  listDue(now: Date, limit: number): Promise<OutboxMessage[]>;
  /** Takes the lease (and counts one attempt) only if the message is still free and due. */
  claim(id: string, owner: string, now: Date, leaseMs: number): Promise<OutboxMessage | undefined>;
  /** The holder reports: sent, to retry at `nextAttemptAt`, failed, or cancelled. */
  markSent(id: string, owner: string, now: Date): Promise<boolean>;
  markRetry(id: string, owner: string, nextAttemptAt: Date, reason: string, now: Date): Promise<boolean>;
  markFailed(id: string, owner: string, reason: string, now: Date): Promise<boolean>;
  /** Cancels a message by its holder (owner given) or while pending and unheld. */
  cancel(id: string, reason: string, now: Date, owner?: string): Promise<boolean>;
  /** Stores the 1–5 answer of a sent feedback question; false when there is none to answer. */
  recordRating(id: string, rating: number, at: Date): Promise<boolean>;
  deleteBeneficiary(beneficiaryId: string): Promise<number>;
}

export interface Stores {
  /** 'embedded' or 'mongodb': for logs and readiness. */
  readonly kind: 'embedded' | 'mongodb';
  readonly programmes: ProgrammeRepository;
  readonly beneficiaries: BeneficiaryRepository;
  readonly voucherBooks: VoucherBookRepository;
  readonly places: PlaceRepository;
  readonly trainers: TrainerRepository;
  readonly prescribers: PrescriberRepository;
  readonly slots: SlotRepository;
  readonly bookings: BookingRepository;
  readonly audit: AuditRepository;
  readonly channelLinks: ChannelLinkRepository;
  readonly botState: StateDocumentRepository;
  readonly meta: MetaRepository;
  readonly contactReferences: ContactReferenceRepository;
  readonly outbox: OutboxRepository;
  /** Rate counters (request limits, identity lockouts), kept beside the data: see counters.ts. */
  readonly counters: Counters;
  /** Resolves when the store answers; rejects (StoreUnavailableError) otherwise. */
  ping(): Promise<void>;
  /**
   * Rewrites the datafiles so deleted documents are gone from disk, not only
   * from the collections (the embedded store's files are append-only until
   * compacted): erasure calls it before telling the person it is done. A
   * no-op where the database itself removes deleted documents.
   */
  compact(): Promise<void>;
  /** Removes every document of every collection (demo reset, tests). */
  clearAll(): Promise<void>;
  /** Flushes and closes; the object is unusable afterwards. */
  close(): Promise<void>;
}
