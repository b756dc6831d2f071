/**
 * Booking and cancelling a session, without multi-document transactions.
 *
 * The booking document is written first (status `pending`) and serves as the
 * log of a small saga: take a seat in the slot, reserve the hours in the
 * book, then mark it `confirmed`. Each step is one conditional write keyed by
 * the booking id, so it is idempotent; a step that fails undoes the earlier
 * ones. A crash between steps leaves a `pending` (or `cancelling`) booking
 * that `settleInterrupted` finishes at start-up. The person is told
 * "c'est réservé" only after `confirmed` is written.
 */
import { newId } from '../domain/ids';
import { cancellationSettlement, slotHours, SUBJECT_MAX_CHARS } from '../domain/bookingRules';
import type { BookingEvent } from '../domain/outbox';
import type { Programme, ThemeId } from '../domain/programme';
import type { SessionTime } from '../domain/sessionTimes';
import type { Actor, Booking, LedgerEntry, Slot, VoucherBook } from '../domain/types';
import { heldBookingIds } from '../domain/voucherLedger';
import { carnetToBook, whyNoCarnet } from '../domain/carnetChoice';
import { DuplicateKeyError } from '../store/errors';
import type { Stores } from '../store/repositories';

export type BookOutcome =
  | { outcome: 'booked'; booking: Booking }
  | { outcome: 'already_booked'; booking?: Booking }
  /** The person already holds a session at that time (`held`: it); two places at once is never booked. */
  | { outcome: 'overlaps'; held?: Booking }
  | { outcome: 'slot_full' }
  | { outcome: 'slot_past' }
  | { outcome: 'not_enough_hours' }
  | { outcome: 'book_expired' }
  | { outcome: 'not_found' };

export type CancelOutcome =
  { outcome: 'cancelled'; booking: Booking; settlement: 'release' | 'consume' } | { outcome: 'not_cancellable' } | { outcome: 'not_found' };

export type MoveOutcome =
  | { outcome: 'moved'; booking: Booking }
  /** Moving books the new session before releasing the old one: it needs one free hour meanwhile. */
  | { outcome: 'needs_free_hour' }
  | { outcome: 'not_movable' }
  | Exclude<BookOutcome, { outcome: 'booked' } | { outcome: 'not_enough_hours' }>;

/** What cancelling now would do to the hours, to tell the person before they confirm. */
export type CancellationPreview = { outcome: 'cancellable'; settlement: 'release' | 'consume' } | { outcome: 'not_cancellable' };

export interface BookRequest {
  /**
   * Idempotency key, scoped to the asker (services/requestKey.ts). A replay
   * returns the first result, only to the person it belongs to.
   */
  requestId: string;
  beneficiaryId: string;
  /** The carnet is not asked: the service books on the one the rules choose (domain/carnetChoice.ts). */
  slotId: string;
  actor: Actor;
  now: Date;
  themeId?: ThemeId;
  /** The person's own words for the subject, for the trainer (cut to SUBJECT_MAX_CHARS). */
  subject?: string;
  /** The channel the person asked from: the reply there is their confirmation. */
  channelId?: string;
}

/** Options of a cancellation. */
export interface CancelOptions {
  /** A move gives the hour back whatever the notice: the person keeps a session. */
  forceSettlement?: 'release';
  /** The channel the person asked from: the reply there is their confirmation. */
  channelId?: string;
}

const reserveId = (bookingId: string) => `reserve:${bookingId}`;
const releaseId = (bookingId: string) => `release:${bookingId}`;
const consumeId = (bookingId: string) => `consume:${bookingId}`;
const transferId = (bookingId: string) => `transfer:${bookingId}`;
/** A request whose carnet lost its last hour to another request meanwhile chooses again, this many times at most. */
const MAX_CARNET_ATTEMPTS = 2;
/** Once a booking has ended, its activeKey no longer blocks a new one. */
const endedKey = (booking: Booking) => `${booking.slotId}:${booking.beneficiaryId}:ended:${booking.id}`;
/** An abandoned booking keeps its request's key, marked, so that the request itself is free again. */
const undoneKey = (booking: Booking) => `${booking.requestId}:undone:${booking.id}`;

export type { BookingEvent };

