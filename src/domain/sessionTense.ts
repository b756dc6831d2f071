/**
 * A session the bot refers to, as it may be worded: one already held
 * (« comme la dernière fois », « le lieu de votre dernière séance »), one
 * still to come (« où vous avez déjà rendez-vous »: never « la dernière
 * fois » of a session the person has not had yet), or one cancelled, which
 * says nothing of where the person went.
 */
import type { BookingStatus } from './types';

export type SessionTense = 'past' | 'upcoming' | 'cancelled';

const CANCELLED: readonly BookingStatus[] = ['cancelled', 'cancelling'];

export function sessionTense(session: { start: Date; status: BookingStatus }, now: Date): SessionTense {
  if (CANCELLED.includes(session.status)) return 'cancelled';
  return session.start.getTime() > now.getTime() ? 'upcoming' : 'past';
}
