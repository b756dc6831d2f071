/** A coordinator reads the programme's figures in Teams; nobody else does. */
import assert from 'node:assert/strict';
import { type BotUnderTest, startBot } from '../support/botServer';
import { CLAIRE, chatAs, DEMO_TENANT, JULIEN } from '../support/teamsChat';

describe('programme figures in Teams', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  it("gives a coordinator the year's figures of their programme, reconciled, and audits the reading", async () => {
    const answer = await chatAs(bot, { aadObjectId: JULIEN, tenantId: DEMO_TENANT }).texts('les chiffres');
    assert.match(answer, /Pass'numérique \(Drôme\) : les chiffres du 1er janvier au /);
    assert.match(answer, /Contrôle : chaque solde correspond à son historique\./);
    // The demo's past sessions were held before the assistant: its hours are said to be so, not left next to « 0 honorées ».
    assert.match(answer, /Heures consommées\W+\d+ h \(\d+ h sans séance dans l'assistant\)/);
    const events = await bot.stores.audit.list({ programmeId: 'drome' });
    assert.ok(events.some((e) => e.action === 'figures.view' && e.details?.outcome === 'ok'));
  });

  it('does not offer them to a prescriber', async () => {
    const answer = await chatAs(bot, { aadObjectId: CLAIRE, tenantId: DEMO_TENANT }).texts('les chiffres');
    assert.doesNotMatch(answer, /Contrôle : chaque solde/);
  });
});
