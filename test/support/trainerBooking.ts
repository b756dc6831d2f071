/**
 * A session of Martine's (demo, Lozère) at the place of the Lozère demo
 * trainer, booked the day before it starts: what a trainer sees in
 * « séances du jour » and can mark attended or absent once it has started.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { BotUnderTest } from './botServer';
import { DEMO_TENANT, LOZERE_TRAINER } from './teamsChat';
import { testNow } from './clock';
import { MARTINE } from './personas';
import { generateVoucherBookNumber } from '../../src/domain/voucherBookNumber';
import { issueVoucherBook } from '../../src/domain/voucherLedger';
import { loadProgrammes } from '../../src/data/programmes';
import { AttendanceService } from '../../src/services/pro/attendance';
import { ProAccess } from '../../src/services/pro/proAccess';
import { ProfessionalDirectory } from '../../src/services/pro/professionalDirectory';

const HOUR = 3_600_000;

/** Books it (on `themeId`, with her own words `subject`, if given) in a one-seat session starting `hoursFromNow` after `now` (negative: already started); returns the booking id. */
export async function martineAtTrainersPlace(
  bot: BotUnderTest,
  hoursFromNow: number,
  themeId?: string,
  subject?: string,
  now: Date = testNow(),
): Promise<string> {
  return bookAtTrainersPlace(
    bot,
    { beneficiaryId: MARTINE.id, voucherBookId: 'demo-book-lozere-active', themeId, subject },
    hoursFromNow,
    now,
  );
}

/**
 * Someone else than Martine (« Josette Pradel »), a Lozère beneficiary with a
 * carnet of 10 hours, booked the same way: for lists of several people.
 * The person and the carnet are created on first use.
 */
export async function personAtTrainersPlace(
  bot: BotUnderTest,
  fullName: string,
  hoursFromNow: number,
  now: Date = testNow(),
): Promise<string> {
  const [firstName, ...rest] = fullName.split(' ');
  const id = `trainer-person-${normalizeId(fullName)}`;
  const bookId = `${id}-book`;
  if (!(await bot.stores.beneficiaries.get(id))) {
    await bot.stores.beneficiaries.create({
      id,
      programmeId: 'lozere',
      firstName,
      lastName: rest.join(' '),
      birthDate: '1944-03-03',
      createdAt: new Date(now.getTime() - 40 * 24 * HOUR),
      createdBy: { kind: 'system', id: 'test' },
    });
    await bot.stores.voucherBooks.create(
      issueVoucherBook({
        id: bookId,
        number: generateVoucherBookNumber('LOZ'),
        programmeId: 'lozere',
        beneficiaryId: id,
        hours: 10,
        issuedAt: new Date(now.getTime() - 30 * 24 * HOUR),
        expiresAt: new Date(now.getTime() + 300 * 24 * HOUR),
        issuedBy: { kind: 'system', id: 'test' },
        reason: 'test',
      }),
    );
  }
  return bookAtTrainersPlace(bot, { beneficiaryId: id, voucherBookId: bookId }, hoursFromNow, now);
}

/** A one-seat session at the trainer's first place, `hoursFromNow` after `now`, booked for that person the day before it starts. */
async function bookAtTrainersPlace(
  bot: BotUnderTest,
  who: { beneficiaryId: string; voucherBookId: string; themeId?: string; subject?: string },
  hoursFromNow: number,
  now: Date,
): Promise<string> {
  const trainer = (await bot.stores.trainers.findByAadObjectId(LOZERE_TRAINER))!;
  const start = new Date(now.getTime() + hoursFromNow * HOUR);
  const slotId = `trainer-slot-${randomUUID()}`;
  await bot.stores.slots.insertMany([
    {
      id: slotId,
      programmeId: 'lozere',
      placeId: trainer.placeIds[0],
      start,
      end: new Date(start.getTime() + HOUR),
      capacity: 1,
      seatsLeft: 1,
      bookingIds: [],
    },
  ]);
  const { themeId, subject, ...person } = who;
  const outcome = await bot.app.services.booking.book({
    requestId: `trainer-${slotId}`,
    ...person,
    slotId,
    ...(themeId ? { themeId } : {}),
    ...(subject ? { subject } : {}),
    actor: { kind: 'system', id: 'test' },
    now: new Date(start.getTime() - 24 * HOUR),
  });
  assert.equal(outcome.outcome, 'booked');
  return outcome.outcome === 'booked' ? outcome.booking.id : '';
}

function normalizeId(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

/**
 * A session of Martine's at the trainer's place that began `hoursFromNow`
 * before `now` (negative), marked absent by the Lozère demo trainer through
 * the attendance service, as « Martine Delmas absente » does in Teams: the
 * no-show rule moves her hour, and the mark is audited as the trainer's.
 */
export async function martineMarkedAbsent(bot: BotUnderTest, hoursFromNow: number, now: Date = testNow()): Promise<string> {
  const bookingId = await martineAtTrainersPlace(bot, hoursFromNow, undefined, undefined, now);
  const trainer = (await new ProfessionalDirectory(bot.stores).recognise('msteams', {
    aadObjectId: LOZERE_TRAINER,
    tenantId: DEMO_TENANT,
  }))!;
  const attendance = new AttendanceService(bot.stores, new ProAccess(bot.stores, bot.clock), loadProgrammes(['lozere', 'drome']));
  const marked = await attendance.record({ professional: trainer, channelId: 'msteams' }, bookingId, false, now);
  assert.equal(marked.outcome, 'recorded');
  return bookingId;
}
