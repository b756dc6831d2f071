/**
 * Every conversation flow the assistant offers, walked over /api/messages
 * of the real app the way people (and professionals in Teams) walk them,
 * for the log scan (logScan.test.ts). Each flow checks one reply that
 * proves it went where it should, so that an empty log cannot pass for a
 * clean one. Every text and every sender id used is recorded.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import sinon from 'sinon';
import { isQuietTime } from '../../src/domain/outbox';
import type { BotUnderTest } from '../support/botServer';
import { activityText, chatAs, CLAIRE, DEMO_TENANT, JULIEN, LOZERE_TRAINER } from '../support/teamsChat';
import { martineAtTrainersPlace } from '../support/trainerBooking';
import { ASKS_TO_CONFIRM_BOOKING, OFFERS_A_REMINDER } from '../support/botMeaning';
import { GERARD, MARTINE, SYLVIE } from '../support/personas';

/** The person a prescriber creates in Teams: fictitious, phone in the range reserved for fiction. */
export const NEW_PERSON = { name: 'Jeanne Arnaud', birth: '14/02/1951', phone: '06 39 98 01 49' };
/** A position sent by the Web Chat page (« près de moi »): Mende. */
export const POSITION = { lat: 44.5181, lng: 3.5006 };

/** What the flows sent, for the scan. */
export interface Sent {
  texts: Set<string>;
  /** Sender ids that are phone numbers (SMS). */
  phones: Set<string>;
  /** Request bodies sent outside a conversation (bad input). */
  rawBodies: string[];
}

export interface FlowContext {
  bot: BotUnderTest;
  sent: Sent;
  /** A beneficiary conversation on a channel; `say` resolves with the replies' texts joined. */
  person(channel: string, userId?: string): { say(text: string, extra?: Partial<Activity>): Promise<string>; userId: string };
  /** A Teams conversation as a professional (or as anyone with this object id). */
  professional(aadObjectId: string): { say(text: string): Promise<string> };
}

export function flowContext(bot: BotUnderTest): FlowContext {
  const sent: Sent = { texts: new Set(), phones: new Set(), rawBodies: [] };
  return {
    bot,
    sent,
    person(channel, userId) {
      const id =
        userId ?? (channel === 'sms' ? `+3363998${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}` : `user-${randomUUID()}`);
      if (channel === 'sms') sent.phones.add(id);
      const chat = bot.conversation(channel, id);
      return {
        userId: id,
        say: async (text, extra) => {
          sent.texts.add(text);
          return (await chat.say(text, extra)).map(activityText).join('\n');
        },
      };
    },
    professional(aadObjectId) {
      const chat = chatAs(bot, { aadObjectId, tenantId: DEMO_TENANT });
      return {
        say: async (text) => {
          sent.texts.add(text);
          return chat.texts(text);
        },
      };
    },
  };
}

type Flow = (ctx: FlowContext) => Promise<void>;

/** Identified on a channel and at the menu again: the balance flow's first turns. */
async function identify(chat: ReturnType<FlowContext['person']>, who: { voucherBookNumber: string; birth: string }, menuChoice = '4') {
  await chat.say('bonjour');
  await chat.say(menuChoice);
  await chat.say(who.voucherBookNumber);
  return chat.say(who.birth);
}

