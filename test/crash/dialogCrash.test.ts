/**
 * Conversations interrupted by a SIGKILL of the bot process resume where
 * they were, on the embedded store on disk and on FerretDB.
 *
 * The bot runs as an operator runs it (node dist/src/index.js), and the
 * test talks to it over /api/messages, each HTTP answer carrying the turn's
 * replies (sent once the turn and its state are done: an answered turn is
 * an acknowledged one).
 *
 * 1. Between turns: four conversations are left in the middle of a dialog —
 *    asked for the birth date after the carnet number, at the booking's
 *    « C'est d'accord ? », in the eligibility questions, at a prescription's
 *    confirmation in Teams — the process is killed, started again on the
 *    same data, and each next message continues exactly there. A message
 *    answered before the kill and sent again after it (same activity id)
 *    gets the same answer, from the store; and a « oui » killed in the
 *    middle of its booking, sent again after the restart undid that
 *    booking, books — it never reads « Vous avez déjà une séance ».
 * 2. In the middle of turns: conversations run scripts (dialogScripts.ts)
 *    as fast as the bot answers; the process is killed at a random moment,
 *    several times. After each restart every conversation is probed with a
 *    message no question accepts: the bot must ask again the question of
 *    its last answered turn — or, when a turn was in flight at the kill, the
 *    one that turn may have reached — then the scripts go on from there.
 * 3. The store afterwards: the confirmations given across the kill made one
 *    booking and one carnet, carnets balance, slots hold, nothing half-done.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Booking } from '../../src/domain/types';
import { claimedBookId } from '../../src/services/pro/prescription';
import { scopedRequestId } from '../../src/services/requestKey';
import { hourOf, replayClaimKey } from '../../src/services/replayRecords';
import { randomUUID } from 'node:crypto';
import { openStores, type OpenStoresOptions } from '../../src/store/openStores';
import type { Stores } from '../../src/store/repositories';
import { freePort } from '../support/botProcess';
import { withFerretDb } from '../support/ferretdb';
import { seedDemoDatabase } from '../support/demoDatabase';
import { CLAIRE, DEMO_TENANT } from '../support/teamsChat';
import { uniqueDatabaseName, withDatabase } from '../store/harnesses';
import { type BotLife, type ProcessChat, processChat, startBotLife } from './botUnderKill';
import { brokenSlots, halfFinished, type Snapshot, unbalancedBooks } from './crashChecks';
import { testNow } from '../support/clock';
import { bookingUpToConfirmation, type DialogState, eligibility, PROBE, type Script, stateOf } from './dialogScripts';
import { GERARD, MARTINE } from '../support/personas';

/** Kills in the middle of turns, after the one between turns. */
const RANDOM_KILLS = 4;
/**
 * A kill comes this long after every conversation had a turn answered since
 * the restart: the probe counts as a misunderstood answer, and the carnet and
 * birth-date questions give up after two — a second probe of the same
 * question would end the dialog by itself.
 */
const KILL_AFTER_MS: readonly [number, number] = [300, 1500];
/** Conversations that get no answer for this long fail the test. */
const ANSWER_DEADLINE_MS = 30_000;
const VOUCHER_BOOK_NUMBER = /carnet (LOZ-[A-Z2-9]{4}-[A-Z2-9]{3})/;

interface Target {
  label: string;
  /** The store's settings for the process. */
  env: Record<string, string>;
  /** The same store, for the test's own reads. */
  store: OpenStoresOptions;
  /** What the process needs before its first start (demo data where it does not seed them itself). */
  prepare(): Promise<void>;
  /**
   * One process at a time on this store (the embedded data-folder lock): the
   * start-up settles every interrupted booking at once. Several instances
   * may share a MongoDB, so there it waits until they are a minute old.
   */
  alone: boolean;
  cleanUp(): Promise<void>;
}

/** Replies after the restart to the next message of each conversation left mid-dialog. */
interface Resumed {
  /** The birth-date question, asked before the kill. */
  askedBeforeKill: string;
  /** What the same message (same activity id) got when sent again after the restart. */
  resentAfterRestart: string;
  birthDate: string;
  confirmation: string;
  eligibility: string;
  prescription: string;
  /** The carnet number the prescription's confirmation gave. */
  voucherBookNumber: string | undefined;
  /** The booking a « oui » killed mid-booking left pending before the restart (embedded store only). */
  interrupted: string | undefined;
}

