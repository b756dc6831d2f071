/**
 * Child process of the booking crash test (test/crash/): plays the server.
 * It opens the store, settles what a previous kill interrupted (as start-up
 * does), then runs random BookingService operations, several in flight at
 * once, until the parent kills it with SIGKILL.
 *
 * Usage: node crashWorker.js CONFIG_JSON_FILE
 *
 * It prints one line per event on stdout, written synchronously in one
 * write(2) of less than PIPE_BUF bytes, so a line the parent reads whole was
 * written whole, after the event it reports:
 *   OPEN                                     store opened
 *   SETTLED <undone> <cancelled>             start-up recovery done
 *   READY <known requests> <confirmed>       operations start
 *   ACK book <requestId> <outcome> <bookingId|->     a new request answered
 *   ACK replay <requestId> <outcome> <bookingId|->   a request sent again
 *   BEGIN cancel <bookingId>                 written BEFORE the cancel starts
 *   ACK cancel <bookingId> <outcome> <settlement|->  a cancellation answered
 * An operation counts as acknowledged once its ACK line is complete.
 * Any unexpected error ends the process with status 1 and the error on stderr.
 */
import { readFileSync, writeSync } from 'node:fs';
import type { Actor } from '../../src/domain/types';
import { BookingService, type BookOutcome } from '../../src/services/bookingService';
import { openStores, type OpenStoresOptions } from '../../src/store/openStores';

export interface CrashWorkerConfig {
  store: OpenStoresOptions;
  programmeId: string;
  people: { beneficiaryId: string; bookIds: string[] }[];
  slotIds: string[];
  /** Slots within the cancellation notice: cancelling there consumes the hours. */
  lateSlotIds: string[];
  /** Round number: part of every new requestId (unique across rounds). */
  round: number;
  /** Seed of the worker's random choices (reproducible order of requests). */
  seed: number;
  /** Operations in flight at once. */
  concurrency: number;
  /** Probabilities of a cancellation and of a replay; the rest are new bookings. */
  cancelShare: number;
  replayShare: number;
  /**
   * Share of cancellations that may pick a late slot's booking, and how many
   * such cancellations one worker life may start. Late cancellations burn
   * hours for good: kept rare so that the carnets last the whole run and
   * requests keep competing for seats as well as hours.
   */
  lateCancelShare: number;
  lateCancelsPerLife: number;
  /** The worker exits by itself after this long (the parent normally kills it much earlier). */
  maxLifeMs: number;
}

interface RequestParams {
  beneficiaryId: string;
  voucherBookId: string;
  slotId: string;
}

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

/** mulberry32: small, seedable, good enough to choose requests. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bookingIdOf(result: BookOutcome): string {
  return ('booking' in result && result.booking?.id) || '-';
}

async function main(): Promise<void> {
  const config = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as CrashWorkerConfig;
  // Never outlive the test: the parent gone (stdin closed) or a forgotten worker ends here.
  process.stdin.on('end', () => process.exit(2));
  process.stdin.resume();
  setTimeout(() => process.exit(3), config.maxLifeMs).unref();

  const stores = await openStores(config.store);
  say('OPEN');
  const service = new BookingService(stores);
  const settled = await service.settleInterrupted(new Date());
  say(`SETTLED ${settled.undone} ${settled.cancelled}`);

  const programme = await stores.programmes.get(config.programmeId);
  if (!programme) throw new Error(`programme ${config.programmeId} missing from the store`);
  const rand = random(config.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

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
  say(`READY ${requests.size} ${confirmed.size}`);

  const remember = (result: BookOutcome) => {
    if (result.outcome === 'booked' && !cancelStarted.has(result.booking.id)) {
      confirmed.set(result.booking.id, result.booking.slotId);
    }
  };
  const actorOf = (params: RequestParams): Actor => ({ kind: 'beneficiary', id: params.beneficiaryId });

  let sequence = 0;
  const bookNew = async () => {
    const person = pick(config.people);
    const params: RequestParams = {
      beneficiaryId: person.beneficiaryId,
      voucherBookId: pick(person.bookIds),
      slotId: pick(config.slotIds),
    };
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
    if (late.has(confirmed.get(bookingId) as string)) lateCancels += 1;
    confirmed.delete(bookingId);
    cancelStarted.add(bookingId);
    say(`BEGIN cancel ${bookingId}`);
    const result = await service.cancel(bookingId, programme, { kind: 'system', id: 'crash-worker' }, new Date());
    say(`ACK cancel ${bookingId} ${result.outcome} ${result.outcome === 'cancelled' ? result.settlement : '-'}`);
  };

  const lane = async (): Promise<never> => {
    for (;;) {
      const r = rand();
      const toCancel = r < config.cancelShare ? cancelCandidate() : undefined;
      if (toCancel) await cancel(toCancel);
      else if (r < config.cancelShare + config.replayShare && requestIds.length > 0) await replay();
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
