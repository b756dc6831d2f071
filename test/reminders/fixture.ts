/**
 * A small world for the reminder tests: one programme (id "lozere"), one
 * person with a carnet and a Web Chat reference with consent, slots at
 * given times; the real BookingService, planner, composer and dispatcher
 * over an in-memory store (or a given one). The only stand-in is the
 * channel: a sender that records what would reach the person.
 */
import sinon from 'sinon';
import { BookingService } from '../../src/services/bookingService';
import { MessageComposer } from '../../src/services/reminders/composer';
import { usableReference } from '../../src/bot/proactive/conversationReference';
import { OutboxDispatcher } from '../../src/services/reminders/outboxDispatcher';
import type { MessageSender, ProactiveText } from '../../src/services/reminders/ports';
import { ChannelKeys } from '../../src/services/channelKeys';
import { Contacts } from '../../src/services/reminders/contacts';
import type { ContactReference } from '../../src/domain/outbox';
import { PlaceSearch } from '../../src/services/placeSearch';
import { SlotFinder } from '../../src/services/slotFinder';
import { communes } from '../../src/data/communes';
import { ReminderPlanner } from '../../src/services/reminders/reminderPlanner';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import { french } from '../../src/i18n';
import { silentLogger } from '../../src/logger';
import { contactReferenceId } from '../../src/domain/outbox';
import * as f from '../store/contract/fixtures';

export class RecordingSender implements MessageSender {
  readonly sent: { conversationId: string; channelId?: string; text: string; buttons?: string[] }[] = [];
  /** When set, the channel refuses every message with this HTTP status. */
  refuseWith: number | undefined;

  /** The adapter's own reading of a stored reference: what it cannot use is not tried. */
  canReach(contact: ContactReference): boolean {
    return usableReference(contact.referenceJson) !== undefined;
  }

  async send(contact: ContactReference, message: ProactiveText): Promise<void> {
    const reference = usableReference(contact.referenceJson)!;
    if (this.refuseWith !== undefined) throw Object.assign(new Error('refused'), { name: 'RestError', statusCode: this.refuseWith });
    this.sent.push({ conversationId: reference.conversation!.id, channelId: reference.channelId, ...message });
  }
}

export interface World {
  stores: Stores;
  booking: BookingService;
  planner: ReminderPlanner;
  sender: RecordingSender;
  beneficiaryId: string;
  bookId: string;
  placeId: string;
  dispatcher(owner?: string): OutboxDispatcher;
  slotAt(startIso: string): Promise<string>;
  book(slotId: string, now: Date): Promise<string>;
  close(): Promise<void>;
}

export const programme = f.programme({ id: 'lozere' });

/** Paris times in winter (UTC+1), written as UTC: the week the reminder tests live in. */
export const MONDAY_10H = '2027-03-01T09:00:00Z';
export const FRIDAY_14H = '2027-03-05T13:00:00Z';
export const WEDNESDAY_9H = '2027-03-03T08:00:00Z';

export async function makeWorld(options: { stores?: Stores; sender?: RecordingSender } = {}): Promise<World> {
  const stores = options.stores ?? (await openStores({ inMemory: true }));
  await stores.programmes.upsert(programme);
  const person = f.beneficiary();
  await stores.beneficiaries.create(person);
  const book = f.voucherBook({ beneficiaryId: person.id, expiresAt: f.at('2027-12-31T12:00:00Z') });
  await stores.voucherBooks.create(book);
  const place = f.place();
  await stores.places.upsert(place);
  await stores.contactReferences.put({
    id: contactReferenceId(person.id, 'webchat'),
    beneficiaryId: person.id,
    channelId: 'webchat',
    channelKey: 'key',
    referenceJson: JSON.stringify({
      channelId: 'webchat',
      serviceUrl: 'http://127.0.0.1:1',
      conversation: { id: 'conv-1' },
      user: { id: 'u1' },
    }),
    consent: true,
    updatedAt: f.at('2027-02-01T10:00:00Z'),
  });
  const booking = new BookingService(stores);
  const planner = new ReminderPlanner(stores, [programme]);
  booking.onChange((change) => planner.follow(change));
  const sender = options.sender ?? new RecordingSender();
  const slotFinder = new SlotFinder(stores, new PlaceSearch(stores, communes()));
  const composer = new MessageComposer(stores, [programme], french(), slotFinder);
  return {
    stores,
    booking,
    planner,
    sender,
    beneficiaryId: person.id,
    bookId: book.id,
    placeId: place.id,
    dispatcher: (owner = 'instance-a') =>
      new OutboxDispatcher({
        stores,
        composer,
        sender,
        consent: new Contacts(stores, new ChannelKeys(stores)),
        logger: silentLogger(),
        owner,
      }),
    slotAt: async (startIso) => {
      const start = new Date(startIso);
      const slot = f.slot({ placeId: place.id, start, end: new Date(start.getTime() + 3_600_000) });
      await stores.slots.insertMany([slot]);
      return slot.id;
    },
    book: async (slotId, now) => {
      const outcome = await booking.book({
        requestId: `req-${slotId}-${now.getTime()}`,
        beneficiaryId: person.id,
        slotId,
        actor: { kind: 'beneficiary', id: person.id },
        now,
        // As in the assistant: the person books in the Web Chat conversation whose reference is stored.
        channelId: 'webchat',
      });
      if (outcome.outcome !== 'booked') throw new Error(`not booked: ${outcome.outcome}`);
      return outcome.booking.id;
    },
    close: () => stores.close(),
  };
}

/**
 * A fresh world for each test on a sinon clock set to `startIso` (only Date
 * is faked: the store's own timers keep running). Call inside describe().
 */
export function worldOnFakeClock(startIso: string): { world(): World; clock(): sinon.SinonFakeTimers } {
  let clock: sinon.SinonFakeTimers;
  let world: World;
  beforeEach(async () => {
    clock = sinon.useFakeTimers({ now: new Date(startIso), toFake: ['Date'] });
    world = await makeWorld();
  });
  afterEach(async () => {
    clock.restore();
    await world.close();
  });
  return { world: () => world, clock: () => clock };
}