interface Conversation {
  script: Script;
  chat: ProcessChat;
  /** The question of the last answered turn (or of the probe after a restart). */
  state: DialogState;
  /** Set while a turn is sent: the state it was sent from. */
  inFlight: boolean;
}

interface RandomRun {
  kills: number;
  turns: number;
  /** Turns sent but unanswered when the process died. */
  inFlightAtKills: number[];
  probes: number;
  /** Turns in flight at a kill that the probe found done (answer lost) or not done (nothing kept). */
  inFlightDone: number;
  inFlightUndone: number;
  killedAfterMs: number[];
  /** Replies that asked an unexpected question, probes that found a conversation elsewhere. */
  problems: string[];
}

interface DialogRun {
  resumed: Resumed;
  random: RandomRun;
  snapshot: Snapshot;
  stores: {
    /** Martine's bookings made by herself through the bot. */
    martineBookings: { id: string; status: string }[];
    martineVoucherBooks: number;
    martineCounted: number | undefined;
    /** Her counted prescriptions without their carnet. */
    martineOrphans: number;
  };
  ms: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomBetween = ([min, max]: readonly [number, number]) => min + Math.floor(Math.random() * (max - min + 1));

/** Fails the setup clearly when a conversation is not where the test is about to kill it. */
function expectState(reply: string, state: DialogState, what: string): void {
  if (stateOf(reply) !== state) throw new Error(`setup: ${what} — expected the ${state} question, got: ${reply.slice(0, 300)}`);
}

/**
 * What a « oui » (activity `activityId`) killed in the middle of its booking
 * leaves: the booking written `pending` under that request's key with its
 * seat taken, the replay guard's claim of the turn unfinished, and the
 * conversation still at « C'est d'accord ? » (its state was not saved).
 * Returns the booking's id.
 */
async function leaveInterruptedBooking(store: OpenStoresOptions, chat: ProcessChat, activityId: string): Promise<string> {
  const stores = await openStores(store);
  try {
    const [state] = await stores.botState.read([`sms/conversations/${chat.conversationId}/`]);
    const slotId = /"slotId":"([^"]+)"/.exec(state?.json ?? '')?.[1];
    const slot = slotId ? await stores.slots.get(slotId) : undefined;
    const book = await stores.voucherBooks.getByNumber(MARTINE.voucherBookNumber);
    if (!slot || !book) throw new Error(`setup: no proposed session in the conversation state (${slotId}) or no carnet`);
    const now = testNow();
    const booking: Booking = {
      id: `killed-mid-booking-${chat.conversationId}`,
      programmeId: slot.programmeId,
      slotId: slot.id,
      beneficiaryId: MARTINE.id,
      voucherBookId: book.id,
      hours: (slot.end.getTime() - slot.start.getTime()) / 3_600_000,
      status: 'pending',
      activeKey: `${slot.id}:${MARTINE.id}`,
      requestId: scopedRequestId({ channelId: 'sms', conversationId: chat.conversationId, activityId }, MARTINE.id),
      createdAt: now,
      updatedAt: now,
      createdBy: { kind: 'beneficiary', id: MARTINE.id },
    };
    await stores.bookings.insert(booking);
    if ((await stores.slots.takeSeat(slot.id, booking.id)) !== 'taken') throw new Error('setup: the proposed session has no seat left');
    const delivery = { channelId: 'sms', conversationId: chat.conversationId, activityId };
    await stores.botState.insert({
      key: replayClaimKey(hourOf(now.getTime()), delivery),
      json: JSON.stringify({ at: now.getTime(), done: false, run: 'the-run-that-was-killed' }),
      eTag: randomUUID(),
      writtenAt: now,
    });
    return booking.id;
  } finally {
    await stores.close();
  }
}