/** A booking whose status changed, and, when a person asked for it, what they asked. */
export interface BookingChange {
  booking: Booking;
  now: Date;
  /**
   * Absent for the inner steps of a move and for the start-up recovery:
   * the reminders follow those, but nobody asked for them.
   */
  request?: {
    event: BookingEvent;
    actor: Actor;
    /** The channel the request came from (its reply was the confirmation there). */
    channelId?: string;
    /** A move: the session given up. */
    previous?: Booking;
  };
}

/** Told after a booking is confirmed or cancelled (the reminders and confirmations follow it). */
export type BookingListener = (change: BookingChange) => Promise<void>;

export class BookingService {
  private readonly listeners: BookingListener[] = [];

  constructor(private readonly stores: Stores) {}

  /** Listeners run after the change is stored; they handle their own errors (a booking is never undone by them). */
  onChange(listener: BookingListener): void {
    this.listeners.push(listener);
  }

  private async changed(booking: Booking | undefined, now: Date, request?: BookingChange['request']): Promise<void> {
    if (!booking) return;
    for (const listener of this.listeners) await listener({ booking, now, request });
  }

  /**
   * The person's sessions still ahead are told to the listeners again, as
   * if just changed: once they said yes to reminders, every session gets
   * its reminder planned, not only the one booked then (a session booked
   * elsewhere, or before reminders existed, had none). Nobody asked for a
   * change: no confirmation is sent.
   */
  async replanUpcoming(beneficiaryId: string, now: Date): Promise<void> {
    for (const booking of await this.stores.bookings.list({ beneficiaryId, statuses: ['confirmed'] })) {
      const slot = await this.stores.slots.get(booking.slotId);
      if (slot && slot.start.getTime() > now.getTime()) await this.changed(booking, now);
    }
  }

  async book(request: BookRequest): Promise<BookOutcome> {
    const outcome = await this.bookSeat(request);
    if (outcome.outcome === 'booked') {
      await this.changed(outcome.booking, request.now, { event: 'booked', actor: request.actor, channelId: request.channelId });
    }
    return outcome;
  }

  /**
   * The booking saga, telling listeners only that the state changed (the
   * caller says what was asked). The carnet is the one the rules choose
   * among the person's; when another request took its last free hour
   * meanwhile, the choice is made again from what is stored (`attempt`).
   */
  private async bookSeat(request: BookRequest, replacing?: string, attempt = 0): Promise<BookOutcome> {
    const replay = await this.stores.bookings.getByRequestId(request.requestId);
    if (replay) return replayOutcome(replay, request);

    const [slot, books] = await Promise.all([
      this.stores.slots.get(request.slotId),
      this.stores.voucherBooks.listByBeneficiary(request.beneficiaryId),
    ]);
    if (!slot || !books.some((b) => b.programmeId === slot.programmeId)) return { outcome: 'not_found' };
    if (slot.start.getTime() <= request.now.getTime()) return { outcome: 'slot_past' };
    const book = carnetToBook(books, slot);
    if (!book) return { outcome: whyNoCarnet(books, slot, request.now) };

    const booking = pendingBooking(request, book.id, slot);
    const refused = await this.insertPending(booking, request);
    if (refused) return refused;
    const clash = await this.holdTime(booking, slot, request.now, replacing);
    if (clash) return clash;

    const seat = await this.stores.slots.takeSeat(slot.id, booking.id);
    if (seat === 'full' || seat === 'not_found') {
      await this.abandon(booking, request.now);
      return { outcome: 'slot_full' };
    }

    const reserved = await this.stores.voucherBooks.applyEntry(
      book.id,
      this.entry(booking, 'reserve', reserveId(booking.id), request.actor, request.now),
    );
    if (reserved.outcome !== 'applied' && reserved.outcome !== 'duplicate') {
      await this.stores.slots.releaseSeat(slot.id, booking.id);
      await this.abandon(booking, request.now);
      // Its last hour taken by another request at the same moment: another carnet of the person's may still have one.
      if (reserved.outcome === 'insufficient' && attempt < MAX_CARNET_ATTEMPTS) return this.bookSeat(request, replacing, attempt + 1);
      return { outcome: reserved.outcome === 'expired' ? 'book_expired' : 'not_enough_hours' };
    }

    const confirmed = await this.stores.bookings.transition(booking.id, ['pending'], 'confirmed', request.now);
    // Only a concurrent recovery sweep could have moved it; report what is stored.
    return confirmed ? { outcome: 'booked', booking: confirmed } : { outcome: 'not_found' };
  }

