/**
 * « et mon rdv de lundi il est à quelle heure ? », « c'est quand ma séance ? »
 * (src/nlu/ownSessionQuestion.ts): answered in one sentence — the session
 * that day, its hour and place — not with the list of one's sessions and its
 * question « Pour l'annuler ou la déplacer… », which asked the person
 * something she had not come for (and, in the middle of a booking, left the
 * booking waiting behind a question of its own).
 */
import type { Translate } from '../src/i18n';
import { placeName } from '../src/frenchGrammar';
import { readWhen } from '../src/nlu/whenEntity';
import type { UpcomingBooking } from '../src/services/beneficiaryAccount';
import { formatDay, formatTime, joinWithAnd } from '../src/wording';
import { describeMoment } from './momentWords';
import { sessionsInMoment } from './sessionByMoment';
import { ownSessionDetails } from '../src/nlu/ownSessionQuestion';
import { shownAddress } from '../src/domain/placeAddress';
import type { DialogDeps } from './deps';

/** The answer to `question` from the person's upcoming sessions (at least one); `label` names a session as the lists do. */
export function ownSessionAnswer(
  question: string,
  bookings: readonly UpcomingBooking[],
  now: Date,
  t: Translate,
  label: (booking: UpcomingBooking) => string,
): string {
  const starts = bookings.map((b) => new Date(b.slot.start).toISOString());
  const named = sessionsInMoment(question, starts, now);
  if (named && named.length > 0)
    return onOneDay(
      named.map((i) => bookings[i]),
      t,
    );
  // No session then (« et celle de mardi ? »): said, and the ones there are.
  const when = named ? readWhen(question, { now, expecting: 'when' }) : undefined;
  const none = when && !when.otherDay ? `${t('my_bookings.none_then', { when: describeMoment(when, t) })}\n` : '';
  const sessions = bookings.map((b) => t('my_bookings.own_next_line', { session: label(b) })).join('\n');
  return `${none}${t('my_bookings.own_next', { count: bookings.length, session: label(bookings[0]), sessions })}`;
}

/** The sessions a moment named: one, its day, hour and place; several (all on that day or moment), each hour and place. */
function onOneDay(sessions: readonly UpcomingBooking[], t: Translate): string {
  const where = (b: UpcomingBooking) => (b.place ? placeName(b.place.name, b.place.commune) : t('my_bookings.unknown_place'));
  const first = new Date(sessions[0].slot.start);
  const sameDay = sessions.every((b) => formatDay(new Date(b.slot.start), t) === formatDay(first, t));
  if (sessions.length === 1 || !sameDay) {
    return sessions
      .map((b) => {
        const start = new Date(b.slot.start);
        return t('my_bookings.own_session_at', { day: formatDay(start, t), hour: formatTime(start, t), place: where(b) });
      })
      .join('\n');
  }
  const hours = sessions.map((b) => t('my_bookings.own_session_hour_at', { hour: formatTime(new Date(b.slot.start), t), place: where(b) }));
  return t('my_bookings.own_sessions_on', { day: formatDay(first, t), count: sessions.length, hours: joinWithAnd(hours, t) });
}

/**
 * « c ou mon rdv mercredi et je dois amener quoi », « avec qui ? », « je peux
 * venir avec mon mari ? »: of the session named (else the next), what the
 * data says — its address, its trainer's first name, what the receipt of a
 * booking says to bring — and, for the rest (coming with someone, a trainer
 * not known), the place to ask, with its phone. Nothing the data does not say.
 */
export async function ownSessionDetailLines(question: string, bookings: readonly UpcomingBooking[], deps: DialogDeps): Promise<string[]> {
  const asked = ownSessionDetails(question);
  if (asked.length === 0) return [];
  const { t } = deps;
  const now = deps.clock.now();
  const named = sessionsInMoment(
    question,
    bookings.map((b) => new Date(b.slot.start).toISOString()),
    now,
  );
  const session = named && named.length > 0 ? bookings[named[0]] : bookings[0];
  const place = session.place;
  const lines: string[] = [];
  if (asked.includes('where') && place) {
    lines.push(t('book.address', { address: shownAddress(place), postalCode: place.postalCode, commune: place.commune }));
  }
  if (asked.includes('trainer')) {
    const { trainerFirstName } = await deps.services.receipts.of(session.booking, now);
    lines.push(trainerFirstName ? t('book.trainer', { name: trainerFirstName }) : t('my_bookings.own_no_trainer'));
  }
  if (asked.includes('bring')) {
    const programme = deps.programmes.find((p) => p.id === session.booking.programmeId);
    lines.push(t('book.what_to_bring', { book: programme?.voucherBook.word ?? t('common.book_word') }));
  }
  if (asked.includes('company')) lines.push(t('my_bookings.own_come_with'));
  if (place?.phone) lines.push(t('book.call_place', { phone: place.phone }));
  return lines;
}