/** Part 1: four conversations left mid-dialog, one kill, the next message of each. */
async function killBetweenTurns(life: { current: BotLife }, restart: () => Promise<void>, target: Target): Promise<Resumed> {
  const url = () => life.current.url;
  const identify = processChat(url, { channelId: 'sms' });
  await identify.say('5');
  const answeredId = randomUUID();
  const askedBeforeKill = await identify.say(MARTINE.voucherBookNumber, answeredId);
  expectState(askedBeforeKill, 'birthDate', 'after the carnet number');

  const book = processChat(url, { channelId: 'sms' });
  for (const text of ['5', MARTINE.voucherBookNumber, MARTINE.birth, '1']) await book.say(text);
  expectState(await book.say('1'), 'confirm', 'after choosing a session');

  const eligible = processChat(url, { channelId: 'sms' });
  await eligible.say('2');
  expectState(await eligible.say('Marvejols'), 'needsHelp', 'after the commune');

  const prescribe = processChat(url, { channelId: 'msteams', aadObjectId: CLAIRE, tenantId: DEMO_TENANT });
  await prescribe.say('Martine Delmaz'); // misspelt: the search forgives it
  const question = await prescribe.say('Prescrire un carnet');
  if (!/Prescrire un 2e carnet de 10 heures à Martine Delmas \?/.test(question))
    throw new Error(`setup: no prescription question: ${question}`);

  await life.current.kill();
  const killedYes = randomUUID();
  const interrupted = target.alone ? await leaveInterruptedBooking(target.store, book, killedYes) : undefined;
  await restart();

  const prescription = await prescribe.say('oui');
  // The channel did not see the answer to the carnet number before the kill: it sends the same activity again.
  const resentAfterRestart = await identify.say(MARTINE.voucherBookNumber, answeredId);
  return {
    askedBeforeKill,
    resentAfterRestart,
    birthDate: await identify.say(MARTINE.birth),
    // The « oui » the kill interrupted, sent again by the channel (same activity id).
    confirmation: await book.say('oui', target.alone ? killedYes : undefined),
    eligibility: await eligible.say('un peu'),
    prescription,
    voucherBookNumber: VOUCHER_BOOK_NUMBER.exec(prescription)?.[1],
    interrupted,
  };
}

/** Runs one conversation's script until `stop`; an unanswered turn stays in flight. */
async function drive(
  conversation: Conversation,
  stop: { now: boolean; answered: (c: Conversation) => void },
  run: RandomRun,
): Promise<void> {
  while (!stop.now) {
    const step = conversation.script.steps[conversation.state];
    if (!step) {
      run.problems.push(`${conversation.script.name}: no answer scripted in state ${conversation.state}`);
      return;
    }
    conversation.inFlight = true;
    const result = await conversation.chat.send(step.answer);
    if (!result.answered) {
      if (!stop.now) run.problems.push(`${conversation.script.name}: « ${step.answer} » got no answer before any kill: ${result.error}`);
      return;
    }
    conversation.inFlight = false;
    run.turns += 1;
    stop.answered(conversation);
    const state = stateOf(result.text);
    if (!state || !step.next.includes(state)) {
      run.problems.push(
        `${conversation.script.name}: « ${step.answer} » in state ${conversation.state} led to ${state ?? 'no known question'}: ${result.text.slice(0, 200)}`,
      );
      return;
    }
    conversation.state = state;
  }
}

/**
 * After a restart: the question the bot asks again must be the one of the
 * last answered turn, or one the turn in flight may have reached.
 */
async function probe(conversation: Conversation, run: RandomRun): Promise<void> {
  const allowed = [conversation.state, ...(conversation.inFlight ? (conversation.script.steps[conversation.state]?.next ?? []) : [])];
  const reply = await conversation.chat.say(PROBE);
  run.probes += 1;
  const state = stateOf(reply);
  if (!state || !allowed.includes(state)) {
    run.problems.push(
      `${conversation.script.name} (conversation ${conversation.chat.conversationId}): was at ${conversation.state}` +
        `${conversation.inFlight ? ' with a turn in flight' : ''}, resumed at ${state ?? 'no known question'}: ${reply.slice(0, 200)}`,
    );
    return;
  }
  if (conversation.inFlight && state === conversation.state) run.inFlightUndone += 1;
  else if (conversation.inFlight) run.inFlightDone += 1;
  conversation.state = state;
  conversation.inFlight = false;
}

