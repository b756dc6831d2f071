/**
 * The entities of the Pass numérique, as plain data. No I/O, no botbuilder,
 * no mongoose: every layer can import these.
 *
 * Dates are JavaScript `Date` objects (instants, stored in UTC). Wall-clock
 * reasoning (opening hours, "demain 10h") happens in Europe/Paris in the
 * domain modules that need it.
 */
import type { SessionTime } from './sessionTimes';
import type { ThemeId } from './programme';

/** Who or what caused a change: kept on every ledger entry and audit event. */
export interface Actor {
  kind: 'beneficiary' | 'prescriber' | 'trainer' | 'coordinator' | 'system';
  /** Store id of the person, or a process name for `system` (e.g. "seed"). */
  id: string;
}

export interface Beneficiary {
  id: string;
  programmeId: string;
  firstName: string;
  lastName: string;
  /** ISO calendar date, YYYY-MM-DD (no time, no zone). */
  birthDate: string;
  /** INSEE code of the commune of residence. */
  communeInsee?: string;
  /** E.164, only when the person agreed to receive SMS. */
  phone?: string;
  createdAt: Date;
  createdBy: Actor;
  /**
   * Carnets issued to the person and their hours: the programme limit is
   * guarded by ONE conditional update of these counters (no transaction).
   * Absent on records written before the counters existed; the prescription
   * service sets them from the person's carnets on first use.
   */
  booksIssued?: number;
  hoursIssued?: number;
  /** Prescriptions already counted: a replayed prescription counts once. */
  prescriptionIds?: string[];
  /**
   * The times of the sessions the person holds (domain/sessionTimes.ts),
   * changed only by a write guarded by `sessionTimesVersion`: two bookings
   * at the same hour cannot both pass. Absent on records written before;
   * the booking service sets them from the person's bookings on first use.
   */
  sessionTimes?: SessionTime[];
  sessionTimesVersion?: number;
}

/**
 * `transfer`: a move hands the hours reserved for one booking to the booking
 * that replaces it, in one write — no free hour is needed meanwhile.
 */
export type LedgerOperation = 'issue' | 'reserve' | 'release' | 'consume' | 'expire' | 'transfer';

/**
 * One change to a voucher book. Entries live inside the book document so
 * that the balance and its history change in one atomic single-document write.
 */
export interface LedgerEntry {
  /** Idempotency key: the same operation id is applied at most once per book. */
  operationId: string;
  operation: LedgerOperation;
  hours: number;
  at: Date;
  by: Actor;
  /** Why, in a few words for staff (never personal data), e.g. "booking b123". */
  reason: string;
  bookingId?: string;
  /** A `transfer`: the booking whose reserved hours now hold `bookingId`. */
  fromBookingId?: string;
}

export type VoucherBookStatus = 'active' | 'expired' | 'cancelled';

/** A carnet / chéquier: N one-hour vouchers. */
export interface VoucherBook {
  id: string;
  /** Human-readable carnet number, unique across the store. */
  number: string;
  programmeId: string;
  beneficiaryId: string;
  issuedAt: Date;
  expiresAt: Date;
  issuedBy: Actor;
  /** Prescribing structure (e.g. "Centre social de Die"). */
  structure?: string;
  hoursTotal: number;
  /**
   * hoursLeft = hoursTotal - hoursReserved - hoursConsumed - hoursExpired.
   * Stored (not derived) so that a single conditional update can guard it.
   */
  hoursLeft: number;
  hoursReserved: number;
  hoursConsumed: number;
  hoursExpired: number;
  status: VoucherBookStatus;
  ledger: LedgerEntry[];
}

export type PlaceRole = 'training' | 'prescribing';

export interface PlaceProgrammeRole {
  programmeId: string;
  roles: PlaceRole[];
}

