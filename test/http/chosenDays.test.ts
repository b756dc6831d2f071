/**
 * The same booking on days whose calendar matters — a Monday morning, a
 * Friday evening, a Sunday, Christmas Eve, 31 December, the end of
 * February, both DST changes: whatever the day, the bot offers only
 * sessions still ahead (with the booking notice), never on a Sunday or a
 * public holiday, and « demain » on the eve of a holiday says so.
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { publicHolidayOn } from '../../src/domain/holidays';
import { MIN_NOTICE_MS } from '../../src/services/slotFinder';
import { type BotUnderTest, startBot } from '../support/botServer';
import { chosenDays, testClock } from '../support/clock';
import { MARTINE } from '../support/personas';

async function bookFirstOffered(bot: BotUnderTest) {
  const chat = bot.conversation('webchat');
  await chat.say('bonjour');
  await chat.say('réserver une séance');
  await chat.say(MARTINE.voucherBookNumber);
  await chat.say(MARTINE.birth);
  const slotList = (await chat.texts('1')).join('\n');
  assert.match(slotList, /Quel moment vous convient \?/);
  assert.match((await chat.texts('1')).join('\n'), /C'est d'accord \?/);
  assert.match((await chat.texts('oui')).join('\n'), /^C'est réservé : /);
  const [latest] = (await bot.stores.bookings.list({ beneficiaryId: MARTINE.id, statuses: ['confirmed'] })).sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
  );
  return (await bot.stores.slots.get(latest.slotId))!;
}

describe('booking on days whose calendar matters', function () {
  this.timeout(60_000);

  for (const [name, at] of Object.entries(chosenDays)) {
    describe(`${name} (${at})`, () => {
      let bot: BotUnderTest;
      before(async () => {
        bot = await startBot({ clock: testClock(at) });
      });
      after(async () => bot.close());

      it('books a session still ahead, on a working day that is no public holiday', async () => {
        const slot = await bookFirstOffered(bot);
        const day = DateTime.fromJSDate(slot.start, { zone: 'Europe/Paris' });
        assert.ok(slot.start.getTime() >= bot.clock.now().getTime() + MIN_NOTICE_MS, `${day.toISO()} is not ahead of ${at}`);
        assert.notEqual(day.weekday, 7, `${day.toISO()} is a Sunday`);
        assert.equal(publicHolidayOn(day.toISODate()!), undefined, `${day.toISO()} is a public holiday`);
      });
    });
  }

  it('answers « demain » on the eve of a public holiday with the holiday and the next sessions', async () => {
    for (const at of [chosenDays.christmasEve, chosenDays.newYearsEve]) {
      const bot = await startBot({ clock: testClock(at) });
      try {
        const chat = bot.conversation('webchat');
        await chat.say('bonjour');
        await chat.say('réserver une séance');
        await chat.say(MARTINE.voucherBookNumber);
        await chat.say(MARTINE.birth);
        await chat.say('1');
        assert.match((await chat.texts('demain')).join('\n'), /C'est un jour férié \((Noël|Jour de l'an)\) : le lieu est fermé/, at);
      } finally {
        await bot.close();
      }
    }
  });
});
