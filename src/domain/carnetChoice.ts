/**
 * Which of a person's carnets a session is booked on, and what all of them
 * hold. A person may hold two (one nearly used up or about to expire, a new
 * one prescribed): the booking takes the hour from the one that expires
 * first, as long as it still has a free hour and is still valid on the
 * session's day, so that no hour is lost at an expiry the person did not
 * see coming. The dialog never chooses: the booking service asks here.
 */
import { slotHours } from './bookingRules';
import type { Slot, VoucherBook } from './types';

type SessionAsked = Pick<Slot, 'programmeId' | 'start' | 'end'>;

/** Active and not yet expired at `at`. */
function validAt(book: VoucherBook, at: Date): boolean {
  return book.status === 'active' && book.expiresAt.getTime() > at.getTime();
}

/**
 * The carnet to book this session on: of the session's programme, valid on
 * the session's date, with the session's hours free; the one that expires
 * first (the older one when two expire together). Undefined when none fits.
 */
export function carnetToBook(books: readonly VoucherBook[], session: SessionAsked): VoucherBook | undefined {
  const hours = slotHours(session);
  return books
    .filter((b) => b.programmeId === session.programmeId && validAt(b, session.start) && b.hoursLeft >= hours)
    .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.issuedAt.getTime() - b.issuedAt.getTime())[0];
}

/**
 * Why no carnet takes this session: `book_expired` when one has the hours
 * but will have expired by then (another session, sooner, would still fit),
 * else `not_enough_hours`.
 */
export function whyNoCarnet(books: readonly VoucherBook[], session: SessionAsked, now: Date): 'book_expired' | 'not_enough_hours' {
  const hours = slotHours(session);
  const expiresBefore = books.some((b) => b.programmeId === session.programmeId && validAt(b, now) && b.hoursLeft >= hours);
  return expiresBefore ? 'book_expired' : 'not_enough_hours';
}

/** The carnets a session can still be booked on now: valid today, with a free hour. */
export function bookableCarnets(books: readonly VoucherBook[], now: Date): VoucherBook[] {
  return books.filter((b) => validAt(b, now) && b.hoursLeft > 0);
}

/** The hours left to book, all carnets still valid together (an expired carnet's hours are lost). */
export function hoursLeftInAll(books: readonly VoucherBook[], now: Date): number {
  return books.filter((b) => validAt(b, now)).reduce((sum, b) => sum + b.hoursLeft, 0);
}

/** The last moment a session can be booked: when the last bookable carnet expires (undefined: none is bookable). */
export function lastBookableMoment(books: readonly VoucherBook[], now: Date): Date | undefined {
  const ends = bookableCarnets(books, now).map((b) => b.expiresAt.getTime());
  return ends.length > 0 ? new Date(Math.max(...ends)) : undefined;
}
