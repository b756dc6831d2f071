/**
 * What a person would never accept from one reply, whatever they typed:
 * checked by the random walk after every message. Each check returns the
 * problems it found, one line each; an empty list is a good reply.
 */
import type { Activity } from 'botbuilder';
import { smsCost } from '../../src/channels/sms/segments';
import { oneSlipApart } from '../../src/nlu/communeTypos';
import { overlaps } from '../../src/domain/sessionTimes';
import type { Booking, Slot } from '../../src/domain/types';
import { GOODBYES } from './walker';

/** Everything the person can read in a reply: texts, buttons, card texts. */
export function visibleTexts(activities: readonly Partial<Activity>[]): string[] {
  const texts: string[] = [];
  for (const activity of activities) {
    if (activity.text) texts.push(activity.text);
    for (const action of activity.suggestedActions?.actions ?? []) texts.push(String(action.title ?? ''));
    for (const attachment of activity.attachments ?? []) texts.push(...cardTexts(attachment.content));
  }
  return texts;
}

/** Strings shown by a card (hero or adaptive): titles, texts, button labels. */
function cardTexts(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!content || typeof content !== 'object') return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(content as Record<string, unknown>)) {
    if (['text', 'title', 'subtitle', 'value'].includes(key) && typeof value === 'string') found.push(value);
    else if (typeof value === 'object') found.push(...cardTexts(value));
  }
  return found;
}

const BROKEN = /\{\{|\}\}|Invalid DateTime|\bNaN\b|\bundefined\b|\[object Object\]|\bnull\b/;
const isGoodbye = (text: string) => GOODBYES.some((g) => g.toLowerCase() === text.trim().toLowerCase());
/** An SMS message is billed by segments: at most 3 a message (issue 17), and GSM-7 only. */
const SMS_MAX_SEGMENTS = 3;
/** And read on a small screen: at most 320 characters a message as sent (the conversations issue: « SMS plain, ≤ 320 characters a message »). */
export const SMS_MAX_CHARACTERS = 320;

/** What is wrong with the SMS messages of one reply, as sent (after the SMS renderer packed and folded them). */
export function smsProblems(activities: readonly Partial<Activity>[]): string[] {
  const problems: string[] = [];
  const messages = activities.filter((a) => a.type === undefined || a.type === 'message');
  const texts = messages.map((a) => a.text ?? '').filter((t) => t.length > 0);
  texts.forEach((text, index) => {
    // A turn is cut between whole blocks: never after « adressez-vous à : » when what it opens fit with it, never inside a list.
    const opener = text.slice(text.lastIndexOf('\n') + 1);
    const next = texts[index + 1];
    if (/:\s*$/.test(text) && (next === undefined || [...`${opener}\n${next}`].length <= SMS_MAX_CHARACTERS))
      problems.push(`SMS ending on « : »: ${JSON.stringify(text.slice(-80))}`);
    if (index > 0 && /^(?:- |\d{1,2}\. |\s)/.test(text)) problems.push(`SMS starting inside a list: ${JSON.stringify(text.slice(0, 80))}`);
    const cost = smsCost(text);
    if (cost.encoding !== 'GSM-7') problems.push(`SMS not in GSM-7: ${JSON.stringify(text.slice(0, 80))}`);
    if (cost.segments > SMS_MAX_SEGMENTS) problems.push(`SMS of ${cost.segments} segments`);
    const length = [...text].length;
    if (length > SMS_MAX_CHARACTERS)
      problems.push(`SMS over ${SMS_MAX_CHARACTERS} characters: ${length}, ${JSON.stringify(text.slice(0, 80))}`);
  });
  if (messages.some((a) => (a.attachments?.length ?? 0) > 0 || (a.suggestedActions?.actions?.length ?? 0) > 0)) {
    problems.push('SMS with buttons or a card');
  }
  return problems;
}

/** An offered option that is a goodbye when picked (« C'est bon, merci » after a list of places), and its goodbye words. */
const GOODBYE_OPTION = /^c'?est bon,? merci$/;
// « merci » alone where « C'est bon, merci » is offered picks it (its words), as a person means it.
const GOODBYE_OPTION_WORDS = /^(?:c'?est bon,? merci|c'?est bon|non merci|merci)$/;
/**
 * A reply that sends the person to someone (« appelez », « Vous pouvez parler
 * à une personne », « adressez-vous à », « Prévenez le lieu ») — not the
 * command « écrivez « parler à quelqu'un » », which is how to ask for one.
 */
const OFFERS_A_PERSON =
  /\bappel(?:ez|er)\b|parler à une personne|adressez-vous|pouvez pas la joindre|pr[ée]venez le lieu|voyez avec le lieu/i;
