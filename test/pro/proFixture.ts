/**
 * The professional services over an in-memory store seeded with the demo
 * data (the real services, no mocks), and helpers to make past bookings a
 * trainer can mark.
 */
import { communes } from '../../src/data/communes';
import { loadProgrammes } from '../../src/data/programmes';
import type { Programme } from '../../src/domain/programme';
import type { Professional } from '../../src/domain/professional';
import type { Slot } from '../../src/domain/types';
import { generateVoucherBookNumber } from '../../src/domain/voucherBookNumber';
import { issueVoucherBook } from '../../src/domain/voucherLedger';
import { BookingService } from '../../src/services/bookingService';
import { seedDemo } from '../../src/services/demoSeed';
import { PlaceSearch } from '../../src/services/placeSearch';
import type { ProContext } from '../../src/services/pro/proAccess';
import { createProServices, type ProServices } from '../../src/services/pro/proServices';
import { NotConfiguredSms } from '../../src/services/pro/sms';
import { openStores } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import { testNow } from '../support/clock';

export interface ProFixture {
  stores: Stores;
  programmes: Programme[];
  pro: ProServices;
  /** Professionals of both programmes, as the directory recognises them. */
  people: Record<'prescriber' | 'coordinator' | 'trainer', Record<'lozere' | 'drome', Professional>>;
  ctx(professional: Professional | undefined, channelId?: string): ProContext;
  /** A confirmed booking of `beneficiaryId` in a session that started an hour ago (or starts in `startsInHours`). */
  pastBooking(programmeId: string, placeId: string, beneficiaryId: string, startsInHours?: number): Promise<string>;
  /**
   * A new person of the programme, with no carnet yet (pastBooking gives one):
   * a person is never in two sessions at once, so tests that book at the same
   * hour again and again book each time for someone else.
   */
  newBeneficiary(programmeId: string): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

export async function proFixture(): Promise<ProFixture> {
  const programmes = loadProgrammes(['lozere', 'drome']);
  const stores = await openStores({ inMemory: true });
  await seedDemo(stores, { programmes, now: testNow() });
  const pro = createProServices({
    stores,
    programmes,
    communes: communes(),
    placeSearch: new PlaceSearch(stores, communes()),
    sms: new NotConfiguredSms(),
    smsText: () => 'sms',
  });
  const trainer = async (programmeId: 'lozere' | 'drome'): Promise<Professional> => {
    const record = (await stores.trainers.get(`demo-trainer-${programmeId}-01`))!;
    return { id: record.id, role: 'trainer', programmeId, displayName: record.firstName, placeIds: record.placeIds };
  };
  const staff = (role: 'prescriber' | 'coordinator', programmeId: string): Professional => ({
    id: `test-${role}-${programmeId}`,
    role,
    programmeId,
    displayName: `${role} ${programmeId}`,
    structure: `Structure ${programmeId}`,
    placeIds: [],
  });
  const people = {
    prescriber: { lozere: staff('prescriber', 'lozere'), drome: staff('prescriber', 'drome') },
    coordinator: { lozere: staff('coordinator', 'lozere'), drome: staff('coordinator', 'drome') },
    trainer: { lozere: await trainer('lozere'), drome: await trainer('drome') },
  };
  const books = async (beneficiaryId: string) =>
    (await stores.voucherBooks.listByBeneficiary(beneficiaryId)).filter((b) => b.status === 'active');
  return {
    stores,
    programmes,
    pro,
    people,
    ctx: (professional, channelId = 'msteams') => ({ professional, channelId }),
    async pastBooking(programmeId, placeId, beneficiaryId, startsInHours = -1) {
      counter += 1;
      const start = new Date(testNow().getTime() + startsInHours * 3_600_000);
      const slot: Slot = {
        id: `test-slot-${counter}`,
        programmeId,
        placeId,
        start,
        end: new Date(start.getTime() + 3_600_000),
        capacity: 1,
        seatsLeft: 1,
        bookingIds: [],
      };
      await stores.slots.insertMany([slot]);
      // A new person, or one whose hours ran out: a large test carnet.
      let book = (await books(beneficiaryId)).find((b) => b.hoursLeft >= 1);
      if (!book) {
        book = issueVoucherBook({
          id: `test-book-${counter}`,
          number: generateVoucherBookNumber(programmeId === 'drome' ? 'DRO' : 'LOZ'),
          programmeId,
          beneficiaryId,
          hours: 50,
          issuedAt: new Date(testNow().getTime() - 30 * 24 * 3_600_000),
          expiresAt: new Date(testNow().getTime() + 300 * 24 * 3_600_000),
          issuedBy: { kind: 'system', id: 'test' },
          reason: 'test',
        });
        await stores.voucherBooks.create(book);
      }
      const outcome = await new BookingService(stores).book({
        requestId: `test-booking-${counter}`,
        beneficiaryId,
        slotId: slot.id,
        actor: { kind: 'system', id: 'test' },
        now: new Date(start.getTime() - 2 * 24 * 3_600_000),
      });
      if (outcome.outcome !== 'booked') throw new Error(`test booking refused: ${outcome.outcome}`);
      return outcome.booking.id;
    },
    async newBeneficiary(programmeId) {
      counter += 1;
      const id = `test-person-${counter}`;
      await stores.beneficiaries.create({
        id,
        programmeId,
        firstName: 'Camille',
        lastName: `Essai ${counter}`,
        birthDate: '1960-01-01',
        createdAt: new Date(testNow().getTime() - 30 * 24 * 3_600_000),
        createdBy: { kind: 'system', id: 'test' },
      });
      return id;
    },
    close: () => stores.close(),
  };
}
