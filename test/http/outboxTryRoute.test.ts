/**
 * « Avancer l'horloge » on a local try-out: POST /api/try/outbox sends what
 * is due at the time given (Paris time), says when that time is quiet, and
 * refuses a time it cannot read without touching anything.
 */
import assert from 'node:assert/strict';
import { askedMoment, OUTBOX_TRY_PATH, registerOutboxTryRoute } from '../../src/http/outboxTryRoute';
import { silentLogger } from '../../src/logger';
import { type BotUnderTest, startBot } from '../support/botServer';

describe('trying reminders locally: POST /api/try/outbox', function () {
  this.timeout(30_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot();
    registerOutboxTryRoute(bot.app.server, bot.app.reminders.dispatcher, silentLogger(), () => bot.clock.now());
  });
  after(async () => bot.close());

  const run = async (body: unknown) => {
    const response = await fetch(`${bot.url}${OUTBOX_TRY_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('reads a time without a zone as Paris time, and one with a zone as given', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    assert.equal(askedMoment('2026-12-03T09:00', now)?.toISOString(), '2026-12-03T08:00:00.000Z');
    assert.equal(askedMoment('2026-07-03T09:00', now)?.toISOString(), '2026-07-03T07:00:00.000Z', 'summer time');
    assert.equal(askedMoment('2026-12-03T09:00:00Z', now)?.toISOString(), '2026-12-03T09:00:00.000Z');
    assert.equal(askedMoment(undefined, now), now);
    for (const bad of ['demain', 42, '2026-13-45T99:00', 'x'.repeat(41)]) assert.equal(askedMoment(bad, now), undefined, String(bad));
  });

  it('runs the dispatcher at that time and reports what it did', async () => {
    const answer = await run({ at: '2026-12-01T10:00' });
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.body).sort(), ['at', 'cancelled', 'failed', 'quiet', 'retried', 'sent', 'skipped']);
    assert.equal(answer.body.quiet, false);
  });

  it('says when the time is quiet (20:00–8:00, Sundays, holidays): nothing goes', async () => {
    const answer = await run({ at: '2026-12-25T10:00' });
    assert.deepEqual([answer.status, answer.body.quiet, answer.body.sent], [200, true, 0]);
  });

  it('refuses a time it cannot read, kindly and with the expected form', async () => {
    const answer = await run({ at: 'demain' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.expected, 'ISO date-time, e.g. 2026-12-03T09:00');
  });
});
