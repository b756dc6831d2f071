import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { type BotUnderTest, startBot } from '../support/botServer';
import { activityText } from '../support/teamsChat';
import { MARTINE } from '../support/personas';

/** The button labels of an Adaptive Card reply, as Teams shows them. */
function buttons(reply: Partial<Activity>): string[] {
  const card = reply.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return ((card?.content as { actions?: { title: string }[] })?.actions ?? []).map((a) => a.title);
}

describe('a beneficiary in Teams (not a professional)', function () {
  this.timeout(60_000);
  let bot: BotUnderTest;
  before(async () => {
    bot = await startBot();
  });
  after(async () => bot.close());

  it('gets the menu as an Adaptive Card, answers by button label, and books a session', async () => {
    const chat = bot.conversation('msteams');
    const welcome = await chat.say('bonjour');
    assert.deepEqual(buttons(welcome[welcome.length - 1]).slice(0, 2), ['1. Le Pass numérique', '2. Suis-je éligible ?']);
    await chat.say('Réserver une séance');
    await chat.say(MARTINE.voucherBookNumber);
    const themes = await chat.say(MARTINE.birth);
    assert.ok(buttons(themes[themes.length - 1]).includes('2. Démarches en ligne : CAF, Ameli, retraite'));
    const slotList = await chat.say('Accès aux droits');
    const first = buttons(slotList[slotList.length - 1])[0].replace(/^1\. /, '');
    const confirm = await chat.say(first);
    // The card's text (Teams shows no text beside a card).
    // Today's session: the card first says that cancelling it would cost the hour (#14 fault 8).
    assert.match(activityText(confirm[confirm.length - 1]), /^(?:Attention : cette séance est très proche\..+\n)?Je réserve pour vous : /);
    const booked = (await chat.texts('Oui')).join('\n');
    assert.match(booked, /^C'est réservé : /);
  });
});