/** A French phone number, however grouped (04 66 49 67 13, 01 70 772 372), non-breaking spaces included. */
const PHONE = /\b0[1-9](?:[\s.]?\d){8}\b/;

const plain = (text: string) => text.trim().toLowerCase().replace(/[’]/g, "'").replace(/\s+/g, ' ');

/** Whether `said` picks, by number or in words, a goodbye option of the previous reply (its visible texts). */
function picksGoodbyeOption(said: string, previous: readonly string[]): boolean {
  const answer = plain(said);
  for (const line of previous.flatMap((text) => text.split('\n'))) {
    const [, number, label] = /^\s*(?:(\d{1,2})\.\s*)?(.+?)\s*$/.exec(line) ?? [];
    if (!label || !GOODBYE_OPTION.test(plain(label))) continue;
    // The label typed with a slip (« c'est bon, erci ») picks it too, as the bot's choice reading does.
    if (GOODBYE_OPTION_WORDS.test(answer) || oneSlipApart(answer, plain(label)) || (number && answer === number)) return true;
  }
  return false;
}

/** `previous`: what the person could read before saying `said` (a goodbye option picked there is a goodbye). */
export function problemsWith(
  said: string,
  channel: string,
  activities: readonly Partial<Activity>[],
  previous: readonly string[] = [],
): string[] {
  const problems: string[] = [];
  const messages = activities.filter((a) => a.type === undefined || a.type === 'message');
  const shown = visibleTexts(messages);
  if (shown.join('').trim().length === 0) problems.push('no answer');
  for (const text of shown) if (BROKEN.test(text)) problems.push(`broken value: ${JSON.stringify(text.slice(0, 160))}`);
  const bodies = messages.map((a) => a.text ?? '').filter((t) => t.length > 0);
  if (channel === 'sms') problems.push(...smsProblems(messages));
  // Buttons are a way to answer; without them, the text must say how (« Répondez 1, 2 ou 3 »).
  const hasButtons = messages.some((a) => (a.suggestedActions?.actions?.length ?? 0) > 0 || (a.attachments?.length ?? 0) > 0);
  for (const text of hasButtons ? [] : bodies) {
    const numbered = text.split('\n').filter((line) => /^\d{1,2}\. /.test(line.trim()));
    if (numbered.length >= 2 && !/R[ée]pondez|Tapez|[ÉE]crivez/.test(bodies.join('\n'))) {
      problems.push(`numbered list without how to answer: ${JSON.stringify(text.slice(0, 120))}`);
    }
  }
  const all = shown.join('\n');
  if (/Au revoir/i.test(all) && !isGoodbye(said) && !picksGoodbyeOption(said, previous))
    problems.push(`« au revoir » after ${JSON.stringify(said)}`);
  if (said.trim().toLowerCase() === 'menu' && !/Que souhaitez-vous faire|Votre choix \?/.test(all))
    problems.push('« menu » did not show the menu');
  // The menu's numbers never change: a number after « Autre chose ? Écrivez MENU. » is that option, not the list first.
  if (
    /^\s*[1-7]\s*$/.test(said) &&
    /Autre chose \? [ÉE]crivez MENU\.\s*$/.test(previous.join('\n')) &&
    /Voici ce que je peux faire/.test(all)
  )
    problems.push(`« ${said.trim()} » after « Écrivez MENU » listed the menu instead of starting its option`);
  // Every human route comes with a number to call (issue: « every human contact the bot gives has a phone number »).
  const offer = OFFERS_A_PERSON.exec(all);
  if (offer && !PHONE.test(all)) problems.push(`« ${offer[0]} » without a phone number: ${JSON.stringify(all.slice(0, 160))}`);
  const seen = new Set<string>();
  for (const text of bodies) {
    if (seen.has(text)) problems.push(`message repeated: ${JSON.stringify(text.slice(0, 80))}`);
    seen.add(text);
  }
  return problems;
}

/**
 * After the walk: no person holds two sessions that overlap (booked or being
 * booked), whatever the channels and the order the conversations went in.
 */
export function overlappingSessions(snapshot: { bookings: readonly Booking[]; slots: readonly Slot[] }): string[] {
  const slots = new Map(snapshot.slots.map((slot) => [slot.id, slot]));
  const held = snapshot.bookings.filter((b) => b.status === 'confirmed' || b.status === 'pending');
  const problems: string[] = [];
  held.forEach((a, i) => {
    for (const b of held.slice(i + 1)) {
      const [sa, sb] = [slots.get(a.slotId), slots.get(b.slotId)];
      if (a.beneficiaryId === b.beneficiaryId && sa && sb && overlaps(sa, sb)) {
        problems.push(
          `person ${a.beneficiaryId} holds ${a.id} (${sa.start.toISOString()}) and ${b.id} (${sb.start.toISOString()}) at once`,
        );
      }
    }
  });
  return problems;
}