/** A lieu de médiation numérique, cleaned from the national schema. */
export interface Place {
  id: string;
  name: string;
  address: string;
  postalCode: string;
  commune: string;
  communeInsee?: string;
  latitude: number;
  longitude: number;
  phone?: string;
  email?: string;
  website?: string;
  /** OSM opening_hours syntax, as published or the programme's default. */
  openingHours?: string;
  /** True when openingHours is the programme default, not published data. */
  openingHoursIsDefault?: boolean;
  services: string[];
  source: string;
  programmes: PlaceProgrammeRole[];
  /** SIRET of the structure (schema `pivot`), when published (never the fourteen-zero placeholder). */
  siret?: string;
  /** Day the source last updated the record (schema `date_maj`), YYYY-MM-DD. */
  updatedOn?: string;
  /** Online booking page (schema `prise_rdv`). */
  bookingUrl?: string;
  /** Audiences the place especially welcomes (schema `publics_specifiquement_adresses`: Seniors, Jeunes…). */
  audiences?: string[];
  /** Specific support it offers (schema `prise_en_charge_specifique`: Surdité, Handicaps moteurs…). */
  specificSupport?: string[];
  /** What a person pays (schema `frais_a_charge`: Gratuit, Gratuit sous condition, Payant). */
  fees?: string[];
}

export interface Trainer {
  id: string;
  programmeId: string;
  /** First name only: enough for a beneficiary to know whom they meet. */
  firstName: string;
  placeIds: string[];
  aadObjectId?: string;
  tenantId?: string;
  active: boolean;
}

export type PrescriberRole = 'prescriber' | 'coordinator';

export interface Prescriber {
  id: string;
  programmeId: string;
  displayName: string;
  structure: string;
  role: PrescriberRole;
  /** Teams identity: `from.aadObjectId` and the tenant it belongs to. */
  aadObjectId: string;
  tenantId?: string;
  active: boolean;
}

/** A session time at a place; capacity seats, one booking per seat. */
export interface Slot {
  id: string;
  programmeId: string;
  placeId: string;
  trainerId?: string;
  start: Date;
  end: Date;
  capacity: number;
  /** capacity minus active bookings; guarded by conditional updates. */
  seatsLeft: number;
  /** Ids of the bookings holding a seat: makes seat taking idempotent. */
  bookingIds: string[];
}

/**
 * The booking document is the log of a small saga (no transactions):
 * pending: being written, seat and hours not yet both held;
 * confirmed: seat and hours held, the person was told;
 * cancelling: cancelled, seat and hours being given back;
 * cancelled; attended / missed: after the session.
 * A crash leaves at most `pending` or `cancelling` bookings, which the
 * recovery sweep (services/bookingRecovery) settles at start-up.
 */
export const BOOKING_STATUSES = ['pending', 'confirmed', 'cancelling', 'cancelled', 'attended', 'missed'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export interface Booking {
  id: string;
  programmeId: string;
  slotId: string;
  beneficiaryId: string;
  voucherBookId: string;
  hours: number;
  status: BookingStatus;
  /**
   * `slotId:beneficiaryId` while the booking is active, suffixed with the
   * booking id once it ends: a plain unique index then means "one active
   * booking per person per slot" on every store (no partial indexes needed).
   */
  activeKey: string;
  /** Idempotency key of the request that made it (e.g. the activity id). */
  requestId: string;
  /** The programme theme (parcours) the person chose, when they chose one. */
  themeId?: ThemeId;
  /**
   * The person's own words for what they want to learn (« ma déclaration
   * PAC »), at most SUBJECT_MAX_CHARS, shown to the trainer; erased with the person.
   */
  subject?: string;
  createdAt: Date;
  updatedAt: Date;
  createdBy: Actor;
  /** When a cancellation was asked. */
  cancelledAt?: Date;
  /**
   * What the cancellation does to the reserved hours: per programme policy,
   * or `moved` — they go to the booking that replaces this one.
   */
  settlement?: 'release' | 'consume' | 'moved';
  /** A booking made by moving another: the one it replaces, whose reserved hours it takes over. */
  movedFrom?: string;
}

/**
 * A channel identity (a phone number on SMS, a Web Chat or Teams user id)
 * linked to a beneficiary after they proved who they are, so the next
 * question is answered at once. Stored under a keyed hash: the link never
 * holds the phone number itself.
 */
export interface ChannelLink {
  /** Hash of channelId + channel user id (see services/channelLinks). */
  key: string;
  beneficiaryId: string;
  channelId: string;
  linkedAt: Date;
}

export interface AuditEvent {
  id: string;
  at: Date;
  actor: Actor;
  programmeId?: string;
  /** e.g. "beneficiary.view", "voucherBook.prescribe", "booking.cancel". */
  action: string;
  subject: { kind: string; id: string };
  /** Non-personal details only (ids, counts, outcomes). */
  details?: Record<string, string | number | boolean>;
}
