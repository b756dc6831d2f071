/**
 * A booking's idempotency key came from the client (the activity id), so a
 * "retry" carrying another booking's key returned that booking: identified
 * as Gérard, the confirming « oui » sent with the id of Martine's demo
 * booking answered « C'est réservé : … » with her session and queued her
 * reminders (issue 16, medium 3). Keys are now scoped by channel,
 * conversation and beneficiary, and a replay is only ever the asker's own.
 */
import assert from 'node:assert/strict';
import { loadProgrammes } from '../../src/data/programmes';
import { BookingService } from '../../src/services/bookingService';
import { scopedRequestId } from '../../src/services/requestKey';
import { seedDemo } from '../../src/services/demoSeed';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import { type BotUnderTest, startBot } from '../support/botServer';
import { ASKS_TO_CONFIRM_BOOKING } from '../support/botMeaning';
import { GERARD, MARTINE, MARTINES_BOOKING_KEY } from '../support/personas';

describe("a retry never returns someone else's booking", function () {
  this.timeout(60_000);

  describe('over HTTP, as the review did it', () => {
    let bot: BotUnderTest;
    beforeEach(async () => {
      bot = await startBot();
    });
    afterEach(async () => bot.close());

    it("Gérard confirming with the id of Martine's booking gets his own booking, and nothing is queued for Martine", async () => {
      const martines = await bot.stores.bookings.getByRequestId(MARTINES_BOOKING_KEY);
      assert.ok(martines, "the demo has Martine's booking under that key");
      const queuedForMartine = (await bot.stores.outbox.list({ beneficiaryId: MARTINE.id })).length;

      const chat = bot.conversation('webchat');
      await chat.say('bonjour');
      await chat.say('réserver une séance');
      await chat.say(GERARD.voucherBookNumber);
      const afterBirth = (await chat.texts(GERARD.birth)).join('\n');
      if (/Quel parcours|Sur quel sujet/.test(afterBirth)) await chat.say('1');
      const confirm = (await chat.texts('1')).join('\n');
      assert.match(confirm, ASKS_TO_CONFIRM_BOOKING);
      const answer = (await chat.texts('oui', { id: MARTINES_BOOKING_KEY })).join('\n');
      const martinesPlace = (await bot.stores.places.get((await bot.stores.slots.get(martines.slotId))!.placeId))!;
      assert.ok(!answer.includes(martinesPlace.name), `Martine's session shown to Gérard: ${answer}`);
      assert.equal((await bot.stores.outbox.list({ beneficiaryId: MARTINE.id })).length, queuedForMartine, 'messages queued for Martine');

      const gerards = await bot.stores.bookings.list({ beneficiaryId: GERARD.id, statuses: ['confirmed'] });
      const newest = gerards.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
      assert.notEqual(newest.slotId, martines.slotId);
      const gerardsPlace = (await bot.stores.places.get((await bot.stores.slots.get(newest.slotId))!.placeId))!;
      assert.match(answer, /^C'est réservé : /);
      assert.ok(answer.includes(gerardsPlace.name), answer);
      assert.equal((await bot.stores.bookings.getByRequestId(MARTINES_BOOKING_KEY))!.beneficiaryId, MARTINE.id);
    });
  });

  describe('the booking service', () => {
    let stores: Stores;
    let service: BookingService;
    const programmes = loadProgrammes(['lozere', 'drome']);
    beforeEach(async () => {
      stores = await openStores({ inMemory: true });
      await seedDemo(stores, { programmes, now: new Date('2026-03-20T09:15:00Z') });
      service = new BookingService(stores);
    });
    afterEach(async () => stores.close());

    it("a key held by another person's booking is never a replay for this one: nothing returned, nobody told", async () => {
      const martines = (await stores.bookings.getByRequestId(MARTINES_BOOKING_KEY))!;
      const [slot] = (await stores.slots.list({ programmeId: 'drome', from: new Date('2026-03-21T00:00:00Z') })).filter(
        (s) => s.seatsLeft > 0,
      );
      const told: string[] = [];
      service.onChange(async (change) => {
        told.push(change.booking.beneficiaryId);
      });
      const outcome = await service.book({
        requestId: MARTINES_BOOKING_KEY,
        beneficiaryId: GERARD.id,
        slotId: slot.id,
        actor: { kind: 'beneficiary', id: GERARD.id },
        now: new Date('2026-03-20T09:15:00Z'),
      });
      assert.ok(!('booking' in outcome) || outcome.booking?.beneficiaryId === GERARD.id, JSON.stringify(outcome));
      assert.ok(!told.includes(martines.beneficiaryId), 'Martine was told of a booking she did not ask for');
    });

    it('a request a crash left pending and the recovery undid books afresh when sent again, instead of « déjà une séance »', async () => {
      const [book] = await stores.voucherBooks.listByBeneficiary(GERARD.id);
      const [slot] = (await stores.slots.list({ programmeId: 'drome', from: new Date('2026-03-21T00:00:00Z') })).filter(
        (s) => s.seatsLeft > 0,
      );
      const now = new Date('2026-03-20T09:15:00Z');
      const request = {
        requestId: 'req:killed-mid-booking',
        beneficiaryId: GERARD.id,
        slotId: slot.id,
        actor: { kind: 'beneficiary', id: GERARD.id } as const,
        now,
      };
      // What a kill between the booking's first write and its confirmation leaves.
      await stores.bookings.insert({
        id: 'killed',
        programmeId: 'drome',
        slotId: slot.id,
        beneficiaryId: GERARD.id,
        voucherBookId: book.id,
        hours: 1,
        status: 'pending',
        activeKey: `${slot.id}:${GERARD.id}`,
        requestId: request.requestId,
        createdAt: now,
        updatedAt: now,
        createdBy: request.actor,
      });
      assert.equal(await stores.slots.takeSeat(slot.id, 'killed'), 'taken');
      assert.deepEqual(await service.settleInterrupted(now), { undone: 1, cancelled: 0, moved: 0 });
      const again = await service.book(request);
      assert.equal(again.outcome, 'booked', 'before: already_booked, « Vous avez déjà une séance à ce moment-là »');
      assert.equal((await service.book(request)).outcome, 'booked', 'and a further retry is that same booking');
      assert.equal((await stores.bookings.list({ beneficiaryId: GERARD.id, slotId: slot.id, statuses: ['confirmed'] })).length, 1);
      assert.equal((await stores.bookings.get('killed'))?.status, 'cancelled');
    });

    it('a scoped key differs by channel, conversation and beneficiary, and is stable for a retry', () => {
      const origin = { channelId: 'webchat', conversationId: 'c1', activityId: 'a1' };
      const key = scopedRequestId(origin, 'b1');
      assert.equal(scopedRequestId({ ...origin }, 'b1'), key);
      assert.notEqual(scopedRequestId({ ...origin, channelId: 'sms' }, 'b1'), key);
      assert.notEqual(scopedRequestId({ ...origin, conversationId: 'c2' }, 'b1'), key);
      assert.notEqual(scopedRequestId(origin, 'b2'), key);
      assert.notEqual(
        scopedRequestId({ ...origin, activityId: undefined }, 'b1'),
        scopedRequestId({ ...origin, activityId: undefined }, 'b1'),
      );
    });
  });
});
