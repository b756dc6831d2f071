/**
 * A prescriber is told in Teams when a person they prescribed for misses
 * two sessions: Claire (demo prescriber, who issued Martine's carnet) has
 * talked to the bot in Teams once; the trainer marks Martine absent twice;
 * the outbox sends one alert to Claire's conversation, through
 * continueConversationAsync to the serviceUrl her Teams activities named —
 * here a local stand-in for the Teams connector that records what it gets.
 * Likewise when a carnet Claire issued is locked after wrong birth dates.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nextAllowedTime, outboxIds } from '../../src/domain/outbox';
import { type BotUnderTest, startBot } from '../support/botServer';
import { CLAIRE, chatAs, DEMO_TENANT, LOZERE_TRAINER } from '../support/teamsChat';
import { martineAtTrainersPlace } from '../support/trainerBooking';
import { testNow } from '../support/clock';
import { MARTINE, SYLVIE } from '../support/personas';
import { lockForGood } from '../support/lockForGood';

const CLAIRE_RECORD = 'demo-prescriber-lozere';

/** Records the activities the bot posts to conversations, as the Teams connector would receive them. */
async function teamsConnector(): Promise<{ url: string; received: { conversationId: string; text?: string }[]; close(): Promise<void> }> {
  const received: { conversationId: string; text?: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method === 'POST' && match) {
        received.push({ conversationId: decodeURIComponent(match[1]), text: (JSON.parse(body) as { text?: string }).text });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `sent-${received.length}` }));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('prescribers are told in Teams when a person misses two sessions', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;
  let connector: Awaited<ReturnType<typeof teamsConnector>>;
  before(async () => {
    bot = await startBot();
    connector = await teamsConnector();
  });
  after(async () => {
    await bot.close();
    await connector.close();
  });

  it("remembers Claire's Teams conversation, and sends her one alert after the second absence", async () => {
    const claire = chatAs(bot, { aadObjectId: CLAIRE, tenantId: DEMO_TENANT, serviceUrl: connector.url });
    await claire.texts('bonjour');
    const [reference] = await bot.stores.contactReferences.listByBeneficiary(CLAIRE_RECORD);
    assert.deepEqual([reference?.channelId, reference?.consent], ['msteams', true]);

    // Two sessions, one after the other, that started an hour and a half and two and a half hours ago (one instant for
    // both: the clock moves between two reads, and back-to-back sessions a few milliseconds apart overlap).
    const now = testNow();
    await martineAtTrainersPlace(bot, -1.5, undefined, undefined, now);
    await martineAtTrainersPlace(bot, -2.5, undefined, undefined, now);
    const trainer = chatAs(bot, { aadObjectId: LOZERE_TRAINER, tenantId: DEMO_TENANT });
    await trainer.texts('séances du jour');
    await trainer.texts('1');
    assert.match(await trainer.texts('Absent(e)'), /C'est noté : absent\(e\)/);
    const alertId = outboxIds.prescriberAlert('missed_twice', CLAIRE_RECORD, MARTINE.id);
    assert.equal(await bot.stores.outbox.get(alertId), undefined, 'not after one absence');
    // Marking shows the list again, with the sessions still to mark: the second one is number 1 now.
    await trainer.texts('1');
    assert.match(await trainer.texts('Absent(e)'), /C'est noté : absent\(e\)/);
    const alert = (await bot.stores.outbox.get(alertId))!;
    assert.equal(alert.status, 'pending');

    await bot.app.reminders.dispatcher.tick(nextAllowedTime(alert.dueAt));
    assert.equal((await bot.stores.outbox.get(alertId))!.status, 'sent');
    const toClaire = connector.received.filter((r) => r.text?.startsWith('Pass Numérique : Martine'));
    assert.deepEqual(
      toClaire.map((r) => r.text),
      [
        // On a screen, the guillemets hold their words with non-breaking spaces.
        'Pass Numérique : Martine Delmas a manqué 2 séances. Pour voir son dossier, écrivez «\u00a0Martine Delmas\u00a0».',
      ],
    );
    assert.equal(toClaire[0].conversationId, JSON.parse(reference.referenceJson).conversation.id);
    const audit = await bot.stores.audit.list({ subjectId: MARTINE.id });
    assert.ok(
      audit.some((event) => event.action === 'alert.missed_twice'),
      'the alert is traced like any access to the file',
    );
  });

  it('tells Claire when a carnet she issued waits for her unlock after wrong birth dates', async () => {
    await chatAs(bot, { aadObjectId: CLAIRE, tenantId: DEMO_TENANT, serviceUrl: connector.url }).texts('bonjour');
    await lockForGood(bot.app.services.identityGuard, SYLVIE.voucherBookNumber);
    const [alert] = (await bot.stores.outbox.list({ beneficiaryId: SYLVIE.id })).filter((m) => m.alert === 'book_locked');
    assert.equal(alert?.professionalId, CLAIRE_RECORD);
    await bot.app.reminders.dispatcher.tick(nextAllowedTime(alert.dueAt));
    assert.equal((await bot.stores.outbox.get(alert.id))!.status, 'sent');
    const toClaire = connector.received.filter((r) => r.text?.includes(SYLVIE.voucherBookNumber));
    assert.deepEqual(
      toClaire.map((r) => r.text),
      [
        `Pass Numérique : le carnet ${SYLVIE.voucherBookNumber} de ${SYLVIE.fullName} est bloqué : plusieurs dates de naissance fausses ont été essayées. ` +
          `Appelez cette personne pour vérifier que c'était bien elle, puis écrivez «\u00a0${SYLVIE.fullName}\u00a0» et choisissez «\u00a0Débloquer le carnet\u00a0».`,
      ],
    );
  });
});
