/**
 * A beneficiary's own account, reached with what they hold: the carnet
 * number and their birth date. Both must match; the answer never says
 * which one was wrong. Every successful access is audited.
 */
import { type Clock, systemClock } from '../domain/clock';
import { newId } from '../domain/ids';
import { type BalanceSummary, summarizeBalance } from '../domain/balance';
import type { Programme } from '../domain/programme';
import type { Beneficiary, Booking, BookingStatus, Place, Slot, VoucherBook } from '../domain/types';
import { placeOfStructure } from '../domain/structurePlace';
import { hoursLeftInAll } from '../domain/carnetChoice';
import type { Stores } from '../store/repositories';
import { lastSession } from './lastPlace';

/** The people who already know a person, with what the places data says of them. */
export interface PersonContacts {
  /** The place of their last booking, whatever became of it. */
  lastPlace?: Place;
  /** That booking's session and status: a place is « of your last session » only once it was held. */
  lastSession?: { start: Date; status: BookingStatus };
  /** The structure that gave their latest carnet, as written on it. */
  structure?: string;
  /** That structure's place record (phone, address, hours), when the places data has it. */
  structurePlace?: Place;
  /** Where the person lives (INSEE code), from their file: the places near them. */
  communeInsee?: string;
}

export type Identification = { ok: true; beneficiary: Beneficiary } | { ok: false };

export interface UpcomingBooking {
  booking: Booking;
  slot: Slot;
  place?: Place;
}

/** A session the person was marked absent from, and what the programme's no-show rule did with its hours. */
export interface MissedSession {
  booking: Booking;
  slot: Slot;
  place?: Place;
  /** The reserved hours were counted (consumed), not given back. */
  counted: boolean;
}