  /**
   * The saga's second step: the slot's time taken in the person's day, by
   * the guarded write that refuses an overlap (domain/sessionTimes.ts), so
   * that two requests at once for the same hour cannot both pass. What to
   * answer instead (the pending booking undone), or undefined once held.
   * `replacing`: the booking a move gives up, which the new time may overlap.
   */
  private async holdTime(booking: Booking, slot: Slot, now: Date, replacing?: string): Promise<BookOutcome | undefined> {
    const time = { bookingId: booking.id, start: slot.start, end: slot.end };
    let claim = await this.stores.beneficiaries.claimSessionTime(booking.beneficiaryId, time, replacing);
    if (claim.outcome === 'uninitialised') {
      // A person recorded before the times existed: theirs from the bookings they hold, set once.
      await this.stores.beneficiaries.initSessionTimes(booking.beneficiaryId, await this.heldTimes(booking.beneficiaryId, booking.id));
      claim = await this.stores.beneficiaries.claimSessionTime(booking.beneficiaryId, time, replacing);
    }
    if (claim.outcome === 'claimed') return undefined;
    await this.abandon(booking, now);
    if (claim.outcome !== 'overlaps') return { outcome: 'not_found' };
    const held = await this.stores.bookings.get(claim.held.bookingId);
    return { outcome: 'overlaps', ...(held ? { held } : {}) };
  }

  /** The times of the sessions a person holds, read from the bookings (but `except`). */
  private async heldTimes(beneficiaryId: string, except: string): Promise<SessionTime[]> {
    const bookings = await this.stores.bookings.list({ beneficiaryId, statuses: ['pending', 'confirmed', 'cancelling'] });
    const times: SessionTime[] = [];
    for (const held of bookings) {
      if (held.id === except) continue;
      const slot = await this.stores.slots.get(held.slotId);
      if (slot) times.push({ bookingId: held.id, start: slot.start, end: slot.end });
    }
    return times;
  }

  /** Writes the saga's first step; what to answer instead when the person already holds that slot, or this request ran before. */
  private async insertPending(booking: Booking, request: BookRequest): Promise<BookOutcome | undefined> {
    try {
      await this.stores.bookings.insert(booking);
      return undefined;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      const sameRequest = await this.stores.bookings.getByRequestId(request.requestId);
      return sameRequest ? replayOutcome(sameRequest, request) : { outcome: 'already_booked' };
    }
  }

  /**
   * Cancels a confirmed booking. Early enough (programme's notice) the hours
   * come back; later, the programme's late-cancellation policy applies.
   */
  async cancel(bookingId: string, programme: Programme, actor: Actor, now: Date, options: CancelOptions = {}): Promise<CancelOutcome> {
    const outcome = await this.cancelSeat(bookingId, programme, actor, now, options.forceSettlement);
    if (outcome.outcome === 'cancelled') {
      await this.changed(outcome.booking, now, { event: 'cancelled', actor, channelId: options.channelId });
    }
    return outcome;
  }

  private async cancelSeat(
    bookingId: string,
    programme: Programme,
    actor: Actor,
    now: Date,
    forceSettlement?: 'release',
  ): Promise<CancelOutcome> {
    const booking = await this.stores.bookings.get(bookingId);
    // A beneficiary may only cancel their own sessions.
    if (!booking || (actor.kind === 'beneficiary' && booking.beneficiaryId !== actor.id)) return { outcome: 'not_found' };
    const preview = await this.previewCancellation(booking, programme, now);
    if (preview.outcome !== 'cancellable') return preview;
    const settlement = forceSettlement ?? preview.settlement;
    const cancelling = await this.stores.bookings.transition(bookingId, ['confirmed'], 'cancelling', now, {
      cancelledAt: now,
      settlement,
    });
    if (!cancelling) return { outcome: 'not_cancellable' };
    const cancelled = await this.finishCancellation(cancelling, actor, now);
    return { outcome: 'cancelled', booking: cancelled ?? cancelling, settlement };
  }

