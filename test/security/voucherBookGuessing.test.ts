/**
 * Guessing a birth date for a known carnet (issue 16, medium 7): the lock
 * after five wrong dates lived in memory on the embedded store, so a restart
 * lifted it (locked LOZ-MARV-EJ8, restarted, the right date accepted at
 * once); and in anonymous mode any Authorization header skipped the
 * per-address lock (« Bearer nothing » → more guesses after it).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { MAX_FAILURES, MAX_FAILURES_PER_ADDRESS } from '../../src/services/identityGuard';
import { type BotUnderTest, startBot } from '../support/botServer';
import { GERARD, MARTINE, SYLVIE } from '../support/personas';

const LOCKED = /je ne peux pas vérifier votre carnet par écrit pendant 15 minutes/;
/** What a request refused before the bot ran reads as, here. */
const REFUSED = 'HTTP 401';
const wrongDate = (i: number) => `0${(i % 9) + 1}/01/1950`;

/** One Web Chat conversation; `authorization` is sent as a header when given. */
function conversation(bot: BotUnderTest, authorization?: string) {
  const conversationId = randomUUID();
  const userId = `user-${randomUUID()}`;
  return async (text: string): Promise<string> => {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({
        type: 'message', id: randomUUID(), text, channelId: 'webchat',
        from: { id: userId }, recipient: { id: 'bot' }, conversation: { id: conversationId }, deliveryMode: 'expectReplies',
        // A "signed" request must name where replies would go (http/activityCheck).
        ...(authorization ? { serviceUrl: 'http://127.0.0.1:9/' } : {}),
      }),
    });
    // A header nothing verified may be refused outright (401): then it guesses nothing either.
    if (response.status === 401) return REFUSED;
    assert.equal(response.status, 200);
    return ((await response.json()) as { activities: Partial<Activity>[] }).activities.map((a) => a.text ?? '').join('\n');
  };
}

/** Gives the carnet and a birth date, for each of `dates` (the bot asks both again after a miss); the last answer. */
async function tryDates(say: (text: string) => Promise<string>, voucherBookNumber: string, dates: string[]): Promise<string> {
  await say('bonjour');
  let answer = await say('réserver une séance');
  for (const date of dates) {
    if (LOCKED.test(answer) || answer === REFUSED) return answer;
    answer = await say(voucherBookNumber);
    if (LOCKED.test(answer)) return answer;
    answer = await say(date);
  }
  return answer;
}

describe('carnet guessing stays locked', function () {
  this.timeout(120_000);
  let dataDir: string;
  let bot: BotUnderTest | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'guessing-'));
  });
  afterEach(async () => {
    await bot?.close();
    bot = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a carnet locked after five wrong dates is still locked after a restart of the embedded store', async () => {
    bot = await startBot({ dataDir });
    const locked = await tryDates(conversation(bot), SYLVIE.voucherBookNumber, Array.from({ length: MAX_FAILURES }, (_, i) => wrongDate(i)));
    assert.match(locked, LOCKED);
    await bot.close();
    bot = await startBot({ dataDir, seed: false });
    const afterRestart = await tryDates(conversation(bot), SYLVIE.voucherBookNumber, [SYLVIE.birth]);
    assert.match(afterRestart, LOCKED);
    assert.doesNotMatch(afterRestart, /Quel parcours|Sur quel sujet|Séances libres/);
  });

  it('anonymous mode: « Authorization: Bearer nothing » does not lift the per-address lock', async () => {
    bot = await startBot();
    // Many carnets from one address: each conversation locks after five, the address after twenty.
    const voucherBookNumbers = [MARTINE.voucherBookNumber, GERARD.voucherBookNumber, SYLVIE.voucherBookNumber, MARTINE.voucherBookNumber, GERARD.voucherBookNumber];
    let failures = 0;
    for (const voucherBookNumber of voucherBookNumbers) {
      if (failures >= MAX_FAILURES_PER_ADDRESS) break;
      await tryDates(conversation(bot), voucherBookNumber, Array.from({ length: MAX_FAILURES }, (_, i) => wrongDate(i)));
      failures += MAX_FAILURES;
    }
    assert.match(await tryDates(conversation(bot), SYLVIE.voucherBookNumber, [wrongDate(1)]), LOCKED, 'the address is locked');
    const withHeader = await tryDates(conversation(bot, 'Bearer nothing'), SYLVIE.voucherBookNumber, [SYLVIE.birth]);
    assert.ok(LOCKED.test(withHeader) || withHeader === REFUSED, withHeader);
  });
});
