/**
 * Child process of the crash test (test/crash/): plays the server. It opens
 * the store, settles what a previous kill interrupted (as start-up does),
 * confirms again the prescriptions whose answer a kill swallowed (as a
 * professional does, the dialog keeping the prescription's id), then runs
 * random bookings, cancellations, prescriptions and replays, several in
 * flight at once, until the parent kills it with SIGKILL.
 *
 * Usage: node crashWorker.js CONFIG_JSON_FILE
 *
 * It prints one line per event on stdout, written synchronously in one
 * write(2) of less than PIPE_BUF bytes, so a line the parent reads whole was
 * written whole, after the event it reports:
 *   OPEN                                     store opened
 *   SETTLED <undone> <cancelled>             start-up recovery done
 *   ORPHANS <n>                              prescriptions counted without their carnet (a kill came between)
 *   READY <known requests> <confirmed>       operations start
 *   ACK book <requestId> <outcome> <bookingId|->     a new request answered
 *   ACK replay <requestId> <outcome> <bookingId|->   a request sent again
 *   BEGIN cancel <bookingId>                 written BEFORE the cancel starts
 *   ACK cancel <bookingId> <outcome> <settlement|->  a cancellation answered
 *   BEGIN prescribe <requestId> <target>     written BEFORE the prescription starts
 *   ACK prescribe <requestId> <outcome> <bookId:number|->    a prescription answered
 *   ACK represcribe <requestId> <outcome> <bookId:number|->  a prescription confirmed again
 *   DONE                                     (finishing life only) nothing left to do
 * A target is `id:<beneficiaryId>` (a person on file) or `new:<firstName>` (a
 * new person of the fixture's commune, created by the first prescription).
 * An operation counts as acknowledged once its ACK line is complete.
 * Any unexpected error ends the process with status 1 and the error on stderr.
 */
import { readFileSync, writeSync } from 'node:fs';
import { CommuneIndex } from '../../src/domain/communes';
import type { Programme } from '../../src/domain/programme';
import type { Actor } from '../../src/domain/types';
import { BookingService, type BookOutcome } from '../../src/services/bookingService';
import { PlaceSearch } from '../../src/services/placeSearch';
import {
  claimedBookId,
  PrescriptionService,
  type PrescriptionOutcome,
  type PrescriptionRequest,
} from '../../src/services/pro/prescription';
import { ProAccess } from '../../src/services/pro/proAccess';
import { NotConfiguredSms } from '../../src/services/pro/sms';
import { openStores, type OpenStoresOptions } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import type { PrescriptionFixture } from '../crash/crashFixture';
import { seededRng } from '../reliability/fuzzCases';

export interface CrashWorkerConfig {
  store: OpenStoresOptions;
  programmeId: string;
  people: { beneficiaryId: string; bookIds: string[] }[];
  slotIds: string[];
  /** Slots within the cancellation notice: cancelling there consumes the hours. */
  lateSlotIds: string[];
  prescription: PrescriptionFixture;
  /** Round number: part of every new requestId (unique across rounds). */
  round: number;
  /** Seed of the worker's random choices (reproducible order of requests). */
  seed: number;
  /** Operations in flight at once. */
  concurrency: number;
  /**
   * Probabilities of a cancellation, a booking replay, a prescription and a
   * prescription replay; the rest are new bookings.
   */
  cancelShare: number;
  replayShare: number;
  prescribeShare: number;
  represcribeShare: number;
  /** Share of prescriptions for a new person (among `newPeople` of this round) rather than one on file. */
  newPersonShare: number;
  newPeople: number;
  /** Share of new bookings made with a prescribed chéquier at the prescription programme's slots. */
  prescribedBookingShare: number;
  /**
   * Share of cancellations that may pick a late slot's booking, and how many
   * such cancellations one worker life may start. Late cancellations burn
   * hours for good: kept rare so that the carnets last the whole run and
   * requests keep competing for seats as well as hours.
   */
  lateCancelShare: number;
  lateCancelsPerLife: number;
  /** Every prescription begun in earlier lives (to replay some). */
  prescriptions: { requestId: string; target: string }[];
  /** Those whose answer was never seen: confirmed again before anything else. */
  unanswered: string[];
  /** The last life: confirm the unanswered prescriptions again, print DONE and exit. */
  finish: boolean;
  /** The worker exits by itself after this long (the parent normally kills it much earlier). */
  maxLifeMs: number;
}

interface RequestParams {
  beneficiaryId: string;
  voucherBookId: string;
  slotId: string;
}

/** New people's fixed particulars: only the first name differs. */
const NEW_PERSON = { lastName: 'Prescrite', birthDate: '1948-03-02' };
const NEW_NAMES = ['Alice', 'Bernard', 'Colette', 'Denis', 'Emile', 'Fanny', 'Gaston', 'Huguette'];

