/**
 * Kills the "server" with SIGKILL while bookings and prescriptions are being
 * written, restarts it on the same data, again and again, then checks that
 * no acknowledged booking, cancellation or prescription was lost and that no
 * invariant broke.
 *
 * The server is test/support/crashWorker.ts: a child process that runs the
 * start-up recovery (settleInterrupted) and then random bookings,
 * cancellations, prescriptions (Drôme, limited to 8 chéquiers a person) and
 * replays, several in flight, printing one line per acknowledged operation.
 * Each round kills it at a random moment; one round kills it during
 * start-up, while it may be settling what the previous kill interrupted.
 * A prescription whose answer a kill swallowed is confirmed again by the
 * next life, with the same request id (as the prescription dialog does).
 * After the last kill, one more life confirms the last unanswered ones and
 * exits; the test then opens the store itself, runs the start-up recovery
 * and reads everything back.
 *
 * Stores: the embedded store on disk always; FerretDB when its binary is
 * found (required when CI or REQUIRE_FERRETDB=1, skipped otherwise, as in
 * test/store/contract.test.ts). Env CRASH_SEED replays a run's random choices
 * (the kill moments still vary with timing).
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProgrammes } from '../../src/data/programmes';
import { programmeLimits } from '../../src/domain/prescriptionRules';
import type { Programme } from '../../src/domain/programme';
import { BookingService } from '../../src/services/bookingService';
import { openStores, type OpenStoresOptions } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import { type FerretDbServer, startFerretDbOrSkip } from '../support/ferretdb';
import type { CrashWorkerConfig } from '../support/crashWorker';
import { uniqueDatabaseName, withDatabase } from '../store/harnesses';
import {
  brokenSlots,
  halfFinished,
  heldByRefusals,
  lostAcknowledgements,
  prescriptionProblems,
  readJournal,
  unansweredPrescriptions,
  type Journal,
  type Snapshot,
  unbalancedBooks,
} from './crashChecks';
import { type CrashFixture, prepareCrashFixture } from './crashFixture';

const WORKER = path.join(__dirname, '..', 'support', 'crashWorker.js');
/** Rounds killed while operations run, 300–1500 ms after the first acknowledgement. */
const BOOKING_ROUNDS = 5;
/** Which round is instead killed 0–40 ms after the store opened (start-up recovery). */
const STARTUP_ROUND = 3;
const ROUNDS = BOOKING_ROUNDS + 1;
/** A worker that shows no sign of life for this long fails the round. */
const ROUND_DEADLINE_MS = 20_000;
const SEED = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 2 ** 31);

/** Workers still alive: the after hooks kill them whatever happened. */
const live = new Set<ChildProcess>();

interface RoundReport {
  lines: string[];
  /** When the kill happened, relative to the line that armed it. */
  killedAfterMs: number;
  phase: 'operations' | 'start-up';
  /** Whether the worker had finished its start-up recovery when it was killed. */
  settled: boolean;
}

