/**
 * Guessing a birth date for a known carnet (issue 16, medium 7): the lock
 * after five wrong dates lived in memory on the embedded store, so a restart
 * lifted it (locked LOZ-MARV-EJ8, restarted, the right date accepted at
 * once); it never escalated (five dates every 15 minutes: the 365 dates
 * of a birth year in about 18 hours); and in anonymous mode any
 * Authorization header skipped the per-address lock (« Bearer nothing » →
 * more guesses after it).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { lockSeconds, MAX_FAILURES, MAX_FAILURES_PER_ADDRESS, MAX_LOCKS } from '../../src/services/identityGuard';
import { type BotUnderTest, startBot } from '../support/botServer';
import { GERARD, MARTINE, SYLVIE } from '../support/personas';
import { withMovableDate } from '../support/lockForGood';
import { activityText, chatAs, CLAIRE, DEMO_TENANT } from '../support/teamsChat';

const LOCKED = /je ne peux pas vérifier votre carnet par écrit pendant (\d+) minutes/;
const LOCKED_FOR_GOOD = /votre carnet est bloqué : trop de dates de naissance différentes ont été essayées/;
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
        type: 'message',
        id: randomUUID(),
        text,
        channelId: 'webchat',
        from: { id: userId },
        recipient: { id: 'bot' },
        conversation: { id: conversationId },
        deliveryMode: 'expectReplies',
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
    if (LOCKED.test(answer) || LOCKED_FOR_GOOD.test(answer) || answer === REFUSED) return answer;
    answer = await say(voucherBookNumber);
    if (LOCKED.test(answer) || LOCKED_FOR_GOOD.test(answer)) return answer;
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
    const locked = await tryDates(
      conversation(bot),
      SYLVIE.voucherBookNumber,
      Array.from({ length: MAX_FAILURES }, (_, i) => wrongDate(i)),
    );
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
    const voucherBookNumbers = [
      MARTINE.voucherBookNumber,
      GERARD.voucherBookNumber,
      SYLVIE.voucherBookNumber,
      MARTINE.voucherBookNumber,
      GERARD.voucherBookNumber,
    ];
    let failures = 0;
    for (const voucherBookNumber of voucherBookNumbers) {
      if (failures >= MAX_FAILURES_PER_ADDRESS) break;
      await tryDates(
        conversation(bot),
        voucherBookNumber,
        Array.from({ length: MAX_FAILURES }, (_, i) => wrongDate(i)),
      );
      failures += MAX_FAILURES;
    }
    assert.match(await tryDates(conversation(bot), SYLVIE.voucherBookNumber, [wrongDate(1)]), LOCKED, 'the address is locked');
    const withHeader = await tryDates(conversation(bot, 'Bearer nothing'), SYLVIE.voucherBookNumber, [SYLVIE.birth]);
    assert.ok(LOCKED.test(withHeader) || withHeader === REFUSED, withHeader);
  });

  it(`guessing escalates: ${MAX_LOCKS} locks (15, 30 minutes…), then the carnet waits for its prescriber, who is told and unlocks it`, async () => {
    bot = await startBot({ dataDir });
    const running = bot;
    const wrong = (lock: number) => Array.from({ length: MAX_FAILURES }, (_, i) => `0${(i % 9) + 1}/0${lock}/1967`);
    const answers = await withMovableDate(async (advance) => {
      const seen: string[] = [];
      for (let lock = 1; lock <= MAX_LOCKS; lock += 1) {
        // A new conversation each round, as an attacker would: only the carnet's own lock holds.
        seen.push(await tryDates(conversation(running), SYLVIE.voucherBookNumber, wrong(lock)));
        if (lock < MAX_LOCKS) advance(lockSeconds(lock) * 1000 + 60_000);
      }
      // Before: the right date, 15 minutes after the third lock, was accepted. Now, even a month later:
      advance(30 * 24 * 3600 * 1000);
      seen.push(await tryDates(conversation(running), SYLVIE.voucherBookNumber, [SYLVIE.birth]));
      return seen;
    });
    assert.equal(LOCKED.exec(answers[0])?.[1], '15');
    assert.equal(LOCKED.exec(answers[1])?.[1], '30');
    for (const answer of answers.slice(2)) {
      assert.match(answer, LOCKED_FOR_GOOD);
      // Whom to call: the structure that gave the carnet, with its phone, and the national helpline.
      assert.match(answer, /France services de Mende, qui vous a remis votre carnet : 0\d(\s\d\d){4}/);
      assert.match(answer, /Solidarité Numérique/);
    }
    assert.doesNotMatch(answers[3], /Votre carnet .* a expiré|Merci, c'est bien vous/);

    // The prescriber who issued it is told, once.
    const alerts = (await bot.stores.outbox.list({ beneficiaryId: SYLVIE.id })).filter((m) => m.alert === 'book_locked');
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0].professionalId, 'demo-prescriber-lozere');

    // A restart lifts nothing.
    await bot.close();
    bot = await startBot({ dataDir, seed: false });
    assert.match(await tryDates(conversation(bot), SYLVIE.voucherBookNumber, [SYLVIE.birth]), LOCKED_FOR_GOOD);

    // Claire calls Sylvie, opens her file in Teams and unlocks the carnet: Sylvie is recognised again.
    const claire = chatAs(bot, { aadObjectId: CLAIRE, tenantId: DEMO_TENANT });
    const file = await claire.say(SYLVIE.fullName);
    assert.match(file.map(activityText).join('\n'), new RegExp(`Carnet ${SYLVIE.voucherBookNumber} bloqué`));
    const unlocked = (await claire.press(file, 'Débloquer le carnet', 'desktop')).map(activityText).join('\n');
    assert.match(unlocked, new RegExp(`C'est débloqué : ${SYLVIE.fullName} peut de nouveau se faire reconnaître`));
    assert.match(await tryDates(conversation(bot), SYLVIE.voucherBookNumber, [SYLVIE.birth]), /Votre carnet .* a expiré/);
  });
});
