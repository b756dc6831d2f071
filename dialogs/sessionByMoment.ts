/**
 * « celle de lundi », « le rdv de vendredi 10h », « celui du 15 »: which of
 * the person's own sessions, listed, a moment names. Exactly one session
 * in that moment is an answer; none or several is not (the list is asked
 * again). Used where the person picks one of their sessions to cancel or
 * move.
 */
import type { PromptValidator, FoundChoice } from 'botbuilder-dialogs';
import { DateTime } from 'luxon';
import { PARTS_OF_DAY, readingsOf, readWhen, type WhenEntity } from '../src/nlu/whenEntity';
import { normalize } from '../src/nlu/normalize';
import { numberPicked } from '../src/nlu/choiceRecognizer';
import { findYesNo } from '../src/nlu/smallEntities';
import { isExcluded } from '../src/domain/sessionExclusions';

const ZONE = 'Europe/Paris';
/** « la semaine d'après », « la semaine suivante », « la semaine qui suit »: said of a session, the week after its own. */
const WEEK_AFTER = /\bsemaine (?:d apres|suivante|qui suit|qui vient apres)\b/;

/** The index in `starts` (ISO instants) of the one session the text's moment names. */
export function sessionNamedByMoment(text: string, starts: readonly string[], now: Date): number | undefined {
  const named = sessionsInMoment(text, starts, now);
  return named?.length === 1 ? named[0] : undefined;
}

/**
 * The indices in `starts` of every session in the moment the text says
 * (« celui de jeudi » with two on Thursday: both); undefined when it says
 * no moment of one's own sessions.
 */
export function sessionsInMoment(text: string, starts: readonly string[], now: Date): number[] | undefined {
  // « de lundi à mardi matin »: the session is Monday's, whatever the morning.
  const said = moveMoments(text, now)?.from ?? readWhen(text, { now, expecting: 'when' });
  // « je peux pas lundi » among one's own sessions: the one on Monday, which she cannot go to.
  const when = said?.otherDay && said.excludedBy === 'said' && said.excludedDay ? wholeDay(said.excludedDay) : said;
  if (!when || when.otherDay) return undefined;
  // « celle de jeudi prochain » said on a Wednesday: a session on either Thursday, if only one of them has one.
  return starts
    .map((iso, index) => ({ start: DateTime.fromISO(iso, { zone: ZONE }), index }))
    .filter(({ start }) => namesSession(when, start))
    .map(({ index }) => index);
}

/**
 * « mon rdv de 10h », « celui de 14 h 30 »: an hour said without a day. The
 * reader puts it today; of one's own sessions it names the one at that
 * hour, whatever its day.
 */
const HOUR_ALONE = /^(?:(?:a|de|vers|pour) )?\d{1,2} ?(?:h|heures?)(?: ?\d{2})?$/;

function hourAlone(when: WhenEntity): boolean {
  return when.grain === 'instant' && HOUR_ALONE.test(normalize(when.text).replace(/\s+/g, ' ').trim());
}

/** Whether the moment said names a session starting at `start` (any of its readings; an hour alone on any day). */
function namesSession(when: WhenEntity, start: DateTime): boolean {
  if (hourAlone(when)) {
    const at = DateTime.fromISO(when.start, { zone: ZONE });
    return start.hour === at.hour && start.minute === at.minute;
  }
  return readingsOf(when).some((reading) => names(reading, start));
}

/**
 * Of a short list of sessions offered (`starts`), the one a moment picks: a
 * day said for (« lundi ça va ») naming exactly one, whole days only (an
 * hour or part of the day asks for the sessions then); a day said against
 * (« je peux pas lundi ») leaving one of two.
 */
export function sessionListedByMoment(when: WhenEntity, starts: readonly string[]): number | undefined {
  const days = starts.map((iso) => DateTime.fromISO(iso, { zone: ZONE }).toISODate());
  if (when.otherDay) {
    if (when.excludedBy !== 'said' || starts.length !== 2) return undefined;
    const left = starts.map((iso, index) => ({ iso, index })).filter(({ iso }) => !isExcluded(when.excludes, new Date(iso)));
    return left.length === 1 ? left[0].index : undefined;
  }
  if (when.grain === 'instant' || when.partOfDay || when.fromDay || when.anyDay) return undefined;
  const from = DateTime.fromISO(when.start, { zone: ZONE });
  if (!from.hasSame(DateTime.fromISO(when.end, { zone: ZONE }).minus({ milliseconds: 1 }), 'day')) return undefined;
  const named = days.map((d, index) => ({ d, index })).filter(({ d }) => d === from.toISODate());
  return named.length === 1 ? named[0].index : undefined;
}