/** Part 2: scripts at full speed, killed at random moments, probed after each restart. */
async function killMidTurns(life: { current: BotLife }, restart: () => Promise<void>): Promise<RandomRun> {
  const url = () => life.current.url;
  const scripts = [
    eligibility,
    eligibility,
    eligibility,
    eligibility,
    bookingUpToConfirmation(MARTINE),
    bookingUpToConfirmation(MARTINE),
    bookingUpToConfirmation(GERARD),
    bookingUpToConfirmation(GERARD),
  ];
  const conversations: Conversation[] = scripts.map((script) => ({
    script,
    chat: processChat(url, { channelId: script.channelId }),
    state: 'menu',
    inFlight: false,
  }));
  const run: RandomRun = {
    kills: 0,
    turns: 0,
    inFlightAtKills: [],
    probes: 0,
    inFlightDone: 0,
    inFlightUndone: 0,
    killedAfterMs: [],
    problems: [],
  };
  for (let kill = 1; kill <= RANDOM_KILLS; kill += 1) {
    const movedOn = new Set<Conversation>();
    let answered!: (c: Conversation) => void;
    const allMovedOn = new Promise<boolean>((resolve) => {
      answered = (c) => {
        if (movedOn.add(c).size === conversations.length) resolve(true);
      };
    });
    const stop = { now: false, answered };
    const driving = conversations.map((c) => drive(c, stop, run));
    // Armed once every conversation moved on, however slow the machine.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ANSWER_DEADLINE_MS)));
    if (!(await Promise.race([allMovedOn, deadline])))
      run.problems.push(`${conversations.length - movedOn.size} conversations had no turn answered within ${ANSWER_DEADLINE_MS} ms`);
    clearTimeout(timer);
    const delay = randomBetween(KILL_AFTER_MS);
    await sleep(delay);
    stop.now = true;
    await life.current.kill();
    await Promise.all(driving);
    run.kills += 1;
    run.killedAfterMs.push(delay);
    run.inFlightAtKills.push(conversations.filter((c) => c.inFlight).length);
    await restart();
    for (const conversation of conversations) await probe(conversation, run);
    if (run.problems.length > 0) break;
  }
  return run;
}

async function snapshotOf(stores: Stores): Promise<Snapshot> {
  const people = [MARTINE.id, GERARD.id];
  const books = [];
  for (const id of people) books.push(...(await stores.voucherBooks.listByBeneficiary(id)));
  return { bookings: await stores.bookings.list({}), slots: await stores.slots.list({}), books, prescribed: [] };
}

async function dialogCrashRun(target: Target): Promise<DialogRun> {
  const started = Date.now();
  await target.prepare();
  const port = await freePort();
  const life = { current: await startBotLife(port, target.env) };
  const restart = async () => {
    life.current = await startBotLife(port, target.env);
  };
  try {
    const resumed = await killBetweenTurns(life, restart, target);
    const random = await killMidTurns(life, restart);
    const code = await life.current.stop();
    if (code !== 0) throw new Error(`the bot did not stop cleanly (code ${code}):\n${life.current.output().slice(-2000)}`);

    const stores = await openStores(target.store);
    try {
      const martine = await stores.beneficiaries.get(MARTINE.id);
      const carnets = await stores.voucherBooks.listByBeneficiary(MARTINE.id);
      const ids = new Set(carnets.map((b) => b.id));
      return {
        resumed,
        random,
        snapshot: await snapshotOf(stores),
        stores: {
          martineBookings: (await stores.bookings.list({ beneficiaryId: MARTINE.id }))
            .filter((b) => b.createdBy.kind === 'beneficiary')
            .map((b) => ({ id: b.id, status: b.status })),
          martineVoucherBooks: carnets.length,
          martineCounted: martine?.booksIssued,
          martineOrphans: (martine?.prescriptionIds ?? []).filter((claim) => !ids.has(claimedBookId(claim))).length,
        },
        ms: Date.now() - started,
      };
    } finally {
      await stores.close();
    }
  } finally {
    await life.current.kill();
  }
}

function summary(label: string, run: DialogRun): string {
  const r = run.random;
  return [
    `dialog crash test (${label}): ${1 + r.kills} kills, 4 conversations resumed after a kill between turns,` +
      ` ${r.turns} acknowledged turns in ${r.kills} kills mid-turn (${r.inFlightAtKills.join('/')} turns in flight at each),` +
      ` ${r.probes} conversations probed after restarts (of the turns in flight, ${r.inFlightDone} found done, ${r.inFlightUndone} not done),` +
      ` ${r.problems.length} states lost or wrong`,
    `  kills ${r.killedAfterMs.map((ms) => `${ms} ms`).join(', ')} after every conversation had a turn answered; ${(run.ms / 1000).toFixed(1)} s`,
  ].join('\n');
}

