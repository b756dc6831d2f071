/**
 * The conversation corpus: one YAML file per conversation in corpus/, written
 * the way people write (no accents, SMS style, typos, changes of mind), each
 * turn with what the bot must mean — `expect` (a pattern the answer must
 * hold), `never` (one it must not) — and, at the end, what must have changed
 * in the store (`hours`: a carnet's hours left). On Teams, `as` names the
 * professional typing (Claire prescribes in Lozère, Julien coordinates the
 * Drôme, the trainers mark attendance) or an unregistered colleague. A new
 * behaviour is pinned here first; every fault found by people or by the
 * random walk gets one.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { type BotUnderTest, startBot } from '../support/botServer';
import { testClock } from '../support/clock';
import { martineAtTrainersPlace, martineMarkedAbsent, personAtTrainersPlace } from '../support/trainerBooking';
import { CLAIRE, chatAs, DEMO_TENANT, DROME_TRAINER, JULIEN, LOZERE_TRAINER } from '../support/teamsChat';
import { smsProblems, visibleTexts } from './invariants';

const turnSchema = z.object({
  // Read with YAML's failsafe schema: « 03111949 » stays what the person typed, leading zero included.
  say: z.string(),
  expect: z.string().optional(),
  never: z.string().optional(),
});
const conversationSchema = z.object({
  title: z.string(),
  channel: z.enum(['sms', 'webchat', 'msteams']),
  /** Another day than the tests' (ISO date-time), for date-sensitive conversations. */
  on: z.string().optional(),
  /** On Teams, who types (by Entra id, in the demo tenant): a demo professional, or a colleague not registered. */
  as: z.enum(['claire', 'julien', 'lozere-trainer', 'drome-trainer', 'unregistered']).optional(),
  /** Before the first turn: Martine booked in one-seat sessions at the Lozère demo trainer's place, starting in these hours (negative: begun). */
  trainerSessions: z.array(z.coerce.number()).optional(),
  /** Before the first turn: other Lozère people (« Josette Pradel », created with a carnet of 10 hours) booked there too, by full name → hours. */
  trainerBookings: z.record(z.string(), z.coerce.number()).optional(),
  /** Before the first turn: Martine's sessions there that began these hours ago (negative), marked absent by the trainer. */
  missedSessions: z.array(z.coerce.number()).optional(),
  /** Before the first turn: Claire (Lozère prescriber) looks these people up in Teams by name (« Martine Delmas »): their access log lists her structure. */
  lookedUpByClaire: z.array(z.string()).optional(),
  turns: z.array(turnSchema).min(1),
  /** Hours left on carnets at the end: carnet number → hours. */
  hours: z.record(z.string(), z.coerce.number()).optional(),
});

const TEAMS_IDS = {
  claire: CLAIRE,
  julien: JULIEN,
  'lozere-trainer': LOZERE_TRAINER,
  'drome-trainer': DROME_TRAINER,
  unregistered: '11111111-2222-4333-8444-000000000c0e',
} as const;

const CORPUS = path.join(__dirname, '..', '..', '..', 'test', 'conversations', 'corpus');
const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** « 14h00 », « 9h30 »: times as the bot no longer writes them. */
const BOT_NEVER_WRITES = /\d{1,2}h\d\d/;

/** One file, or an error that names it (a « : » in a title is YAML syntax). */
function readConversation(file: string): z.infer<typeof conversationSchema> {
  try {
    return conversationSchema.parse(parse(readFileSync(path.join(CORPUS, file), 'utf8'), { schema: 'failsafe' }));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
}

describe(`the conversation corpus (${files.length} conversations)`, function () {
  this.timeout(60_000);

  for (const file of files) {
    const conversation = readConversation(file);
    // A pattern in a format the bot never writes would pass (never) or fail (expect) for the wrong reason.
    for (const turn of conversation.turns) {
      for (const pattern of [turn.expect, turn.never]) {
        if (pattern && BOT_NEVER_WRITES.test(pattern))
          throw new Error(`${file}: « ${pattern} »: the bot writes times « 14 h », « 14 h 30 » (locales/fr formats)`);
      }
    }
    it(`${file}: ${conversation.title}`, async () => {
      // A bot of its own, on the demo data: conversations never see each other's bookings.
      const bot: BotUnderTest = await startBot(conversation.on ? { clock: testClock(conversation.on) } : {});
      try {
        for (const hours of conversation.trainerSessions ?? [])
          await martineAtTrainersPlace(bot, hours, undefined, undefined, bot.clock.now());
        for (const [name, hours] of Object.entries(conversation.trainerBookings ?? {}))
          await personAtTrainersPlace(bot, name, hours, bot.clock.now());
        for (const hours of conversation.missedSessions ?? []) await martineMarkedAbsent(bot, hours, bot.clock.now());
        for (const name of conversation.lookedUpByClaire ?? [])
          await chatAs(bot, { aadObjectId: CLAIRE, tenantId: DEMO_TENANT }).texts(name);
        const chat = conversation.as
          ? chatAs(bot, { aadObjectId: TEAMS_IDS[conversation.as], tenantId: DEMO_TENANT })
          : bot.conversation(conversation.channel);
        const transcript: string[] = [];
        for (const turn of conversation.turns) {
          const replies = await chat.say(turn.say);
          const answer = visibleTexts(replies).join('\n');
          transcript.push(`> ${turn.say}`, `< ${answer.replace(/\n/g, '\n  ')}`);
          const where = `\n${transcript.slice(-8).join('\n')}`;
          // Every SMS as sent: GSM-7, at most 3 segments and 320 characters, no card.
          if (conversation.channel === 'sms') assert.deepEqual(smsProblems(replies), [], `after « ${turn.say} »${where}`);
          if (turn.expect) assert.match(answer, new RegExp(turn.expect, 'iu'), `after « ${turn.say} »${where}`);
          if (turn.never) assert.doesNotMatch(answer, new RegExp(turn.never, 'iu'), `after « ${turn.say} »${where}`);
        }
        for (const [voucherBookNumber, hours] of Object.entries(conversation.hours ?? {})) {
          assert.equal(
            (await bot.stores.voucherBooks.getByNumber(voucherBookNumber))?.hoursLeft,
            hours,
            `hours left on ${voucherBookNumber}`,
          );
        }
      } finally {
        await bot.close();
      }
    });
  }
});
