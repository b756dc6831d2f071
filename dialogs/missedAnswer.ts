/**
 * « pourquoi on m'a enlevé une heure ? j'étais malade »: the absence the
 * trainer noted (which session, where), what the programme's no-show rule
 * did with its hour, and the place to call — it knows the session and can
 * see with the person what to do. Said before the balance, which then
 * counts that hour among those used.
 */
import type { Translate } from '../src/i18n';
import type { MissedSession } from '../src/services/beneficiaryAccount';
import { formatDay, formatSlotStart } from '../src/wording';
import { placeWithCommune, reach } from './humanContacts';

export function missedText(missed: readonly MissedSession[], book: string, t: Translate, now: Date): string {
  const latest = missed[0];
  if (!latest) return t('missed.none', { book });
  const place = latest.place ? placeWithCommune(latest.place, t) : undefined;
  const when = formatSlotStart(latest.slot.start, t);
  const lines = [
    t(place ? 'missed.noted_at' : 'missed.noted', { when, place }),
    t(latest.counted ? 'missed.counted' : 'missed.given_back', { count: latest.booking.hours, book }),
  ];
  if (missed.length > 1) lines.push(t('missed.others', { count: missed.length }));
  const phone = latest.place && reach(latest.place, t, now);
  if (phone) lines.push(t('missed.call', { reach: phone }));
  return lines.join(' ');
}

/** « - dont 1 heure pour une absence (lundi 7 décembre) »: under the hours used, those an absence counted. */
export function missedBalanceLine(missed: readonly MissedSession[], voucherBookId: string, t: Translate): string | undefined {
  const counted = missed.filter((m) => m.counted && m.booking.voucherBookId === voucherBookId);
  if (counted.length === 0) return undefined;
  const hours = counted.reduce((sum, m) => sum + m.booking.hours, 0);
  return t(counted.length === 1 ? 'balance.missed' : 'balance.missed_several', { count: hours, day: formatDay(counted[0].slot.start, t) });
}