  /**
   * Moves a session to another slot of the same length without needing a
   * free hour: the new booking takes a seat, the old one is marked as being
   * moved (no cancellation or attendance can take it meanwhile), its
   * reserved hours are handed to the new one in one ledger write
   * (`transfer`), then the new one is confirmed and the old seat freed.
   * A crash at any point is finished by `settleInterrupted`: forwards once
   * the old booking is marked, backwards before. A slot of another length
   * is booked first and the old one released after (it needs the hours
   * meanwhile).
   */
  async move(
    bookingId: string,
    newSlotId: string,
    request: { requestId: string; programme: Programme; actor: Actor; now: Date; channelId?: string },
  ): Promise<MoveOutcome> {
    const old = await this.stores.bookings.get(bookingId);
    if (!old || (request.actor.kind === 'beneficiary' && old.beneficiaryId !== request.actor.id)) return { outcome: 'not_found' };
    const replay = await this.stores.bookings.getByRequestId(request.requestId);
    if (replay) return asMoveOutcome(replayOutcome(replay, old));
    if ((await this.previewCancellation(old, request.programme, request.now)).outcome !== 'cancellable') {
      return { outcome: 'not_movable' };
    }
    const slot = await this.stores.slots.get(newSlotId);
    const book = await this.stores.voucherBooks.get(old.voucherBookId);
    // The hour handed over stays on its carnet: only when that carnet is still valid on the new session's day.
    const handOver = slot && book && slotHours(slot) === old.hours && book.expiresAt.getTime() > slot.start.getTime();
    const moved = handOver ? await this.transferSeat(old, slot, request) : await this.bookThenRelease(old, newSlotId, request);
    if (moved.outcome !== 'moved') return moved;
    // The session given up first (its reminders withdrawn; nobody asked for that part), then the move.
    const previous = (await this.stores.bookings.get(old.id)) ?? old;
    if (previous.status === 'cancelled') await this.changed(previous, request.now);
    await this.changed(moved.booking, request.now, { event: 'moved', actor: request.actor, channelId: request.channelId, previous });
    return moved;
  }

  /** The move's saga for a slot of the same length (see `move`). */
  private async transferSeat(old: Booking, slot: Slot, request: { requestId: string; actor: Actor; now: Date }): Promise<MoveOutcome> {
    const book = await this.stores.voucherBooks.get(old.voucherBookId);
    if (!book) return { outcome: 'not_found' };
    const unbookable = whyNotBookable(slot, book, { beneficiaryId: old.beneficiaryId, now: request.now });
    if (unbookable) return unbookable;
    const asked: BookRequest = {
      ...request,
      beneficiaryId: old.beneficiaryId,
      slotId: slot.id,
      themeId: old.themeId,
      subject: old.subject,
    };
    const booking: Booking = { ...pendingBooking(asked, book.id, slot), movedFrom: old.id };
    const refused = await this.insertPending(booking, asked);
    if (refused) return asMoveOutcome(refused);
    // The session moved from may overlap the new one (half an hour later): it is given up.
    const clash = await this.holdTime(booking, slot, request.now, old.id);
    if (clash) return asMoveOutcome(clash);

    const seat = await this.stores.slots.takeSeat(slot.id, booking.id);
    if (seat === 'full' || seat === 'not_found') {
      await this.abandon(booking, request.now);
      return { outcome: 'slot_full' };
    }
    // From here on nobody else may end the old booking: it is being moved.
    const moving = await this.stores.bookings.transition(old.id, ['confirmed'], 'cancelling', request.now, {
      cancelledAt: request.now,
      settlement: 'moved',
    });
    if (!moving) {
      await this.stores.slots.releaseSeat(slot.id, booking.id);
      await this.abandon(booking, request.now);
      return { outcome: 'not_movable' };
    }
    const confirmed = await this.completeMove(booking, moving, request.actor, request.now);
    return confirmed ? { outcome: 'moved', booking: confirmed } : { outcome: 'not_movable' };
  }