/** The Paris day (YYYY-MM-DD) of a session's start (ISO). */
export function sessionDay(start: string): string {
  return DateTime.fromISO(start, { zone: ZONE }).toISODate()!;
}

function wholeDay(isoDate: string): WhenEntity {
  const start = DateTime.fromISO(isoDate, { zone: ZONE });
  return { start: start.toISO()!, end: start.plus({ days: 1 }).toISO()!, grain: 'range', text: isoDate };
}

/** Whether a session starting at `start` is in the moment: that very time, or within its days and part of the day. */
function names(when: WhenEntity, start: DateTime): boolean {
  const from = DateTime.fromISO(when.start, { zone: ZONE });
  const to = DateTime.fromISO(when.end, { zone: ZONE });
  const hours = when.partOfDay ? PARTS_OF_DAY[when.partOfDay] : undefined;
  return when.grain === 'instant'
    ? start.hasSame(from, 'day') && start.hour === from.hour && start.minute === from.minute
    : start >= from && start < to && (!hours || (start.hour >= hours.from && start.hour < hours.to));
}

/**
 * A prompt validator: when the list was not answered by number or label, a
 * moment naming one listed session picks it. The prompt's options carry
 * the sessions' starts in `validations.starts`, in the order listed.
 */
export function pickSessionByMoment(now: () => Date): PromptValidator<FoundChoice> {
  return async (prompt) => {
    if (prompt.recognized.succeeded) return true;
    const starts = (prompt.options.validations as { starts?: string[] } | undefined)?.starts ?? [];
    const text = prompt.context.activity.text ?? '';
    const index = sessionNamedByMoment(text, starts, now());
    if (index === undefined) return false;
    prompt.recognized.succeeded = true;
    prompt.recognized.value = { index, value: text, score: 1 };
    return true;
  };
}

/**
 * At a list of one session, a moment that is not that session's (« non en
 * fait plutôt mardi », « plutôt la semaine prochaine »): the new moment of
 * that session, which the person wants moved. Not a moment naming it (« je
 * peux plus venir vendredi »), nor « un autre jour » (no day said).
 */
export function newMomentForOnly(text: string, start: string, now: Date): WhenEntity | undefined {
  // « 1 » is the option, not the 1st of the month.
  if (numberPicked(text, 2) !== undefined) return undefined;
  // « la semaine d'après », « la semaine suivante »: the week after the session's (never the session's own, read from today).
  if (WEEK_AFTER.test(normalize(text))) {
    const monday = DateTime.fromISO(start, { zone: ZONE }).startOf('week').plus({ weeks: 1 });
    return { start: monday.toISO()!, end: monday.plus({ weeks: 1 }).toISO()!, grain: 'range', text: 'la semaine d apres' };
  }
  const after = readWhen(text, { now, expecting: 'when', movedDay: sessionDay(start) });
  if (after && after.start !== readWhen(text, { now, expecting: 'when' })?.start) return after;
  if (sessionNamedByMoment(text, [start], now) === 0) return undefined;
  const said = moveMoments(text, now)?.to ?? after;
  return said && !said.otherDay ? said : undefined;
}

/**
 * At a list of several sessions to move, a moment naming none of them
 * (« mardi aprem »): the new moment, the session still to be chosen. Not a
 * number, not « un autre jour » (no day said), nor a moment naming one of
 * them (that one is picked) or several (which one is asked again).
 */
export function newMomentForNone(text: string, starts: readonly string[], now: Date): WhenEntity | undefined {
  if (numberPicked(text, starts.length + 1) !== undefined || moveMoments(text, now)) return undefined;
  const said = readWhen(text, { now, expecting: 'when' });
  if (!said || said.otherDay) return undefined;
  const named = starts.some((iso) => namesSession(said, DateTime.fromISO(iso, { zone: ZONE })));
  return named ? undefined : said;
}

/**
 * The list of one's sessions: a moment naming one of them picks it
 * (pickSessionByMoment); when only one is listed, « oui » is that one, and
 * another moment said (« non, plutôt mardi ») is that one too, to be moved
 * then (newMomentForOnly) — even where « non » read as « Rien, merci ».
 */