/** In this order: later flows rely on earlier ones (a booking to move, a lock, an erasure last). */
export const FLOWS: [string, Flow][] = [
  [
    'about the pass (SMS)',
    async ({ person }) => {
      const chat = person('sms');
      await chat.say('bonjour');
      await chat.say('1');
      assert.match(await chat.say('Lozère'), /un carnet de 10 heures/);
    },
  ],
  [
    'eligibility (SMS, Lozère)',
    async ({ person }) => {
      const chat = person('sms');
      await chat.say('bonjour');
      await chat.say('2');
      await chat.say('Marvejols');
      await chat.say('un peu');
      await chat.say('oui');
      assert.match(await chat.say('1'), /Vous avez probablement droit au Pass Numérique/);
    },
  ],
  [
    'eligibility in one sentence (Web Chat, Drôme)',
    async ({ person }) => {
      const chat = person('webchat');
      await chat.say("suis-je éligible ? j'habite à Die");
      await chat.say('oui');
      assert.match(await chat.say('oui'), /Pass'numérique/);
    },
  ],
  [
    'find a place (postal code, then a sentence)',
    async ({ person }) => {
      const chat = person('webchat');
      await chat.say('bonjour');
      await chat.say('3');
      const answer = await chat.say('48000');
      assert.match(/Laquelle de ces communes/.test(answer) ? await chat.say('1') : answer, /lieux les plus proches/);
      assert.match(await person('sms').say('je cherche un lieu à Marvejols'), /Près de Marvejols :/);
    },
  ],
  [
    'find a place near me (Web Chat position)',
    async ({ person }) => {
      const chat = person('webchat');
      await chat.say('bonjour');
      const replies = await chat.say('', { type: 'event', name: 'nearMe', value: POSITION, text: undefined });
      assert.match(replies, /Tél\.|km/);
    },
  ],
  [
    'balance: Martine on Web Chat, Gérard on SMS, Sylvie expired',
    async ({ person }) => {
      assert.match(await identify(person('webchat'), MARTINE), /7 heures restantes/);
      assert.match(await identify(person('sms'), GERARD), /1 heure restante/);
      assert.match(await identify(person('webchat'), SYLVIE), /a expiré le/);
    },
  ],
  [
    'balance from the phone on file: only the birth date',
    async ({ person }) => {
      const chat = person('sms', MARTINE.phone);
      await chat.say('bonjour');
      assert.match(await chat.say('mes heures restantes'), /votre date de naissance suffit/);
      assert.match(await chat.say(MARTINE.birth), new RegExp(String.raw`Votre carnet ${MARTINE.voucherBookNumber}`));
      assert.match(await chat.say('oublier cet appareil'), /je ne vous reconnaitrai plus/);
    },
  ],
  [
    'identity: a mistyped carnet number, an impossible date, a wrong pair, then the right one',
    async ({ person }) => {
      const chat = person('webchat');
      await chat.say('bonjour');
      await chat.say('4');
      assert.match(await chat.say('LOZ-MEND-E4M'), /mal recopié/);
      await chat.say(MARTINE.voucherBookNumber);
      await chat.say('31/02/1958');
      assert.match(await chat.say('01/01/1950'), /Je ne trouve pas de carnet avec ce numéro et cette date de naissance/);
      await chat.say(MARTINE.voucherBookNumber);
      assert.match(await chat.say(MARTINE.birth), /7 heures restantes/);
    },
  ],
  [
    "identity: five wrong pairs lock Sylvie's carnet",
    async ({ person }) => {
      const chat = person('sms');
      await chat.say('bonjour');
      await chat.say('4');
      let answer = '';
      for (let i = 1; i <= 5; i += 1) {
        await chat.say(SYLVIE.voucherBookNumber);
        answer = await chat.say(`0${i}/03/1966`);
      }
      assert.match(answer, /pendant 15 minutes/);
    },
  ],
  [
    'booking to confirmation, with reminder consent (SMS)',
    async ({ person }) => {
      const chat = person('sms');
      await chat.say('bonjour');
      await chat.say('réserver une séance');
      await chat.say(MARTINE.voucherBookNumber);
      await chat.say(MARTINE.birth);
      await chat.say('accès aux droits');
      // Far enough ahead for a reminder (none is offered for today's sessions).
      await chat.say('mardi');
      assert.match(await chat.say('2'), ASKS_TO_CONFIRM_BOOKING);
      assert.match(await chat.say('oui'), OFFERS_A_REMINDER);
      assert.match(await chat.say('oui'), /C'est noté : (?:je vous écrirai|rappel) .*deux jours avant/);
    },
  ],
  [
    'booking in own words, and « non » at the confirmation (Teams, as a beneficiary)',
    async ({ person }) => {
      const chat = person('msteams');
      await chat.say('bonjour');
      await chat.say('Réserver une séance');
      await chat.say(GERARD.voucherBookNumber);
      await chat.say(GERARD.birth);
      await chat.say('1');
      await chat.say('demain matin');
      await chat.say('hier après-midi');
      await chat.say('1');
      assert.match(await chat.say('non merci'), /je n'ai rien réservé/);
    },
  ],
  [
    'my bookings: move, then cancel',
    async ({ person }) => {
      const chat = person('webchat');
      await chat.say('bonjour');
      await chat.say('mes rendez-vous');
      await chat.say(MARTINE.voucherBookNumber);
      await chat.say(MARTINE.birth);
      await chat.say('1');
      await chat.say('la déplacer');
      await chat.say('2');
      assert.match(await chat.say('oui'), /C'est fait : votre séance est maintenant/);
      await chat.say('menu');
      // Two sessions by now (the demo's and the one booked on SMS): which one, then yes.
      assert.match(await chat.say('je voudrais annuler mon rendez-vous'), /Quelle séance voulez-vous annuler/);
      assert.match(await chat.say('1'), /^Annuler votre séance du/);
      assert.match(await chat.say('oui'), /^C'est annulé : \p{L}+ \d{1,2} \p{L}+ à \d{1,2} h(?: \d\d)?/u);
    },
  ],
  [
    'human contacts: at the menu, mid-flow, and once identified',
    async ({ person }) => {
      const chat = person('sms');
      await chat.say('bonjour');
      assert.match(await chat.say('7'), /01 70 772 372/);
      await chat.say('3');
      assert.match(await chat.say("je veux parler à quelqu'un"), /01 70 772 372/);
      const known = person('webchat');
      await identify(known, MARTINE);
      assert.match(await known.say("parler à quelqu'un"), /qui vous a remis votre carnet/);
    },
  ],
  [
    'who looked at my file',
    async ({ person }) => {
      const chat = person('sms');
      await chat.say('qui a consulté mon dossier ?');
      await chat.say(GERARD.voucherBookNumber);
      assert.match(await chat.say(GERARD.birth), /professionnels|consulté/);
    },
  ],
  [
    'SMS keywords STOP, START, AIDE, and « ne plus recevoir de messages »',
    async ({ person }) => {
      const chat = person('sms');
      await chat.say('bonjour');
      assert.match(await chat.say('STOP'), /vous ne recevrez plus de rappels par SMS/);
      assert.match(await chat.say('START'), /vous recevrez de nouveau les rappels/);
      assert.match(await chat.say('AIDE'), /^Assistant du Pass numérique\./);
      assert.match(await chat.say('ne plus recevoir de messages'), /je ne vous écrirai plus de moi-meme/);
    },
  ],
  [
    'global commands, help, goodbye and answers not understood',
    async ({ person }) => {
      const chat = person('webchat');
      await chat.say('bonjour');
      await chat.say('3');
      assert.match(await chat.say('aide'), /«\smenu\s» pour revenir au début/);
      assert.match(await chat.say('Atlantide-sur-Mer'), /commune/i);
      assert.match(await chat.say('annuler'), /j'arrête là : rien n'a été réservé/);
      await chat.say('9');
      await chat.say('blabla secret-phrase-xyz');
      await chat.say('🙂🙂 ça va ?');
      await chat.say(`long message ${'blabla '.repeat(300)}`.slice(0, 2000));
      await chat.say('quelle est la météo à Mende demain ?');
      await chat.say('au revoir');
    },
  ],
  [
    'someone asking about another person, outside Teams',
    async ({ person }) => {
      const chat = person('webchat');
      const answer = await chat.say('quel est le solde de Mme Delmas ?');
      assert.doesNotMatch(answer, /7 heures/);
    },
  ],
  [
    'Teams prescriber: search with a typo, balance, prescription',
    async ({ professional }) => {
      const claire = professional(CLAIRE);
      assert.match(await claire.say('bonjour'), /Bonjour Claire/);
      assert.match(await claire.say('Martine Delmaz'), new RegExp(String.raw`Carnet ${MARTINE.voucherBookNumber} : `));
      assert.match(await claire.say('Prescrire un carnet'), /Prescrire un 2e carnet/);
      assert.match(await claire.say('oui'), /C'est fait : carnet LOZ-/);
      assert.match(await claire.say(`Delmas ${MARTINE.birth}`), /Martine Delmas/);
      await claire.say('Menu');
      assert.match(await claire.say(MARTINE.voucherBookNumber), /Martine Delmas/);
    },
  ],
  [
    'Teams prescriber: a new person, with bad answers first',
    async ({ professional }) => {
      const claire = professional(CLAIRE);
      await claire.say('bonjour');
      await claire.say('nouvelle personne');
      await claire.say('Jeanne');
      await claire.say(NEW_PERSON.name);
      await claire.say('14/02/2999');
      await claire.say(NEW_PERSON.birth);
      await claire.say('Atlantide');
      await claire.say('Marvejols');
      await claire.say('06 12');
      assert.match(await claire.say(NEW_PERSON.phone), /Je vais créer le dossier de Jeanne Arnaud/);
      assert.match(await claire.say('oui'), /C'est fait : carnet LOZ-/);
      await claire.say('Jeanne Arnaud');
    },
  ],
  [
    'Teams coordinator: figures, a search in another département, sessions of the week',
    async ({ professional }) => {
      const julien = professional(JULIEN);
      assert.match(await julien.say('les chiffres'), /Contrôle : chaque solde correspond à son historique/);
      // Another département's carnet reads as an unknown one (no existence oracle).
      assert.match(await julien.say(MARTINE.voucherBookNumber), /Je ne trouve pas de chéquier numéro/);
      assert.match(await julien.say(`Gérard Faure ${GERARD.birth}`), new RegExp(GERARD.voucherBookNumber));
      await julien.say('menu');
      await julien.say('séances de la semaine');
    },
  ],
  [
    'Teams trainer: sessions of the day, attendance',
    async ({ bot, professional }) => {
      await martineAtTrainersPlace(bot, -0.5); // started half an hour ago
      const trainer = professional(LOZERE_TRAINER);
      assert.match(await trainer.say('séances du jour'), /Séances du jour/);
      assert.match(await trainer.say('1'), /Présent\(e\)/);
      assert.match(await trainer.say('Présent(e)'), /C'est noté : présent\(e\)/);
    },
  ],
  [
    'Teams: someone not registered asks for a file',
    async ({ professional }) => {
      const stranger = professional('11111111-2222-4333-8444-555555555555');
      assert.match(await stranger.say('quel est le solde de Mme Delmas ?'), /demandez-le à la coordination/);
    },
  ],
  [
    'bad requests: broken JSON, an activity without a type, a body too large, forged fields',
    async ({ bot, sent }) => {
      const bodies = [
        `{"type":"message","text":"${MARTINE.fullName} née le ${MARTINE.birth}, ${MARTINE.phoneSpoken}","channelId":"sms"`,
        JSON.stringify({
          text: `${GERARD.fullName} ${GERARD.voucherBookNumber}`,
          channelId: 'sms',
          conversation: { id: 'x' },
          from: { id: MARTINE.phone },
        }),
        JSON.stringify({
          type: 'message',
          text: `Sylvie ${'x'.repeat(300_000)}`,
          channelId: 'webchat',
          conversation: { id: 'y' },
          from: { id: 'z' },
        }),
      ];
      for (const body of bodies) {
        sent.rawBodies.push(body);
        const { status } = await bot.post(body).catch(() => ({ status: 0 }));
        assert.ok(status === 0 || (status >= 400 && status < 500), `status ${status}`);
      }
      const forged = await bot.post({
        type: 'message',
        id: randomUUID(),
        text: `${MARTINE.fullName} ${MARTINE.phoneNational}`,
        channelId: 'sms',
        from: { id: MARTINE.phoneSpoken, name: MARTINE.fullName },
        recipient: { id: 'bot' },
        conversation: { id: `${MARTINE.lastName}-${MARTINE.birth}` },
        deliveryMode: 'expectReplies',
      });
      assert.equal(forged.status, 200);
      sent.texts.add(`${MARTINE.fullName} ${MARTINE.phoneNational}`);
      // Channel and activity type are strings anyone can write too.
      const odd = await bot.post({
        type: `${MARTINE.fullName} ${MARTINE.birth}`,
        id: randomUUID(),
        text: 'bonjour de Sylvie Rouvière',
        channelId: `${MARTINE.fullName} ${MARTINE.phoneSpoken}`,
        from: { id: 'someone' },
        recipient: { id: 'bot' },
        conversation: { id: randomUUID() },
        deliveryMode: 'expectReplies',
      });
      assert.ok(odd.status < 500, `status ${odd.status}`);
      sent.texts.add('bonjour de Sylvie Rouvière');
    },
  ],
  [
    'a turn that fails on an error whose message quotes the person',
    async ({ bot, person }) => {
      const quoting = new Error(
        `no place for « je cherche un lieu à Mende »\n${MARTINE.fullName}, née le ${MARTINE.birth}, ${MARTINE.phoneSpoken}, ${MARTINE.voucherBookNumber}`,
      );
      const stub = sinon.stub(bot.app.services.placeSearch, 'search').rejects(quoting);
      try {
        assert.match(await person('sms').say('je cherche un lieu à Mende'), /un problème technique/);
      } finally {
        stub.restore();
      }
    },
  ],
  [
    'a conversation over its request limit',
    async ({ person }) => {
      const chat = person('webchat');
      let refused = false;
      for (let i = 0; i < 45 && !refused; i += 1)
        refused = await chat.say(`encore ${i}`).then(
          () => false,
          () => true,
        );
      assert.ok(refused, 'the limit refused a request');
    },
  ],
  [
    'reminders sent (and failing: no channel behind these test conversations)',
    async ({ bot }) => {
      const due = await bot.stores.outbox.listDue(new Date(bot.clock.now().getTime() + 60 * 86_400_000), 100);
      assert.ok(due.length > 0, 'something was planned');
      for (const message of due) await bot.app.reminders.dispatcher.tick(nextAllowedMinute(message.dueAt, bot.clock.now()));
    },
  ],
  [
    'privacy, then « supprimer mes données »',
    async ({ person }) => {
      const chat = person('sms');
      await chat.say('bonjour');
      assert.match(await chat.say('mes données'), /[Jj]e garde :/);
      await chat.say('menu');
      assert.match(await chat.say('je veux supprimer mes données'), /vérifier que c'est bien vous/);
      await chat.say(MARTINE.voucherBookNumber);
      assert.match(await chat.say(MARTINE.birth), /C'est définitif/);
      assert.match(await chat.say(MARTINE.birth), /vos données personnelles sont effacées/);
    },
  ],
];

/** The dispatcher does nothing in quiet hours: the first allowed hour at or after the due time. */
function nextAllowedMinute(due: Date, now: Date): Date {
  let at = new Date(Math.max(due.getTime(), now.getTime()));
  while (isQuietTime(at)) at = new Date(at.getTime() + 3_600_000);
  return at;
}