  /**
   * The move's end, once the old booking is marked as moved: its hours handed
   * to the new booking, the new one confirmed, the old seat freed. Each step
   * can run again (the recovery finishes a move a crash interrupted).
   */
  private async completeMove(booking: Booking, old: Booking, actor: Actor, now: Date): Promise<Booking | undefined> {
    const transfer: LedgerEntry = { ...this.entry(booking, 'transfer', transferId(booking.id), actor, now), fromBookingId: old.id };
    const handed = await this.stores.voucherBooks.applyEntry(booking.voucherBookId, transfer);
    if (handed.outcome !== 'applied' && handed.outcome !== 'duplicate') {
      // Only a carnet withdrawn meanwhile refuses it: the person keeps the session they had.
      await this.undoPending(booking, now);
      await this.stores.bookings.transition(old.id, ['cancelling'], 'confirmed', now);
      return undefined;
    }
    const confirmed = await this.stores.bookings.transition(booking.id, ['pending'], 'confirmed', now);
    await this.finishCancellation(old, actor, now);
    return confirmed;
  }

  /** A slot of another length: booked first (its own hours), the old one released after. */
  private async bookThenRelease(
    old: Booking,
    newSlotId: string,
    request: { requestId: string; programme: Programme; actor: Actor; now: Date },
  ): Promise<MoveOutcome> {
    const booked = await this.bookSeat(
      {
        requestId: request.requestId,
        beneficiaryId: old.beneficiaryId,
        slotId: newSlotId,
        actor: request.actor,
        now: request.now,
        themeId: old.themeId,
        subject: old.subject,
      },
      old.id,
    );
    if (booked.outcome !== 'booked') return asMoveOutcome(booked);
    await this.cancelSeat(old.id, request.programme, request.actor, request.now, 'release');
    return { outcome: 'moved', booking: booked.booking };
  }

  /** Whether a booking can still be cancelled, and what that would do to its hours. */
  async previewCancellation(booking: Booking, programme: Programme, now: Date): Promise<CancellationPreview> {
    if (booking.status !== 'confirmed') return { outcome: 'not_cancellable' };
    const slot = await this.stores.slots.get(booking.slotId);
    if (!slot || slot.start.getTime() <= now.getTime()) return { outcome: 'not_cancellable' };
    return { outcome: 'cancellable', settlement: cancellationSettlement(programme, slot.start, now) };
  }

  /**
   * Finishes what a crash interrupted: `pending` bookings older than
   * `olderThan` are undone (the person was never told they were booked);
   * `cancelling` ones are completed. Safe to run at any time and twice.
   */
  async settleInterrupted(now: Date, olderThanMs = 0): Promise<{ undone: number; cancelled: number; moved: number }> {
    const counts = { undone: 0, cancelled: 0, moved: 0 };
    const stale = (b: Booking) => now.getTime() - b.updatedAt.getTime() >= olderThanMs;
    for (const booking of await this.stores.bookings.list({ statuses: ['pending'] })) {
      if (!stale(booking)) continue;
      // A move whose old booking was already marked goes forwards: its seat is taken, its hours are on their way.
      const old = booking.movedFrom ? await this.stores.bookings.get(booking.movedFrom) : undefined;
      if (old?.status === 'cancelling' && old.settlement === 'moved') {
        const moved = await this.completeMove(booking, old, { kind: 'system', id: 'recovery' }, now);
        await this.changed(moved, now);
        counts.moved += 1;
        continue;
      }
      await this.undoPending(booking, now);
      counts.undone += 1;
    }
    for (const booking of await this.stores.bookings.list({ statuses: ['cancelling'] })) {
      if (!stale(booking)) continue;
      // The reminders of a cancellation a crash interrupted are withdrawn now.
      await this.changed(await this.finishCancellation(booking, { kind: 'system', id: 'recovery' }, now), now);
      counts.cancelled += 1;
    }
    return counts;
  }

  private async undoPending(booking: Booking, now: Date): Promise<void> {
    const system: Actor = { kind: 'system', id: 'recovery' };
    const book = await this.stores.voucherBooks.get(booking.voucherBookId);
    if (book && heldBookingIds(book.ledger).has(booking.id)) {
      await this.stores.voucherBooks.applyEntry(book.id, this.entry(booking, 'release', releaseId(booking.id), system, now));
    }
    await this.stores.slots.releaseSeat(booking.slotId, booking.id);
    await this.abandon(booking, now);
  }

