import assert from 'node:assert/strict';
import { isBalanced } from '../../src/domain/voucherLedger';
import { type BotUnderTest, startBot } from '../support/botServer';

// Demo identities (data/demo/identities.json).
const MARTINE = { carnet: 'LOZ-MEND-E4L', birth: '12/04/1958' };
const GERARD = { carnet: 'DRO-VALE-NCK', birth: '03/11/1949' };
const SYLVIE = { carnet: 'LOZ-MARV-EJ8', birth: '21/07/1967' };

describe('a beneficiary books a session', function () {
  this.timeout(30_000);
  let bot: BotUnderTest;

  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => bot.close());

  async function identified(person: { carnet: string; birth: string }, channel = 'webchat') {
    const chat = bot.conversation(channel);
    await chat.say('bonjour');
    await chat.say('réserver une séance');
    await chat.say(person.carnet);
    return { chat, afterBirthDate: (await chat.texts(person.birth)).join('\n') };
  }

  it('offers the nearest places, then the next free sessions, then books after « oui »', async () => {
    const { chat, afterBirthDate } = await identified(MARTINE, 'sms');
    assert.match(afterBirthDate, /Où souhaitez-vous votre séance \?\n1\. /);
    const sessions = (await chat.texts('1')).join('\n');
    assert.match(sessions, /Quel moment vous convient \?\n1\. \p{L}+ \d{1,2} \p{L}+ à \d{1,2}h\d\d/u);
    const confirm = (await chat.texts('2')).join('\n');
    assert.match(confirm, /^Je réserve pour vous : .+ Cela utilise 1 heure de votre carnet\. C'est d'accord \?/);
    const booked = (await chat.texts('oui')).join('\n');
    assert.match(booked, /^C'est réservé : /);
    assert.match(booked, /Il vous reste 6 heures\./);

    const book = (await bot.stores.voucherBooks.getByNumber(MARTINE.carnet))!;
    assert.equal(book.hoursLeft, 6);
    assert.equal(book.hoursReserved, 2);
    assert.ok(isBalanced(book));
  });

  it('books nothing when the person says « non »', async () => {
    const { chat } = await identified(MARTINE);
    await chat.say('1');
    await chat.say('1');
    assert.deepEqual((await chat.texts('non merci')).slice(0, 1), ["D'accord, je n'ai rien réservé."]);
    assert.equal((await bot.stores.voucherBooks.getByNumber(MARTINE.carnet))!.hoursLeft, 7);
  });

  it('books once when the channel delivers the same « oui » twice', async () => {
    const { chat } = await identified(MARTINE);
    await chat.say('1');
    await chat.say('1');
    await chat.say('oui', { id: 'same-activity-id' });
    await chat.say('oui', { id: 'same-activity-id' });
    const book = (await bot.stores.voucherBooks.getByNumber(MARTINE.carnet))!;
    assert.equal(book.hoursLeft, 6);
  });

  it('shows later dates on request', async () => {
    const { chat } = await identified(MARTINE, 'sms');
    const first = (await chat.texts('1')).join('\n');
    assert.match(first, /6\. Voir d'autres dates/);
    const more = (await chat.texts("voir d'autres dates")).join('\n');
    assert.match(more, /Quel moment vous convient \?/);
    const sessionsOf = (text: string) => text.split('\n').filter((l) => /^[1-5]\. /.test(l));
    assert.equal(sessionsOf(more).filter((s) => sessionsOf(first).includes(s)).length, 0);
  });

  it('says plainly when an expired carnet has no hours left, and whom to ask', async () => {
    const { afterBirthDate } = await identified(SYLVIE);
    assert.match(afterBirthDate, /Vous n'avez plus d'heures disponibles sur votre carnet/);
    assert.match(afterBirthDate, /01 70 772 372/);
  });

  it('uses the last hour of a Drôme chéquier, then says there are no more', async () => {
    const { chat, afterBirthDate } = await identified(GERARD);
    const sessions = afterBirthDate.includes('Où souhaitez-vous') ? (await chat.texts('1')).join('\n') : afterBirthDate;
    assert.match(sessions, /Quel moment vous convient \?/);
    assert.match((await chat.texts('1')).join('\n'), /de votre chéquier/);
    assert.match((await chat.texts('oui')).join('\n'), /Il vous reste 0 heure\./);
    await chat.say('réserver une séance');
    assert.match((await chat.texts('menu')).join('\n'), /Que souhaitez-vous faire/);
    const again = bot.conversation('webchat');
    await again.say('bonjour');
    await again.say('5');
    await again.say(GERARD.carnet);
    assert.match((await again.texts(GERARD.birth)).join('\n'), /Vous n'avez plus d'heures disponibles sur votre chéquier/);
  });
});
