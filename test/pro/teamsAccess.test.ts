/**
 * Over the real app: who gets the professional features (recognised Teams
 * users only, on every turn) and what everyone else sees — nothing about
 * another person. Also the trainer's attendance flow and the beneficiary's
 * "qui a consulté mon dossier ?".
 */
import assert from 'node:assert/strict';
import { type BotUnderTest, startBot } from '../support/botServer';
import { CLAIRE, chatAs, DEMO_TENANT, JULIEN, LOZERE_TRAINER } from '../support/teamsChat';
import { martineAtTrainersPlace } from '../support/trainerBooking';
import { MARTINE } from '../support/personas';

const ASK_BALANCE = 'quel est le solde de Mme Delmas ?';
/** Anything of Martine's file. */
// (LOZ-MEND-E4L itself is the example the carnet question quotes: it is public.)
const MARTINE_DATA = new RegExp([MARTINE.firstName, MARTINE.lastName, '7 h', '7 heures', MARTINE.birth].join('|'));

describe('professionals in Teams: access, refusals, attendance, audit', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;

  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  describe('reveals nothing to anyone else', () => {
    it("an unknown Teams user asking for someone's balance is told how to get access, and it is audited", async () => {
      const stranger = '11111111-2222-4333-8444-555555555555';
      const answer = await chatAs(bot, { aadObjectId: stranger, tenantId: DEMO_TENANT }).texts(ASK_BALANCE);
      assert.match(answer, /votre compte Teams n'y est pas encore inscrit. Pour y accéder, demandez-le à la coordination/);
      assert.doesNotMatch(answer, MARTINE_DATA);
      const events = await bot.stores.audit.list({ subjectId: stranger });
      assert.equal(events[0]?.action, 'professional.unknown');
    });

    it('an unknown Teams user typing a name gets the beneficiary assistant, not the file', async () => {
      const chat = chatAs(bot, { aadObjectId: '11111111-2222-4333-8444-666666666666', tenantId: DEMO_TENANT });
      assert.doesNotMatch(await chat.texts('Martine Delmas'), MARTINE_DATA);
      // Her carnet number alone starts the check of who is typing; the question's example date is wording, not her file.
      const afterNumber = await chat.texts(MARTINE.voucherBookNumber);
      assert.match(afterNumber, /date de naissance/);
      assert.doesNotMatch(afterNumber.replace(/Par exemple \d{2}\/\d{2}\/\d{4}\./, ''), MARTINE_DATA);
    });

    for (const channelId of ['webchat', 'sms']) {
      it(`${channelId}: the same question leads to the person's own account check, even with a prescriber's id`, async () => {
        const chat = chatAs(bot, { channelId, aadObjectId: CLAIRE, userId: channelId === 'sms' ? '+33639980999' : 'someone' });
        const answer = await chat.texts(ASK_BALANCE);
        assert.match(answer, /numéro de votre carnet/);
        assert.doesNotMatch(answer, MARTINE_DATA);
        assert.doesNotMatch(await chat.texts('Martine Delmas'), MARTINE_DATA);
      });
    }

    it('a disabled prescriber is no longer recognised on the very next message', async () => {
      const chat = chatAs(bot, { aadObjectId: CLAIRE, tenantId: DEMO_TENANT });
      assert.match(await chat.texts('bonjour'), /Bonjour Claire \(démo\) – France services de Mende\./);
      const claire = (await bot.stores.prescribers.get('demo-prescriber-lozere'))!;
      await bot.stores.prescribers.upsert({ ...claire, active: false });
      try {
        assert.doesNotMatch(await chat.texts('Martine Delmas'), MARTINE_DATA);
      } finally {
        await bot.stores.prescribers.upsert(claire);
      }
    });

    it('a record pinned to a tenant refuses the same object id from another tenant', async () => {
      const claire = (await bot.stores.prescribers.get('demo-prescriber-lozere'))!;
      await bot.stores.prescribers.upsert({ ...claire, tenantId: DEMO_TENANT });
      try {
        const elsewhere = chatAs(bot, { aadObjectId: CLAIRE, tenantId: 'ffffffff-0000-4000-8000-000000000000' });
        assert.doesNotMatch(await elsewhere.texts('Martine Delmas'), MARTINE_DATA);
        const home = chatAs(bot, { aadObjectId: CLAIRE, tenantId: DEMO_TENANT });
        assert.match(await home.texts('Martine Delmas'), new RegExp(MARTINE.voucherBookNumber));
      } finally {
        await bot.stores.prescribers.upsert(claire);
      }
    });

    it('a Drôme coordinator cannot open a Lozère beneficiary, even with the carnet number (read as an unknown one)', async () => {
      const answer = await chatAs(bot, { aadObjectId: JULIEN, tenantId: DEMO_TENANT }).texts(MARTINE.voucherBookNumber);
      assert.match(answer, /Je ne trouve pas de chéquier numéro LOZ-MEND-E4L dans votre département/);
      assert.doesNotMatch(answer, MARTINE_DATA);
    });
  });

  describe('a trainer marks attendance', () => {
    const bookAt = (hoursFromNow: number) => martineAtTrainersPlace(bot, hoursFromNow);

    it("lists today's sessions, marks a started one attended (its hour is consumed), offers no button for a later one", async () => {
      const started = await bookAt(-0.5);
      const later = await bookAt(0.6);
      const before = (await bot.stores.voucherBooks.get('demo-book-lozere-active'))!;
      const chat = chatAs(bot, { aadObjectId: LOZERE_TRAINER, tenantId: DEMO_TENANT });
      const list = await chat.texts('séances du jour');
      assert.match(list, /Séances du jour/);
      assert.match(list, /- .* — Martine D\. — .* \(à marquer\)/);
      assert.match(list, /- .* — Martine D\. — .* \(à venir\)/);
      assert.match(list, /\n1\. .* — Martine D\.\n2\. Menu$/);
      assert.doesNotMatch(list, /Delmas/);
      assert.match(await chat.texts('1'), /Présent\(e\)/);
      assert.match(await chat.texts('Présent(e)'), /C'est noté : présent\(e\)\. 1 heure décomptée du carnet\./);
      const after = (await bot.stores.voucherBooks.get('demo-book-lozere-active'))!;
      assert.equal(after.hoursConsumed, before.hoursConsumed + 1);
      assert.equal((await bot.stores.bookings.get(started))!.status, 'attended');
      assert.equal((await bot.stores.bookings.get(later))!.status, 'confirmed');
    });
  });

  it('a beneficiary asks "qui a consulté mon dossier ?" and reads the structures and dates', async () => {
    await chatAs(bot, { aadObjectId: CLAIRE, tenantId: DEMO_TENANT }).texts('Martine Delmas');
    const chat = chatAs(bot, { channelId: 'sms', userId: '+33639980777' });
    assert.match(await chat.texts('qui a consulté mon dossier ?'), /numéro de votre carnet/);
    await chat.texts(MARTINE.voucherBookNumber);
    const answer = await chat.texts(MARTINE.birth);
    assert.match(answer, /Les professionnels qui ont consulté ou modifié votre dossier :\n- le 2 décembre 2026 : France services de Mende/);
    assert.doesNotMatch(answer, /Claire/);
  });
});