  private async finishCancellation(booking: Booking, actor: Actor, now: Date): Promise<Booking | undefined> {
    await this.stores.slots.releaseSeat(booking.slotId, booking.id);
    await this.stores.beneficiaries.releaseSessionTime(booking.beneficiaryId, booking.id);
    const book = await this.stores.voucherBooks.get(booking.voucherBookId);
    if (book && heldBookingIds(book.ledger).has(booking.id)) {
      const entry =
        booking.settlement === 'consume'
          ? this.entry(booking, 'consume', consumeId(booking.id), actor, now)
          : this.entry(booking, 'release', releaseId(booking.id), actor, now);
      await this.stores.voucherBooks.applyEntry(book.id, entry);
    }
    return this.stores.bookings.transition(booking.id, ['cancelling'], 'cancelled', now, { activeKey: endedKey(booking) });
  }

  /**
   * Marks a pending booking cancelled and frees its activeKey and its
   * request's key: the request had no effect, so the same request sent
   * again (a channel's retry after a crash undid it) books afresh instead
   * of reading « vous avez déjà une séance » about a booking that is not.
   */
  private async abandon(booking: Booking, now: Date): Promise<void> {
    await this.stores.beneficiaries.releaseSessionTime(booking.beneficiaryId, booking.id);
    await this.stores.bookings.transition(booking.id, ['pending'], 'cancelled', now, {
      activeKey: endedKey(booking),
      requestId: undoneKey(booking),
    });
  }

  private entry(booking: Booking, operation: LedgerEntry['operation'], operationId: string, by: Actor, at: Date): LedgerEntry {
    return { operationId, operation, hours: booking.hours, at, by, reason: `booking ${booking.id}`, bookingId: booking.id };
  }
}

/** Why this carnet cannot take a seat in this slot now (booked or moved to), or undefined when it can. */
function whyNotBookable(
  slot: Slot,
  book: VoucherBook,
  request: { beneficiaryId: string; now: Date },
): { outcome: 'not_found' | 'slot_past' | 'book_expired' } | undefined {
  if (book.beneficiaryId !== request.beneficiaryId || book.programmeId !== slot.programmeId) return { outcome: 'not_found' };
  if (slot.start.getTime() <= request.now.getTime()) return { outcome: 'slot_past' };
  if (book.expiresAt.getTime() <= slot.start.getTime()) return { outcome: 'book_expired' };
  return undefined;
}

/** A booking's outcome, as the move that made it says it. */
function asMoveOutcome(outcome: BookOutcome): MoveOutcome {
  if (outcome.outcome === 'booked') return { outcome: 'moved', booking: outcome.booking };
  if (outcome.outcome === 'not_enough_hours') return { outcome: 'needs_free_hour' };
  return outcome;
}

/** The saga's first record of a booking: nothing taken yet. */
function pendingBooking(request: BookRequest, voucherBookId: string, slot: Slot): Booking {
  return {
    id: newId(),
    programmeId: slot.programmeId,
    slotId: slot.id,
    beneficiaryId: request.beneficiaryId,
    voucherBookId,
    hours: slotHours(slot),
    status: 'pending',
    activeKey: `${slot.id}:${request.beneficiaryId}`,
    requestId: request.requestId,
    ...(request.themeId ? { themeId: request.themeId } : {}),
    ...(request.subject?.trim() ? { subject: request.subject.trim().slice(0, SUBJECT_MAX_CHARS) } : {}),
    createdAt: request.now,
    updatedAt: request.now,
    createdBy: request.actor,
  };
}

/**
 * The first result of a request seen again. A key held by another person's
 * booking is not this request: nothing of it is returned or announced,
 * whatever the caller passed as a key.
 */
function replayOutcome(booking: Booking, request: Pick<BookRequest, 'beneficiaryId'>): BookOutcome {
  if (booking.beneficiaryId !== request.beneficiaryId) return { outcome: 'not_found' };
  if (booking.status === 'confirmed') return { outcome: 'booked', booking };
  return { outcome: 'already_booked', booking };
}
