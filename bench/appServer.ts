/**
 * The assistant as the benchmark runs it: the real app (createApp, the same
 * wiring as src/index.ts) in its own process, over the embedded store (a
 * temp folder) or MongoDB/FerretDB (BENCH_MONGODB_URI). Before listening it
 * seeds the demo data and BENCH_BENEFICIARIES extra Lozère beneficiaries
 * with a fresh 10-hour carnet each (LOZ-BNCH-…, born 01/01/1950): seeding
 * happens here because the embedded store locks its folder to one process.
 * BENCH_PLACES: that many places (the real ones, then copies: scaledPlaces.ts),
 * slots for BENCH_WEEKS weeks. BENCH_SEED=0: a second instance on a
 * database the first one seeded — it seeds nothing.
 *
 * Talks to bench/index.ts over IPC: sends { port } when listening; answers
 * { check } with the overbooking audit and { rss } with its memory (after a
 * full GC: RSS and heap used), { hrtime } with its monotonic clock (µs) and
 * { cpu } with its CPU time so far. BENCH_ABLATE: a level of bench/ablate.ts.
 * BENCH_COMMANDS=1 (MongoDB/FerretDB): counts and times every database
 * command the driver sends after seeding; { commands } answers the tally
 * since the last ask (bench/commandTally.ts, bench/roundTrips.ts).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app';
import { communes } from '../src/data/communes';
import { loadProgrammes } from '../src/data/programmes';
import { hoursPerBook } from '../src/domain/programme';
import { isBalanced, issueVoucherBook } from '../src/domain/voucherLedger';
import { silentLogger } from '../src/logger';
import { warmLanguageModels } from '../src/nlu/warmup';
import { seedDemo } from '../src/services/demoSeed';
import { openStores } from '../src/store/openStores';
import type { Stores } from '../src/store/repositories';
import { BENCH_BIRTH_ISO, benchVoucherBookNumber } from './benchIdentity';
import { inParallel } from './load';
import { scaledPlaces } from './scaledPlaces';
import { ablate, type AblationLevel } from './ablate';
import { type CommandTally, watchCommands } from './commandTally';

/** What bench/index.ts and its tools ask over IPC. */
interface Question {
  check?: true;
  rss?: true;
  hrtime?: true;
  cpu?: true;
  /** A folder: write a heap snapshot there. */
  snapshot?: string;
  /** BENCH_COMMANDS=1: the database commands sent since the last ask (and start counting again). */
  commands?: true;
}

const BENCH_ACTOR = { kind: 'system', id: 'bench' } as const;

async function seedBeneficiaries(stores: Stores, count: number): Promise<void> {
  const programme = (await stores.programmes.get('lozere'))!;
  const now = new Date();
  const expiresAt = new Date(now.getTime() + 365 * 86_400_000);
  // A few at once: a database server answers them in parallel (the embedded store queues them).
  await inParallel(
    Array.from({ length: count }, (_, i) => i),
    16,
    async (i) => {
      const id = `bench-beneficiary-${i}`;
      await stores.beneficiaries.create({
        id,
        programmeId: programme.id,
        firstName: 'Banc',
        lastName: `Essai${i}`,
        birthDate: BENCH_BIRTH_ISO,
        communeInsee: '48095',
        createdAt: now,
        createdBy: BENCH_ACTOR,
      });
      await stores.voucherBooks.create(
        issueVoucherBook({
          id: `bench-book-${i}`,
          number: benchVoucherBookNumber(i),
          programmeId: programme.id,
          beneficiaryId: id,
          hours: hoursPerBook(programme),
          issuedAt: now,
          expiresAt,
          issuedBy: BENCH_ACTOR,
          reason: 'benchmark carnet',
        }),
      );
    },
  );
}

/** Seats and hours after the load: nothing overbooked, every ledger balanced. */
async function audit(stores: Stores) {
  const bookings = await stores.bookings.list({ statuses: ['confirmed'] });
  const perSlot = new Map<string, number>();
  for (const b of bookings) perSlot.set(b.slotId, (perSlot.get(b.slotId) ?? 0) + 1);
  // Only the slots some booking holds: a national timetable has millions of slots.
  let overbookedSlots = 0;
  for (const [slotId, held] of perSlot) {
    const slot = (await stores.slots.get(slotId))!;
    if (
      held > slot.capacity ||
      slot.seatsLeft < 0 ||
      slot.bookingIds.length > slot.capacity ||
      slot.seatsLeft !== slot.capacity - slot.bookingIds.length
    ) {
      overbookedSlots += 1;
    }
  }
  let unbalancedBooks = 0;
  const programme = (await stores.programmes.get('lozere'))!;
  for (const book of await stores.voucherBooks.listByProgramme(programme.id)) {
    if (!isBalanced(book) || book.hoursLeft < 0) unbalancedBooks += 1;
  }
  return { confirmedBookings: bookings.length, slots: await stores.slots.count(), overbookedSlots, unbalancedBooks };
}

async function main(): Promise<void> {
  if (process.env.BENCH_ABLATE) ablate(process.env.BENCH_ABLATE as AblationLevel);
  const watching = process.env.BENCH_COMMANDS === '1';
  const givenUri = process.env.BENCH_MONGODB_URI || undefined;
  // The driver reports every command it sends (command monitoring) only when the URI asks for it.
  const mongodbUri = givenUri && watching ? `${givenUri}${givenUri.includes('?') ? '&' : '?'}monitorCommands=true` : givenUri;
  const dataDir = mongodbUri ? undefined : mkdtempSync(join(tmpdir(), 'pass-bench-store-'));
  const programmes = loadProgrammes(['lozere', 'drome']);
  const stores = await openStores({ mongodbUri, dataDir });
  let commands: CommandTally | undefined;
  for (const programme of programmes) await stores.programmes.upsert(programme);
  if (process.env.BENCH_SEED !== '0') {
    const placeCount = Number(process.env.BENCH_PLACES ?? 0);
    const places = placeCount > 0 ? scaledPlaces(programmes, placeCount) : undefined;
    await seedDemo(stores, { programmes, now: new Date(), weeks: Number(process.env.BENCH_WEEKS ?? 4), places });
    await seedBeneficiaries(stores, Number(process.env.BENCH_BENEFICIARIES ?? 0));
  }
  if (watching) commands = watchCommands();
  const app = createApp({ auth: { MicrosoftAppType: 'MultiTenant' }, stores, programmes, communes: communes(), logger: silentLogger() });
  await warmLanguageModels();
  app.readiness.markModelsWarm();

  process.on('message', (message: Question) => void answer(message));
  async function answer(message: Question): Promise<void> {
    if (message.cpu) process.send?.({ cpu: process.cpuUsage() });
    // The CPU profile's clock (µs), so the profiler can keep only the samples of the load.
    if (message.hrtime) process.send?.({ hrtime: Number(process.hrtime.bigint() / 1000n) });
    if (message.check) process.send?.({ audit: await audit(stores) });
    if (message.commands) process.send?.({ commands: commands?.take() ?? {} });
    if (message.rss) {
      global.gc?.();
      const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
      process.send?.({ rss: { rss, heapUsed, heapTotal, external, arrayBuffers } });
    }
    if (message.snapshot) {
      mkdirSync(message.snapshot, { recursive: true });
      process.send?.({ snapshot: writeHeapSnapshot(join(message.snapshot, `heap-${Date.now()}.heapsnapshot`)) });
    }
  }
  const stop = async () => {
    app.server.close();
    await stores.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  const slots = await stores.slots.count();
  app.server.listen(0, '127.0.0.1', () => process.send?.({ port: app.server.address().port, slots }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