export function pickOwnSession(now: () => Date): PromptValidator<FoundChoice> {
  const byMoment = pickSessionByMoment(now);
  return async (prompt) => {
    const starts = (prompt.options.validations as { starts?: string[] } | undefined)?.starts ?? [];
    const text = prompt.context.activity.text ?? '';
    if (starts.length === 1) {
      const yes = !prompt.recognized.succeeded && findYesNo(text)[0]?.value === true;
      if (yes || newMomentForOnly(text, starts[0], now())) {
        prompt.recognized.succeeded = true;
        prompt.recognized.value = { index: 0, value: text, score: 1 };
        return true;
      }
    }
    return byMoment(prompt);
  };
}

/** What a move says in « de X à Y » / « du X au Y »: the moment of the session (X) and the new one (Y). */
export interface MoveMoments {
  from: WhenEntity;
  to: WhenEntity;
}

const FROM_WORD = /\b(?:de|du|d) /g;
const TO_WORD = /\b(?:a|au|aux|pour|vers|plutot) /g;

/**
 * « déplacer mon rdv de lundi à mardi matin »: lundi names the session, mardi
 * matin the new moment. Read as one moment (« lundi matin »), Monday was
 * both the session and no new moment at all. Only a split where both sides
 * say a moment counts: « de 10h à 11h » alone is no move between days.
 */
export function moveMoments(text: string, now: Date): MoveMoments | undefined {
  const said = normalize(text).replace(/\s+/g, ' ').trim();
  for (const from of said.matchAll(FROM_WORD)) {
    const start = from.index + from[0].length;
    for (const to of said.slice(start).matchAll(TO_WORD)) {
      const cut = start + to.index;
      const whenFrom = readWhen(said.slice(start, cut), { now, expecting: 'when' });
      const whenTo = readWhen(said.slice(cut + to[0].length), { now, expecting: 'when' });
      if (whenFrom && whenTo && !whenFrom.otherDay) return { from: whenFrom, to: whenTo };
    }
  }
  // « il a rdv mercredi il peut pas, decalez au vendredi »: the moment after the move's verb is the new one.
  for (const verb of said.matchAll(MOVE_VERB_TO)) {
    const whenFrom = readWhen(said.slice(0, verb.index), { now, expecting: 'when' });
    const whenTo = readWhen(said.slice(verb.index + verb[0].length), { now, expecting: 'when' });
    const day = whenFrom?.otherDay && whenFrom.excludedBy === 'said' && whenFrom.excludedDay ? wholeDay(whenFrom.excludedDay) : whenFrom;
    if (day && whenTo && !day.otherDay && !day.anyDay && !whenTo.hourAlone) return { from: day, to: whenTo };
  }
  return undefined;
}

/** « decalez au », « la mettre a », « le passer pour », « deplacer mon rdv a »: a move's verb, then its new moment. */
const MOVE_VERB_TO =
  /\b(?:decal|deplac|report|mett|mets|met|pass|chang|bouge)[a-z]* (?:(?:le|la|l|les|ca|ce|cette|mon|son|sa|leur|rdv|rendez vous|seance) )*(?:a|au|pour|vers|plutot|en) /g;

/** « même heure », « à la même heure », « même horaire »: the hour of the session moved. */
const SAME_HOUR = /\b(?:meme heure|meme horaire|meme creneau|a la meme|pareil pour l heure|meme moment de la journee)\b/;

/**
 * « décaler à jeudi même heure »: the day said, at the hour of the session moved (`start`, ISO). A moment that says
 * its own hour, or spans several days, stays as it is.
 */
export function atSessionHour(when: WhenEntity | undefined, text: string, start: string): WhenEntity | undefined {
  if (!when || when.grain === 'instant' || when.otherDay || when.anyDay || !SAME_HOUR.test(normalize(text))) return when;
  const day = DateTime.fromISO(when.start, { zone: ZONE });
  if (!day.hasSame(DateTime.fromISO(when.end, { zone: ZONE }).minus({ milliseconds: 1 }), 'day')) return when;
  const hour = DateTime.fromISO(start, { zone: ZONE });
  const at = day.startOf('day').set({ hour: hour.hour, minute: hour.minute });
  const { partOfDay: _part, weekdayAlone: _weekday, ...rest } = when;
  return { ...rest, start: at.toISO()!, end: at.plus({ hours: 1 }).toISO()!, grain: 'instant' };
}
