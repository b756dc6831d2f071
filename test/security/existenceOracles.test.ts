/**
 * What the bot reveals without proof (issue 16, low): another programme's
 * carnet answered a professional « ne relève pas de votre département »
 * where an unknown one answered « Je ne trouve personne », telling that it
 * exists; a birth date alone (« 21 juillet 1967 ») opened a full file; and
 * on SMS, a phone number on file was told « Votre numéro de téléphone est
 * enregistré » where any other was asked the carnet number.
 */
import assert from 'node:assert/strict';
import { proFixture, type ProFixture } from '../pro/proFixture';
import { GERARD, MARTINE } from '../support/personas';
import { type BotUnderTest, startBot } from '../support/botServer';

describe("a professional's search tells nothing it should not", function () {
  this.timeout(60_000);
  let fixture: ProFixture;
  before(async () => {
    fixture = await proFixture();
  });
  after(async () => fixture.close());

  it("another programme's carnet reads exactly as an unknown carnet, and the attempt is audited", async () => {
    const ctx = fixture.ctx(fixture.people.prescriber.lozere);
    const otherProgramme = await fixture.pro.lookup.search(ctx, { voucherBookNumber: GERARD.voucherBookNumber });
    const unknown = await fixture.pro.lookup.search(ctx, { voucherBookNumber: 'LOZ-ZZZZ-ZZZ' });
    assert.deepEqual(otherProgramme, unknown);
    const audited = await fixture.stores.audit.list({ actorId: fixture.people.prescriber.lozere.id });
    assert.ok(audited.some((e) => e.details?.outcome === 'refused' && e.details?.reason === 'other_programme'));
  });

  it('a birth date alone finds no one: a name or a carnet number is needed', async () => {
    const ctx = fixture.ctx(fixture.people.prescriber.lozere);
    const martine = (await fixture.stores.beneficiaries.get(MARTINE.id))!;
    assert.deepEqual(await fixture.pro.lookup.search(ctx, { birthDate: martine.birthDate }), { outcome: 'needs_name' });
    const withName = await fixture.pro.lookup.search(ctx, { birthDate: martine.birthDate, name: martine.lastName });
    assert.ok(withName.outcome === 'found' && withName.matches.some((m) => m.id === MARTINE.id));
  });
});

describe('on SMS, nothing tells whether a phone number is on file', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  /** What a sender gets, up to a wrong birth date; the phone number itself is left out. */
  async function answersFrom(phone: string): Promise<string[]> {
    const chat = bot.conversation('sms', phone);
    const answers: string[] = [];
    for (const text of ['bonjour', 'mes heures restantes', '01/01/1950']) answers.push((await chat.texts(text)).join('\n'));
    return answers;
  }

  it("the number on file (Martine's) and a number nobody has get the same questions and the same answer to a wrong date", async () => {
    const known = await answersFrom(MARTINE.phone);
    const unknown = await answersFrom('+33639980177');
    assert.deepEqual(known, unknown);
    assert.doesNotMatch(known.join('\n'), /enregistré/);
  });
});