/** One complete line in one synchronous write (retried on a full non-blocking pipe). */
function say(line: string): void {
  const buffer = Buffer.from(`${line}\n`, 'utf8');
  let offset = 0;
  while (offset < buffer.length) {
    try {
      offset += writeSync(1, buffer, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

function bookingIdOf(result: BookOutcome): string {
  return ('booking' in result && result.booking?.id) || '-';
}

function prescribedOf(result: PrescriptionOutcome): string {
  return result.outcome === 'prescribed' ? `${result.book.id}:${result.book.number}` : '-';
}

/** The prescription use case as the app builds it (no places in this store: none are suggested). */
function prescriptionService(stores: Stores, programmes: Programme[], rx: PrescriptionFixture): PrescriptionService {
  const index = new CommuneIndex(rx.communeRows);
  return new PrescriptionService(
    stores,
    new ProAccess(stores),
    programmes,
    index,
    new PlaceSearch(stores, index),
    new NotConfiguredSms(),
    () => 'sms',
  );
}

async function main(): Promise<void> {
  const config = JSON.parse(readFileSync(process.argv[2], 'utf8')) as CrashWorkerConfig;
  // Never outlive the test: the parent gone (stdin closed) or a forgotten worker ends here.
  process.stdin.on('end', () => process.exit(2));
  process.stdin.resume();
  setTimeout(() => process.exit(3), config.maxLifeMs).unref();

  const stores = await openStores(config.store);
  say('OPEN');
  const service = new BookingService(stores);
  const settled = await service.settleInterrupted(new Date());
  say(`SETTLED ${settled.undone} ${settled.cancelled}`);

  const programmes = new Map<string, Programme>();
  for (const id of [config.programmeId, config.prescription.programmeId]) {
    const programme = await stores.programmes.get(id);
    if (!programme) throw new Error(`programme ${id} missing from the store`);
    programmes.set(id, programme);
  }
  const rx = config.prescription;
  const prescriptions = prescriptionService(stores, [...programmes.values()], rx);
  const prescriber = { professional: rx.prescriber, channelId: 'msteams' };
  const rand = seededRng(config.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];

  // Prescriptions: every one begun so far, by requestId → target.
  const targets = new Map(config.prescriptions.map((p) => [p.requestId, p.target]));
  const requestOf = (requestId: string, target: string): PrescriptionRequest => {
    const [kind, value] = target.split(':') as [string, string];
    return kind === 'id'
      ? { requestId, beneficiaryId: value, now: new Date() }
      : { requestId, newPerson: { firstName: value, ...NEW_PERSON, communeInsee: rx.communeInsee }, now: new Date() };
  };
  // Who may book with which carnets: the fixture's people, and the prescription programme's people with their chéquiers.
  const booksByPerson = new Map<string, Set<string>>(config.people.map((p) => [p.beneficiaryId, new Set(p.bookIds)]));
  const prescribed = new Map<string, Set<string>>();
  let orphans = 0;
  for (const person of await stores.beneficiaries.listByProgramme(rx.programmeId)) {
    const books = new Set((await stores.voucherBooks.listByBeneficiary(person.id)).map((b) => b.id));
    prescribed.set(person.id, books);
    orphans += (person.prescriptionIds ?? []).filter((claim) => !books.has(claimedBookId(claim))).length;
  }
  say(`ORPHANS ${orphans}`);
  const answered = (kind: 'prescribe' | 'represcribe', requestId: string, result: PrescriptionOutcome) => {
    if (result.outcome === 'prescribed') {
      const books = prescribed.get(result.book.beneficiaryId) ?? new Set<string>();
      prescribed.set(result.book.beneficiaryId, books.add(result.book.id));
    }
    say(`ACK ${kind} ${requestId} ${result.outcome} ${prescribedOf(result)}`);
  };
  const confirmAgain = async (requestId: string) => {
    answered('represcribe', requestId, await prescriptions.prescribe(prescriber, requestOf(requestId, targets.get(requestId) as string)));
  };

  // The professionals who saw no answer confirm again, the same prescription.
  await Promise.all(config.unanswered.map(confirmAgain));
  if (config.finish) {
    say('DONE');
    await stores.close();
    process.exit(0);
  }

  // What earlier rounds left: requests to replay, confirmed bookings to cancel.
  const requests = new Map<string, RequestParams>();
  const requestIds: string[] = [];
  /** Confirmed bookings not being cancelled: booking id → slot id. */
  const confirmed = new Map<string, string>();
  const late = new Set(config.lateSlotIds);
  const cancelStarted = new Set<string>();
  for (const booking of await stores.bookings.list({})) {
    const { beneficiaryId, voucherBookId, slotId } = booking;
    requests.set(booking.requestId, { beneficiaryId, voucherBookId, slotId });
    requestIds.push(booking.requestId);
    if (booking.status === 'confirmed') confirmed.set(booking.id, booking.slotId);
  }
  const programmeOfSlot = new Map<string, Programme>([
    ...config.slotIds.map((id) => [id, programmes.get(config.programmeId)!] as const),
    ...rx.slotIds.map((id) => [id, programmes.get(rx.programmeId)!] as const),
  ]);
  say(`READY ${requests.size} ${confirmed.size}`);

  const remember = (result: BookOutcome) => {
    if (result.outcome === 'booked' && !cancelStarted.has(result.booking.id)) {
      confirmed.set(result.booking.id, result.booking.slotId);
    }
  };
  const actorOf = (params: RequestParams): Actor => ({ kind: 'beneficiary', id: params.beneficiaryId });

  let sequence = 0;
  /** A person with a carnet and a slot of the same programme: the fixture's, or a prescribed chéquier's. */
  const newParams = (): RequestParams => {
    const withChequier = [...prescribed].filter(([, books]) => books.size > 0);
    const [beneficiaryId, books, slotIds] =
      withChequier.length > 0 && rand() < config.prescribedBookingShare
        ? [...pick(withChequier), rx.slotIds]
        : [...pick([...booksByPerson]), config.slotIds];
    return { beneficiaryId, voucherBookId: pick([...books]), slotId: pick(slotIds) };
  };
  const bookNew = async () => {
    const params = newParams();
    const requestId = `req-${config.round}-${(sequence += 1)}`;
    // Known before it is sent, so that a replay may race with it.
    requests.set(requestId, params);
    requestIds.push(requestId);
    const result = await service.book({ ...params, requestId, actor: actorOf(params), now: new Date() });
    remember(result);
    say(`ACK book ${requestId} ${result.outcome} ${bookingIdOf(result)}`);
  };
  const replay = async () => {
    const requestId = pick(requestIds);
    const params = requests.get(requestId) as RequestParams;
    const result = await service.book({ ...params, requestId, actor: actorOf(params), now: new Date() });
    remember(result);
    say(`ACK replay ${requestId} ${result.outcome} ${bookingIdOf(result)}`);
  };
  let lateCancels = 0;
  /** A confirmed booking to cancel, rarely a late one; undefined when there is none. */
  const cancelCandidate = (): string | undefined => {
    const mayBeLate = lateCancels < config.lateCancelsPerLife && rand() < config.lateCancelShare;
    const pool = [...confirmed].filter(([, slotId]) => mayBeLate || !late.has(slotId)).map(([id]) => id);
    return pool.length > 0 ? pick(pool) : undefined;
  };
  const cancel = async (bookingId: string) => {
    const slotId = confirmed.get(bookingId) as string;
    if (late.has(slotId)) lateCancels += 1;
    confirmed.delete(bookingId);
    cancelStarted.add(bookingId);
    say(`BEGIN cancel ${bookingId}`);
    const programme = programmeOfSlot.get(slotId) as Programme;
    const result = await service.cancel(bookingId, programme, { kind: 'system', id: 'crash-worker' }, new Date());
    say(`ACK cancel ${bookingId} ${result.outcome} ${result.outcome === 'cancelled' ? result.settlement : '-'}`);
  };
  const prescribeNew = async () => {
    const target =
      rand() < config.newPersonShare
        ? `new:${NEW_NAMES[Math.floor(rand() * config.newPeople) % NEW_NAMES.length]}${config.round}`
        : `id:${pick(rx.people).beneficiaryId}`;
    const requestId = `rx-${config.round}-${(sequence += 1)}`;
    targets.set(requestId, target);
    say(`BEGIN prescribe ${requestId} ${target}`);
    answered('prescribe', requestId, await prescriptions.prescribe(prescriber, requestOf(requestId, target)));
  };

  const lane = async (): Promise<never> => {
    const { cancelShare, replayShare, prescribeShare, represcribeShare } = config;
    for (;;) {
      const r = rand();
      const toCancel = r < cancelShare ? cancelCandidate() : undefined;
      if (toCancel) await cancel(toCancel);
      else if (r < cancelShare + replayShare && requestIds.length > 0) await replay();
      else if (r < cancelShare + replayShare + prescribeShare) await prescribeNew();
      else if (r < cancelShare + replayShare + prescribeShare + represcribeShare && targets.size > 0)
        await confirmAgain(pick([...targets.keys()]));
      else await bookNew();
    }
  };
  await Promise.all(Array.from({ length: config.concurrency }, lane));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`crash worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