interface Target {
  /** For the summary line, e.g. "embedded disk". */
  label: string;
  store: OpenStoresOptions;
  /** Pause between a kill and the restart (FerretDB may finish the dead client's last command). */
  restartPauseMs: number;
  cleanUp(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function randomBetween(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

/** One worker life: start, wait for the arming line, wait a random delay, SIGKILL. */
function runRound(configFile: string, phase: RoundReport['phase']): Promise<RoundReport> {
  const armOn = phase === 'start-up' ? 'OPEN' : 'ACK ';
  const delayMs = phase === 'start-up' ? randomBetween(0, 40) : randomBetween(300, 1500);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', WORKER, configFile], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    live.add(child);
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    let armedAt = 0;
    let killedAt = 0;
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker showed no "${armOn.trim()}" line within ${ROUND_DEADLINE_MS} ms: ${stderr.trim()}`));
    }, ROUND_DEADLINE_MS);
    const kill = () => {
      killedAt = Date.now();
      child.kill('SIGKILL');
    };

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const pieces = (partial + chunk).split('\n');
      // Only complete lines count: the last piece is either empty or torn.
      partial = pieces.pop() ?? '';
      for (const line of pieces) {
        lines.push(line);
        if (!killTimer && line.startsWith(armOn)) {
          clearTimeout(deadline);
          armedAt = Date.now();
          killTimer = setTimeout(kill, delayMs);
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    // 'close': the process is gone AND its pipes are drained.
    child.once('close', (code, signal) => {
      live.delete(child);
      clearTimeout(deadline);
      clearTimeout(killTimer);
      if (signal !== 'SIGKILL' || killedAt === 0) {
        reject(new Error(`worker ended by itself (code ${code}, signal ${signal}): ${stderr.trim()}`));
        return;
      }
      resolve({ lines, killedAfterMs: killedAt - armedAt, phase, settled: lines.some((l) => l.startsWith('SETTLED')) });
    });
  });
}

/** The last life: confirms the unanswered prescriptions again, then exits by itself. */
function runToEnd(configFile: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--enable-source-maps', WORKER, configFile], { stdio: ['pipe', 'pipe', 'pipe'] });
    live.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    const deadline = setTimeout(() => child.kill('SIGKILL'), ROUND_DEADLINE_MS);
    child.once('close', (code, signal) => {
      live.delete(child);
      clearTimeout(deadline);
      const lines = stdout.split('\n').slice(0, -1);
      if (code === 0 && lines.at(-1) === 'DONE') resolve(lines);
      else reject(new Error(`finishing worker ended with code ${code}, signal ${signal}: ${stderr.trim()}`));
    });
  });
}

async function snapshotOf(stores: Stores, fixture: CrashFixture): Promise<Snapshot> {
  const bookings = await stores.bookings.list({});
  const slots = [
    ...(await stores.slots.list({ programmeId: fixture.programmeId })),
    ...(await stores.slots.list({ programmeId: fixture.prescription.programmeId })),
  ];
  const prescribed = await stores.beneficiaries.listByProgramme(fixture.prescription.programmeId);
  const books = [];
  for (const person of [...fixture.people, ...prescribed.map((p) => ({ beneficiaryId: p.id }))]) {
    books.push(...(await stores.voucherBooks.listByBeneficiary(person.beneficiaryId)));
  }
  return { bookings, slots, books, prescribed };
}

interface CrashRun {
  fixture: CrashFixture;
  journal: Journal;
  /** Per life (the finishing one last), how many prescriptions a kill left unanswered it confirmed again. */
  confirmedAgain: number[];
  snapshot: Snapshot;
  rounds: RoundReport[];
  recovery: { undone: number; cancelled: number };
  secondRecovery: { undone: number; cancelled: number; moved: number };
  ms: number;
}

/** Prepares the store, runs the rounds, recovers and reads the store back. */
async function crashRun(target: Target, workDir: string): Promise<CrashRun> {
  const started = Date.now();
  const [booking, prescription] = loadProgrammes(['lozere', 'drome']) as [Programme, Programme];
  const setup = await openStores(target.store);
  let fixture: CrashFixture;
  try {
    fixture = await prepareCrashFixture(setup, { booking, prescription }, new Date());
  } finally {
    await setup.close();
  }

  const rounds: RoundReport[] = [];
  const confirmedAgain: number[] = [];
  const configFor = (round: number, finish: boolean): string => {
    const sofar = readJournal(rounds.flatMap((r) => r.lines));
    confirmedAgain.push(unansweredPrescriptions(sofar).length);
    const config: CrashWorkerConfig = {
      store: target.store,
      ...fixture,
      round,
      seed: SEED + round,
      concurrency: 6,
      cancelShare: 0.22,
      replayShare: 0.18,
      prescribeShare: 0.08,
      represcribeShare: 0.04,
      newPersonShare: 0.6,
      newPeople: 4,
      prescribedBookingShare: 0.3,
      lateCancelShare: 0.2,
      lateCancelsPerLife: 2,
      prescriptions: [...sofar.prescriptionsBegun].map(([requestId, target]) => ({ requestId, target })),
      unanswered: unansweredPrescriptions(sofar),
      finish,
      maxLifeMs: 30_000,
    };
    const configFile = path.join(workDir, `worker-${round}.json`);
    writeFileSync(configFile, JSON.stringify(config));
    return configFile;
  };
  for (let round = 1; round <= ROUNDS; round += 1) {
    rounds.push(await runRound(configFor(round, false), round === STARTUP_ROUND ? 'start-up' : 'operations'));
    await sleep(target.restartPauseMs);
  }
  const finishing = await runToEnd(configFor(ROUNDS + 1, true));

  // What start-up does, then read everything back.
  const stores = await openStores(target.store);
  try {
    const service = new BookingService(stores);
    const recovery = await service.settleInterrupted(new Date());
    const snapshot = await snapshotOf(stores, fixture);
    const secondRecovery = await service.settleInterrupted(new Date());
    const journal = readJournal([...rounds.flatMap((r) => r.lines), ...finishing]);
    return { fixture, journal, confirmedAgain, snapshot, rounds, recovery, secondRecovery, ms: Date.now() - started };
  } finally {
    await stores.close();
  }
}

function summary(label: string, run: CrashRun, lost: number): string {
  const o = (key: string) => run.journal.outcomes.get(key) ?? 0;
  const sum = (prefix: string) => [...run.journal.outcomes].filter(([k]) => k.startsWith(prefix)).reduce((s, [, n]) => s + n, 0);
  const late = [...run.journal.cancelledAcks.values()].filter((s) => s === 'consume').length;
  const byStatus = (status: string) => run.snapshot.bookings.filter((b) => b.status === status).length;
  const settledByWorkers = run.rounds
    .flatMap((r) => r.lines.filter((l) => l.startsWith('SETTLED ')))
    .map((l) => l.split(' ').slice(1).map(Number))
    .reduce((s, [u, c]) => s + (u ?? 0) + (c ?? 0), 0);
  const prescribedBooks = run.snapshot.books.filter(
    (b) => b.programmeId === run.fixture.prescription.programmeId && !run.fixture.prescription.fixtureBookIds.includes(b.id),
  );
  const { maxBooks } = programmeLimits(loadProgrammes([run.fixture.prescription.programmeId])[0]);
  const atLimit = run.snapshot.prescribed.filter((p) => p.booksIssued === maxBooks).length;
  return [
    `crash test (${label}): ${run.rounds.length} kills, ${run.journal.acks} acknowledged operations, ${lost} lost`,
    `  book ${sum('book ')} (booked ${o('book booked')}, slot full ${o('book slot_full')}, not enough hours ${o('book not_enough_hours')}, already booked ${o('book already_booked')}),` +
      ` replay ${sum('replay ')} (booked ${o('replay booked')}, already booked ${o('replay already_booked')}),` +
      ` cancel ${sum('cancel ')} (cancelled ${o('cancel cancelled')}, of which late ${late}, not cancellable ${o('cancel not_cancellable')})`,
    `  prescribe ${sum('prescribe ')} (prescribed ${o('prescribe prescribed')}, limit ${o('prescribe limit')}),` +
      ` confirmed again ${sum('represcribe ')} (prescribed ${o('represcribe prescribed')}, limit ${o('represcribe limit')});` +
      ` ${run.confirmedAgain.reduce((x, y) => x + y, 0)} left unanswered by a kill and confirmed again by the next life` +
      ` (claims found without their carnet at start-up: ${run.journal.orphansFound.reduce((x, y) => x + y, 0)});` +
      ` store: ${prescribedBooks.length} prescribed chéquiers for ${run.snapshot.prescribed.length} people, ${atLimit} at the limit of ${maxBooks}`,
    `  kills at ${run.rounds.map((r) => `${r.killedAfterMs} ms${r.phase === 'start-up' ? ` after open${r.settled ? '' : ' (recovery unfinished)'}` : ''}`).join(', ')};` +
      ` recovery settled ${settledByWorkers} in the workers, ${run.recovery.undone} pending + ${run.recovery.cancelled} cancelling at the end;` +
      ` store: ${run.snapshot.bookings.length} bookings (${byStatus('confirmed')} confirmed, ${byStatus('cancelled')} cancelled); seed ${SEED}; ${(run.ms / 1000).toFixed(1)} s`,
  ].join('\n');
}

function report(problems: string[], what: string): void {
  if (problems.length === 0) return;
  assert.fail(`${problems.length} ${what} (seed ${SEED}):\n  ${problems.slice(0, 20).join('\n  ')}`);
}

/** The rounds run once per store in `before`; each `it` checks one thing. */
function crashSuite(makeTarget: () => Promise<Target>): void {
  let run: CrashRun | undefined;
  let target: Target | undefined;
  let workDir: string | undefined;

  before(async function () {
    this.timeout(120_000);
    target = await makeTarget();
    workDir = mkdtempSync(path.join(tmpdir(), 'pn-crash-'));
    run = await crashRun(target, workDir);
    const lost = lostAcknowledgements(run.journal, run.snapshot).length;
    console.log(summary(target.label, run, lost).replace(/^/gm, '      '));
  });

  after(async () => {
    for (const child of live) child.kill('SIGKILL');
    await target?.cleanUp();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('the worker acknowledged operations in every round killed while operating', () => {
    report(
      run!.journal.malformed.map((l) => `malformed line: ${l}`),
      'protocol errors',
    );
    const idle = run!.rounds.filter((r) => r.phase === 'operations' && !r.lines.some((l) => l.startsWith('ACK ')));
    assert.equal(idle.length, 0, `${idle.length} rounds without an acknowledged operation`);
    assert.ok((run!.journal.outcomes.get('book booked') ?? 0) > 0, 'no booking succeeded');
    assert.ok((run!.journal.outcomes.get('cancel cancelled') ?? 0) > 0, 'no cancellation succeeded');
    const refused = (run!.journal.outcomes.get('book slot_full') ?? 0) + (run!.journal.outcomes.get('book not_enough_hours') ?? 0);
    assert.ok(refused > 0, 'no request was refused: no contention');
    assert.ok((run!.journal.outcomes.get('prescribe prescribed') ?? 0) > 0, 'no prescription succeeded');
  });

  it('loses no acknowledged booking or cancellation, one booking per request', () => {
    report(lostAcknowledgements(run!.journal, run!.snapshot), 'acknowledged operations lost or contradicted');
  });

  it('loses no acknowledged prescription: one carnet each, counted once, the programme limit kept', () => {
    const limits = programmeLimits(loadProgrammes([run!.fixture.prescription.programmeId])[0]);
    report(prescriptionProblems(run!.journal, run!.snapshot, run!.fixture.prescription, limits, true), 'prescription problems');
  });

  it('an acknowledged refusal holds no seat and no hours', () => {
    report(heldByRefusals(run!.journal, run!.snapshot), 'refusals holding something');
  });

  it('keeps every carnet balanced, matching its ledger and its confirmed bookings', () => {
    report(unbalancedBooks(run!.snapshot), 'carnet problems');
  });

  it('keeps every slot within capacity, its seats held by exactly its confirmed bookings', () => {
    report(brokenSlots(run!.snapshot), 'slot problems');
  });

  it('leaves no booking pending or cancelling after the start-up recovery, which is idempotent', () => {
    report(halfFinished(run!.snapshot), 'half-finished bookings');
    assert.deepEqual(run!.secondRecovery, { undone: 0, cancelled: 0, moved: 0 }, 'a second recovery found work');
  });
}

describe('bookings, cancellations and prescriptions under SIGKILL', () => {
  after(() => {
    for (const child of live) child.kill('SIGKILL');
  });

  describe('embedded (disk)', () => {
    crashSuite(async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'pn-crash-data-'));
      return {
        label: 'embedded disk',
        store: { dataDir },
        restartPauseMs: 0,
        cleanUp: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    });
  });

  describe('ferretdb', () => {
    let ferret: FerretDbServer | undefined;

    before(async function () {
      this.timeout(30_000);
      ferret = await startFerretDbOrSkip(this);
    });

    after(async () => {
      for (const child of live) child.kill('SIGKILL');
      await ferret?.stop();
    });

    crashSuite(async () => ({
      label: `ferretdb ${ferret!.version}`,
      store: { mongodbUri: withDatabase(ferret!.baseUri, uniqueDatabaseName('crash')) },
      // The server outlives the worker: let it finish the killed client's last command
      // before a new worker writes, as one app instance at a time is the rule on FerretDB.
      restartPauseMs: 250,
      // The database goes with the server's temp folder when it stops.
      cleanUp: async () => undefined,
    }));
  });
});