export class BeneficiaryAccount {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock = systemClock,
  ) {}

  async identify(voucherBookNumber: string, birthDate: string, channelId: string): Promise<Identification> {
    const book = await this.stores.voucherBooks.getByNumber(voucherBookNumber);
    const beneficiary = book && (await this.stores.beneficiaries.get(book.beneficiaryId));
    if (!beneficiary || beneficiary.birthDate !== birthDate) return { ok: false };
    await this.stores.audit.append({
      id: newId(),
      at: this.clock.now(),
      actor: { kind: 'beneficiary', id: beneficiary.id },
      programmeId: beneficiary.programmeId,
      action: 'beneficiary.identified',
      subject: { kind: 'beneficiary', id: beneficiary.id },
      details: { channel: channelId },
    });
    return { ok: true, beneficiary };
  }

  /**
   * On SMS, the phone number on file stands for the carnet number: the
   * carnet of the one person with this phone (their latest), if exactly one.
   */
  async voucherBookNumberForPhone(phone: string): Promise<string | undefined> {
    const people = await this.stores.beneficiaries.findByPhone(phone);
    if (people.length !== 1) return undefined;
    const books = await this.stores.voucherBooks.listByBeneficiary(people[0].id);
    return books.sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime())[0]?.number;
  }

  /** Every carnet of the person, the usable ones first. */
  async balances(beneficiaryId: string, programme: Programme, now: Date): Promise<BalanceSummary[]> {
    const books = await this.stores.voucherBooks.listByBeneficiary(beneficiaryId);
    return books
      .map((book) => summarizeBalance(book, programme, now))
      .sort((a, b) => Number(a.expired) - Number(b.expired) || b.expiresAt.getTime() - a.expiresAt.getTime());
  }

  /** The people who know this person: the place of their last session, the structure that gave their carnet. */
  async contacts(beneficiaryId: string): Promise<PersonContacts> {
    const session = await lastSession(this.stores, beneficiaryId);
    const lastPlace = session && (await this.stores.places.get(session.placeId));
    const books = await this.stores.voucherBooks.listByBeneficiary(beneficiaryId);
    const latest = books.sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime())[0];
    const communeInsee = (await this.stores.beneficiaries.get(beneficiaryId))?.communeInsee;
    return {
      ...(lastPlace ? { lastPlace, lastSession: { start: session.start, status: session.status } } : {}),
      ...(communeInsee ? { communeInsee } : {}),
      ...(await this.issuer(latest)),
    };
  }

  /**
   * Who gave this carnet, for a carnet locked after wrong birth dates: only
   * its prescriber can unlock it. Nothing for a number no carnet has.
   */
  async issuerOf(voucherBookNumber: string): Promise<PersonContacts> {
    return this.issuer(await this.stores.voucherBooks.getByNumber(voucherBookNumber));
  }

  /** The structure written on a carnet, and its place record (phone, address, hours) when the places data has it. */
  private async issuer(book: VoucherBook | undefined): Promise<PersonContacts> {
    const structure = book?.structure;
    if (!book || !structure) return {};
    const structurePlace = placeOfStructure(await this.stores.places.list({ programmeId: book.programmeId }), structure);
    return { structure, ...(structurePlace ? { structurePlace } : {}) };
  }

  /** The person's first name, to name them to whoever writes for them (« Le chéquier de Gérard »); undefined once erased. */
  async firstName(beneficiaryId: string): Promise<string | undefined> {
    return (await this.stores.beneficiaries.get(beneficiaryId))?.firstName;
  }

  /** Whether this carnet number is one of the person's carnets (a number typed by someone remembered here may be another's). */
  async holdsVoucherBook(beneficiaryId: string, voucherBookNumber: string): Promise<boolean> {
    return (await this.stores.voucherBooks.getByNumber(voucherBookNumber))?.beneficiaryId === beneficiaryId;
  }

  /** The programme the person belongs to; undefined once erased. */
  async programmeOf(beneficiaryId: string): Promise<string | undefined> {
    return (await this.stores.beneficiaries.get(beneficiaryId))?.programmeId;
  }

  /** The hours left to book in all the person's carnets still valid (what « il vous reste » says). */
  async hoursLeftInAll(beneficiaryId: string, now: Date): Promise<number> {
    return hoursLeftInAll(await this.stores.voucherBooks.listByBeneficiary(beneficiaryId), now);
  }

  voucherBook(voucherBookId: string): Promise<VoucherBook | undefined> {
    return this.stores.voucherBooks.get(voucherBookId);
  }

  /**
   * Sessions the person was marked absent from, latest first: « pourquoi on
   * m'a enlevé une heure ? » is answered with the day, the place to call,
   * and whether the hour was counted (the carnet's ledger says it).
   */
  async missedSessions(beneficiaryId: string): Promise<MissedSession[]> {
    const bookings = await this.stores.bookings.list({ beneficiaryId, statuses: ['missed'] });
    const missed: MissedSession[] = [];
    for (const booking of bookings) {
      const [slot, book] = await Promise.all([this.stores.slots.get(booking.slotId), this.stores.voucherBooks.get(booking.voucherBookId)]);
      if (!slot) continue;
      const counted = !!book?.ledger.some((entry) => entry.bookingId === booking.id && entry.operation === 'consume');
      missed.push({ booking, slot, place: await this.stores.places.get(slot.placeId), counted });
    }
    return missed.sort((a, b) => b.slot.start.getTime() - a.slot.start.getTime());
  }

  /** Confirmed sessions still to come, soonest first. */
  async upcomingBookings(beneficiaryId: string, now: Date): Promise<UpcomingBooking[]> {
    const bookings = await this.stores.bookings.list({ beneficiaryId, statuses: ['confirmed'] });
    const upcoming: UpcomingBooking[] = [];
    for (const booking of bookings) {
      const slot = await this.stores.slots.get(booking.slotId);
      if (!slot || slot.start.getTime() <= now.getTime()) continue;
      upcoming.push({ booking, slot, place: await this.stores.places.get(slot.placeId) });
    }
    return upcoming.sort((a, b) => a.slot.start.getTime() - b.slot.start.getTime());
  }
}
