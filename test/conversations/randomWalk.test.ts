/**
 * The random-walk user: many seeded conversations on SMS, Web Chat and
 * Teams, each a person answering what the bot just said in one of the ways
 * people do (walker.ts). After every reply, invariants.ts checks what no
 * person would accept; after the walk, every carnet balances, no slot
 * is over capacity and nobody holds two sessions at once. A failure prints the seed, the conversation and the
 * transcript's tail: WALK_SEED=<seed> WALK_CONVERSATIONS=<n> replays it.
 */
import assert from 'node:assert/strict';
import { brokenSlots, unbalancedBooks } from '../crash/crashChecks';
import { seededRng } from '../reliability/fuzzCases';
import { type BotUnderTest, startBot } from '../support/botServer';
import { overlappingSessions, problemsWith, visibleTexts } from './invariants';
import { type Memory, nextMessage } from './walker';
import { GERARD, MARTINE, SYLVIE } from '../support/personas';

const SEED = Number(process.env.WALK_SEED ?? 20261202);
const CONVERSATIONS = Number(process.env.WALK_CONVERSATIONS ?? 1000);
const CHANNELS = ['sms', 'webchat', 'msteams'] as const;
/** Conversations talking at once: people do not wait for each other. */
const AT_ONCE = 8;

interface Failure {
  conversation: number;
  channel: string;
  problems: string[];
  transcript: string[];
}

async function walk(bot: BotUnderTest, index: number): Promise<{ turns: number; failure?: Failure }> {
  const rng = seededRng(SEED + index);
  const channel = CHANNELS[index % CHANNELS.length];
  const chat = bot.conversation(channel);
  const transcript: string[] = [];
  let last: string[] = [];
  const memory: Memory = {};
  const turns = 2 + Math.floor(rng() * 8);
  for (let turn = 0; turn < turns; turn += 1) {
    const said = turn === 0 ? 'bonjour' : nextMessage(rng, last, memory);
    const replies = await chat.say(said);
    const previous = last;
    last = visibleTexts(replies);
    transcript.push(`> ${said}`, ...last.map((t) => `< ${t.replace(/\n/g, '\n  ')}`));
    const problems = problemsWith(said, channel, replies, previous);
    if (problems.length > 0) return { turns: turn + 1, failure: { conversation: index, channel, problems, transcript } };
  }
  return { turns };
}

describe('a random-walk user on SMS, Web Chat and Teams', function () {
  this.timeout(10 * 60_000);
  let bot: BotUnderTest;
  const failures: Failure[] = [];
  let turns = 0;

  before(async () => {
    bot = await startBot();
    for (let next = 0; next < CONVERSATIONS; next += AT_ONCE) {
      const batch = Array.from({ length: Math.min(AT_ONCE, CONVERSATIONS - next) }, (_, i) => walk(bot, next + i));
      for (const result of await Promise.all(batch)) {
        turns += result.turns;
        if (result.failure) failures.push(result.failure);
      }
    }
  });
  after(async () => bot.close());

  it(`gets an acceptable answer to every message (${CONVERSATIONS} conversations, seed ${SEED})`, () => {
    const shown = failures
      .slice(0, 5)
      .map(
        (f) =>
          `conversation ${f.conversation} on ${f.channel} (WALK_SEED=${SEED}): ${f.problems.join('; ')}\n  ${f.transcript.slice(-Number(process.env.WALK_TAIL ?? 12)).join('\n  ')}`,
      );
    const kinds = new Map<string, number>();
    for (const f of failures) for (const p of f.problems) kinds.set(p.split(':')[0], (kinds.get(p.split(':')[0]) ?? 0) + 1);
    assert.equal(
      failures.length,
      0,
      `${failures.length} of ${CONVERSATIONS} conversations (${turns} turns) went wrong: ${[...kinds].map(([k, n]) => `${k} ×${n}`).join(', ')}\n\n${shown.join('\n\n')}`,
    );
  });

  it('leaves every carnet balanced, no slot over capacity, and nobody in two sessions at once', async () => {
    const books = [];
    for (const id of [MARTINE.id, GERARD.id, SYLVIE.id]) {
      books.push(...(await bot.stores.voucherBooks.listByBeneficiary(id)));
    }
    const snapshot = { bookings: await bot.stores.bookings.list({}), slots: await bot.stores.slots.list({}), books, prescribed: [] };
    assert.deepEqual([...unbalancedBooks(snapshot), ...brokenSlots(snapshot), ...overlappingSessions(snapshot)], []);
  });
});
