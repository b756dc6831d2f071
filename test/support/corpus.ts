/**
 * The conversation corpus (test/conversations/corpus/*.yaml), read and
 * played on a bot of its own each: used by the corpus test and by
 * `node dist/bench/smsCorpusSegments.js` (what each SMS turn costs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { parse } from 'yaml';
import { z } from 'zod';
import { type BotUnderTest, startBot } from './botServer';
import { testClock } from './clock';
import { martineAtTrainersPlace, martineMarkedAbsent, personAtTrainersPlace } from './trainerBooking';
import { CLAIRE, chatAs, DEMO_TENANT, DROME_TRAINER, JULIEN, LOZERE_TRAINER } from './teamsChat';
import { seedTwoCarnets } from './twoCarnets';
import { type DemoIdentities, loadDemoIdentities } from '../../src/data/demoIdentities';

/** The demo's people, but those booked with the Teams trainers. */
function withoutTeamsTrainerBookings(): DemoIdentities {
  const identities = loadDemoIdentities();
  return { ...identities, beneficiaries: identities.beneficiaries.filter((b) => b.scenario !== 'with-teams-trainer') };
}

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
  /** Before the first turn: Paulette Roux with two carnets, the old one nearly used up and expiring in 5 days (test/support/twoCarnets.ts). */
  twoCarnets: z.enum(['true']).optional(),
  /** `none`: the demo's people booked with the Teams trainers are not seeded (a trainer's week with nothing booked). */
  teamsTrainerDemoBookings: z.enum(['none']).optional(),
  turns: z.array(turnSchema).min(1),
  /** Hours left on carnets at the end: carnet number → hours. */
  hours: z.record(z.string(), z.coerce.number()).optional(),
});

export type CorpusConversation = z.infer<typeof conversationSchema>;
export type CorpusTurn = z.infer<typeof turnSchema>;

const TEAMS_IDS = {
  claire: CLAIRE,
  julien: JULIEN,
  'lozere-trainer': LOZERE_TRAINER,
  'drome-trainer': DROME_TRAINER,
  unregistered: '11111111-2222-4333-8444-000000000c0e',
} as const;

export const CORPUS = path.join(__dirname, '..', '..', '..', 'test', 'conversations', 'corpus');

export function corpusFiles(): string[] {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

/** One file, or an error that names it (a « : » in a title is YAML syntax). */
export function readConversation(file: string): CorpusConversation {
  try {
    return conversationSchema.parse(parse(readFileSync(path.join(CORPUS, file), 'utf8'), { schema: 'failsafe' }));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Plays a conversation on a bot of its own (the demo data, its set-up
 * done): `onTurn` gets each turn and the bot's replies; `atEnd` the bot,
 * before it closes.
 */
export async function playConversation(
  conversation: CorpusConversation,
  onTurn: (turn: CorpusTurn, replies: Partial<Activity>[]) => void | Promise<void>,
  atEnd?: (bot: BotUnderTest) => Promise<void>,
): Promise<void> {
  const bot: BotUnderTest = await startBot({
    ...(conversation.on ? { clock: testClock(conversation.on) } : {}),
    ...(conversation.teamsTrainerDemoBookings === 'none' ? { identities: withoutTeamsTrainerBookings() } : {}),
  });
  try {
    if (conversation.twoCarnets) await seedTwoCarnets(bot.stores, bot.clock.now());
    for (const hours of conversation.trainerSessions ?? []) await martineAtTrainersPlace(bot, hours, undefined, undefined, bot.clock.now());
    for (const [name, hours] of Object.entries(conversation.trainerBookings ?? {}))
      await personAtTrainersPlace(bot, name, hours, bot.clock.now());
    for (const hours of conversation.missedSessions ?? []) await martineMarkedAbsent(bot, hours, bot.clock.now());
    for (const name of conversation.lookedUpByClaire ?? []) await chatAs(bot, { aadObjectId: CLAIRE, tenantId: DEMO_TENANT }).texts(name);
    const chat = conversation.as
      ? chatAs(bot, { aadObjectId: TEAMS_IDS[conversation.as], tenantId: DEMO_TENANT })
      : bot.conversation(conversation.channel);
    for (const turn of conversation.turns) await onTurn(turn, await chat.say(turn.say));
    await atEnd?.(bot);
  } finally {
    await bot.close();
  }
}
