import assert from 'node:assert/strict';
import { type BotUnderTest, startBot } from '../support/botServer';
import { CLAIRE, chatAs, DEMO_TENANT } from '../support/teamsChat';
import { MARTINE } from '../support/personas';

const SAME_REQUESTS = ['Martine Delmaz', 'Prescrire un carnet', 'oui'];
const MARTINE_DATA = new RegExp([MARTINE.firstName, MARTINE.lastName, '7 h', '7 heures', MARTINE.birth, "C'est fait"].join('|'));

describe('a prescriber in Teams: find, read, prescribe (issue #5 "done when")', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;

  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  it('finds Martine by name, reads her balance and prescribes a second carnet in 3 turns', async () => {
    const chat = chatAs(bot, { aadObjectId: CLAIRE, tenantId: DEMO_TENANT });
    let turns = 0;
    const turn = async (text: string) => {
      turns += 1;
      return chat.texts(text);
    };
    const file = await turn('Martine Delmaz');
    assert.match(file, /Martine Delmas/);
    assert.match(file, /Né\(e\) le : 12 avril 1958/);
    assert.match(file, new RegExp(String.raw`Carnet ${MARTINE.voucherBookNumber} : 7 h restantes, 1 h réservée, 2 h utilisées`));
    assert.match(file, /Carnets prescrits : 1\n/);
    assert.doesNotMatch(file, /limite publiée/);
    assert.match(file, /Prochaines séances :\n- (?:\p{L}+ \d{1,2}(?:er)? \p{L}+|aujourd'hui|demain) à \d{1,2} h(?: \d\d)?, /u);

    assert.match(await turn('Prescrire un carnet'), /Prescrire un 2e carnet de 10 heures à Martine Delmas \?/);
    const done = await turn('oui');
    assert.match(
      done,
      /C'est fait : carnet LOZ-[A-Z2-9]{4}-[A-Z2-9]{3} \(10 heures, valable jusqu'au \d{1,2}(?:er)? [a-zéû]+ \d{4}\), prescrit par France services de Mende/,
    );
    assert.match(done, /Martine Delmas en est à 2 carnets\./);
    assert.match(done, /les plus proches de chez elle/);
    assert.match(done, /L'envoi de SMS n'est pas configuré sur ce service : aucun SMS n'est parti/);
    assert.ok(turns <= 5, `${turns} turns`);

    const books = await bot.stores.voucherBooks.listByBeneficiary(MARTINE.id);
    assert.equal(books.length, 2);
    assert.equal(books[1].structure, 'France services de Mende');
  });

  const others = [
    { label: 'an unknown aadObjectId in Teams', options: { aadObjectId: '99999999-0000-4000-8000-000000000001', tenantId: DEMO_TENANT } },
    { label: "Web Chat (with the prescriber's aadObjectId in the activity)", options: { channelId: 'webchat', aadObjectId: CLAIRE } },
    { label: 'SMS', options: { channelId: 'sms', userId: '+33639980555' } },
  ];
  for (const { label, options } of others) {
    it(`the same requests from ${label} reveal nothing and write nothing`, async () => {
      const booksBefore = await bot.stores.voucherBooks.count();
      const chat = chatAs(bot, options);
      for (const text of SAME_REQUESTS) assert.doesNotMatch(await chat.texts(text), MARTINE_DATA);
      assert.equal(await bot.stores.voucherBooks.count(), booksBefore);
    });
  }
});
