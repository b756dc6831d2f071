/**
 * What each task costs on SMS, measured on the real bot (startBot, channel
 * "sms", as Azure's Twilio channel posts it): every reply activity is one
 * SMS, billed by its segments (src/channels/sms/segments.ts). One fresh bot
 * per task, so that a cancellation does not take the booking a move needs.
 * Used by `npm run bench` (bench/smsSegments.ts) and pinned by
 * test/http/smsSegments.test.ts (GSM-7, at most 3 a turn, a booking in 12)
 * and test/conversations/smsTaskSegments.test.ts (at most 2 a turn, each
 * task no dearer than now), which read the same measure (smsTaskCosts).
 */
import { DateTime } from 'luxon';
import { nextAllowedTime } from '../../src/domain/outbox';
import { segmentsOf } from '../../src/channels/sms/segments';
import { render } from '../../src/channels/render';
import { french } from '../../src/i18n';
import { createReminders } from '../../src/services/reminders';
import { loadProgrammes } from '../../src/data/programmes';
import { silentLogger } from '../../src/logger';
import { usableReference } from '../../src/bot/proactive/conversationReference';
import type { MessageSender } from '../../src/services/reminders/ports';
import { type BotUnderTest, startBot } from './botServer';
import { MARTINE } from './personas';

/** « mardi » for a weekday 5 to 7 days ahead: a session there is past the reminder's two days. */
function weekdayAhead(now: Date): string {
  let day = DateTime.fromJSDate(now).setZone('Europe/Paris').plus({ days: 5 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day.setLocale('fr').toFormat('cccc');
}

const identified = ['bonjour', '5', MARTINE.voucherBookNumber, MARTINE.birth];
const myBookings = ['bonjour', '6', MARTINE.voucherBookNumber, MARTINE.birth];

/** The person's side of each task; the answers fit what the bot asks next. */
export const SMS_TASKS: Record<string, { says: string[] | ((now: Date) => string[]); reminder?: true }> = {
  about: { says: ['bonjour', '1', '2'] },
  eligibility: { says: ['bonjour', '2', 'Mende', '1', '1', '1'] },
  'find a place': { says: ['bonjour', '3', '48000', '1'] },
  balance: { says: ['bonjour', '4', MARTINE.voucherBookNumber, MARTINE.birth] },
  // Today's session: too close for a reminder, so none is offered after it (#14 fault 8).
  book: { says: [...identified, '1', '1', 'oui'] },
  cancel: { says: [...myBookings, '1', '1', '1'] },
  move: { says: [...myBookings, '1', '2', '1', 'oui'] },
  // Booked far enough ahead for a reminder, with one; the reminder goes; the person answers ANNULER, then « oui ».
  reminder: { says: (now) => [...identified, '1', weekdayAhead(now), '1', 'oui', 'oui'], reminder: true },
};

export interface SmsTurn {
  /** What the person wrote; "(reminder)" for the message the bot sends of itself. */
  said: string;
  texts: string[];
  segments: number;
}

export interface SmsTaskCost {
  task: string;
  turns: SmsTurn[];
  messages: number;
  segments: number;
  /** The costliest turn. */
  maxTurn: number;
}

/** Azure's SMS channel gives every activity a service URL: the outbox needs one to write later. */
const SMS_SERVICE_URL = 'https://sms.botframework.com/';

async function runTask(bot: BotUnderTest, task: string): Promise<SmsTaskCost> {
  const { says, reminder } = SMS_TASKS[task];
  const number = `+3361${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const chat = bot.conversation('sms', number);
  const turns: SmsTurn[] = [];
  const say = async (text: string) => {
    const texts = await chat.texts(text, { serviceUrl: SMS_SERVICE_URL });
    turns.push({ said: text, texts, segments: segmentsOf(texts) });
  };
  for (const text of typeof says === 'function' ? says(bot.clock.now()) : says) await say(text);
  if (reminder) {
    // The booking before it is the "book" task's cost: counted from the reminder on.
    turns.length = 0;
    const texts = await sendDueReminder(bot, number);
    turns.push({ said: '(reminder)', texts, segments: segmentsOf(texts) });
    await say('ANNULER');
    await say('oui');
  }
  const messages = turns.reduce((sum, turn) => sum + turn.texts.length, 0);
  const segments = turns.reduce((sum, turn) => sum + turn.segments, 0);
  return { task, turns, messages, segments, maxTurn: Math.max(...turns.map((turn) => turn.segments)) };
}

/**
 * Sends the person's pending reminder through the real dispatcher and
 * composer, at the moment it is due; the sender renders it for SMS as the
 * adapter's sender does (src/bot/proactive/adapterSender.ts).
 */
async function sendDueReminder(bot: BotUnderTest, number: string): Promise<string[]> {
  const t = french();
  const pending = (await bot.stores.outbox.list({ statuses: ['pending'] })).filter((m) => m.kind === 'reminder');
  const due = pending.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  if (!due) throw new Error('no reminder was planned');
  const sent: string[] = [];
  const sender: MessageSender = {
    canReach: (contact) => usableReference(contact.referenceJson) !== undefined,
    async send(contact, message) {
      if (usableReference(contact.referenceJson)?.user?.id === number)
        sent.push(...render({ text: message.text }, 'sms', t).map((a) => a.text ?? ''));
    },
  };
  const reminders = createReminders({
    stores: bot.stores,
    programmes: loadProgrammes(['lozere', 'drome']),
    t,
    logger: silentLogger(),
    slots: bot.app.services.slots,
    sender,
    consent: bot.app.services.contacts,
  });
  await reminders.dispatcher.tick(nextAllowedTime(due.dueAt));
  if (sent.length === 0) throw new Error('the reminder was not sent');
  return sent;
}

/** Every task on a fresh bot each. */
export async function measureSmsTasks(tasks: string[] = Object.keys(SMS_TASKS)): Promise<SmsTaskCost[]> {
  const costs: SmsTaskCost[] = [];
  for (const task of tasks) {
    const bot = await startBot();
    try {
      costs.push(await runTask(bot, task));
    } finally {
      await bot.close();
    }
  }
  return costs;
}

let measured: Promise<SmsTaskCost[]> | undefined;

/** Every task measured once a test run: the tests that pin their costs read the same figures (it takes a minute). */
export function smsTaskCosts(): Promise<SmsTaskCost[]> {
  measured ??= measureSmsTasks();
  return measured;
}

/** The turns billed more than `max` segments, each as « task, « said »: n segments » and its messages. */
export function turnsOver(costs: readonly SmsTaskCost[], max: number): string[] {
  return costs.flatMap((cost) =>
    cost.turns
      .filter((turn) => turn.segments > max)
      .map((turn) => `${cost.task}, « ${turn.said} »: ${turn.segments} segments\n${turn.texts.join('\n|\n')}`),
  );
}