function dialogCrashSuite(makeTarget: () => Promise<Target>): void {
  let run: DialogRun | undefined;
  let target: Target | undefined;

  before(async function () {
    this.timeout(180_000);
    target = await makeTarget();
    run = await dialogCrashRun(target);
    console.log(summary(target.label, run).replace(/^/gm, '      '));
  });

  after(async () => target?.cleanUp());

  it('a message answered before the kill and sent again after it gets the same answer, from the store, and nothing runs twice', () => {
    // Before: the answers lived in the killed process's memory, and the resent message got none.
    assert.equal(run!.resumed.resentAfterRestart, run!.resumed.askedBeforeKill);
  });

  it('after the carnet number, the birth date typed after the restart identifies the person', () => {
    assert.match(run!.resumed.birthDate, /Merci, c'est bien vous\./);
    assert.equal(stateOf(run!.resumed.birthDate), 'theme');
  });

  it("at « C'est d'accord ? », « oui » after the restart books the session proposed before, once", () => {
    // On the embedded store this is the « oui » the kill interrupted mid-booking, sent again: before, « Vous avez déjà une séance à ce moment-là ».
    assert.doesNotMatch(run!.resumed.confirmation, /Vous avez déjà une séance/);
    assert.match(run!.resumed.confirmation, /C'est réservé : /);
    const confirmed = run!.stores.martineBookings.filter((b) => b.status === 'confirmed');
    assert.equal(confirmed.length, 1);
    // Alone on its store, the bot settled at start-up the booking a killed « oui » had left pending: it did not block this one.
    const others = run!.stores.martineBookings.filter((b) => b.status !== 'confirmed');
    assert.deepEqual(others, run!.resumed.interrupted ? [{ id: run!.resumed.interrupted, status: 'cancelled' }] : []);
  });

  it('in the eligibility questions, the answer after the restart goes to the next question', () => {
    assert.match(run!.resumed.eligibility, /Avez-vous 18 ans ou plus \?/);
  });

  it("at a prescription's confirmation, « oui » after the restart prescribes one carnet, counted once", () => {
    assert.match(run!.resumed.prescription, /C'est fait : carnet LOZ-/);
    assert.match(run!.resumed.prescription, /Martine Delmas en est à 2 carnets\./);
    assert.equal(run!.stores.martineVoucherBooks, 2);
    assert.equal(run!.stores.martineCounted, 2);
    assert.equal(run!.stores.martineOrphans, 0);
  });

  it('killed in the middle of turns, every conversation resumes at its last answered question (or the one in flight)', () => {
    const r = run!.random;
    assert.equal(r.problems.length, 0, `${r.problems.length} problems:\n  ${r.problems.slice(0, 20).join('\n  ')}`);
    assert.equal(r.kills, RANDOM_KILLS);
    assert.ok(r.turns > 0, 'no turn was answered');
  });

  it('afterwards the carnets balance, the slots hold, no booking is half-done', () => {
    const problems = [...unbalancedBooks(run!.snapshot), ...brokenSlots(run!.snapshot), ...halfFinished(run!.snapshot)];
    assert.equal(problems.length, 0, problems.slice(0, 20).join('\n'));
  });
}

describe('conversations resume where a SIGKILL left them (bot process)', () => {
  describe('embedded (disk)', () => {
    dialogCrashSuite(async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'pn-dialog-crash-'));
      return {
        label: 'embedded disk',
        env: { DATA_DIR: dataDir },
        store: { dataDir },
        alone: true,
        // The process seeds the demo data itself on an empty embedded store.
        prepare: async () => undefined,
        cleanUp: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    });
  });

  describe('ferretdb', () => {
    const ferretServer = withFerretDb();

    dialogCrashSuite(async () => {
      const uri = withDatabase(ferretServer().baseUri, uniqueDatabaseName('dialogcrash'));
      return {
        label: `ferretdb ${ferretServer().version}`,
        env: { MONGODB_URI: uri },
        store: { mongodbUri: uri },
        alone: false,
        // A MongoDB store is never seeded by the process (production data come from imports).
        prepare: () => seedDemoDatabase(uri),
        cleanUp: async () => undefined,
      };
    });
  });
});
