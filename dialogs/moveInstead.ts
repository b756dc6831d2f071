/**
 * « annuler celui de mardi et en prendre un jeudi matin à la place », « …
 * et me réserver jeudi à la place », « … puis un autre vendredi »: a
 * cancellation, then a new session asked for, in one sentence, is a move
 * of that session — the hour is kept, and nothing is lost between the two
 * (the second half was once dropped, or the whole read as a booking). The
 * new session asked at another commune stays a cancellation then a
 * booking there (a move keeps the place).
 */
import type { Intent } from '../src/nlu/intentModel';
import type { WhenEntity } from '../src/nlu/whenEntity';
import type { MyBookingsOptions } from './MyBookingsDialog';

/** One part of the sentence, as read alone. */
export interface WishPart {
  part: string;
  /** What the model read it as, when sure; undefined otherwise. */
  intent?: Intent;
  /** The words say a booking or a change (bookOrMove), whatever the model read. */
  booksOrMoves: boolean;
  when?: WhenEntity;
  /** A commune named in the part. */
  commune: boolean;
}

/** Parts that, after a cancellation, ask for its replacement when they say a moment (« un autre vendredi »). */
const WITH_A_MOMENT: ReadonlySet<Intent | undefined> = new Set<Intent | undefined>([undefined, 'unknown', 'my_bookings']);

/** The move's options, when the parts cancel a session then ask for another in its place. */
export function moveInstead(parts: readonly WishPart[]): MyBookingsOptions | undefined {
  const cancelled = parts.findIndex((p) => p.intent === 'cancel_booking');
  if (cancelled < 0) return undefined;
  const rebook = parts.slice(cancelled + 1).find((p) => {
    if (p.commune) return false;
    const asks = p.intent === 'book' || p.intent === 'move_booking' || (p.booksOrMoves && p.intent !== 'cancel_booking');
    return asks || (WITH_A_MOMENT.has(p.intent) && p.when !== undefined && !p.when.otherDay);
  });
  if (!rebook) return undefined;
  const newMoment = rebook.when && !rebook.when.otherDay ? rebook.when : undefined;
  return { move: true, instead: true, utterance: parts[cancelled].part, ...(newMoment ? { newMoment } : {}) };
}
