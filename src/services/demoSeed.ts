/**
 * Demo data for an empty store: the programmes, the 119 real places with
 * their roles, demo trainers and their slots over the next weeks, two Teams
 * prescribers and fictitious beneficiaries (data/demo/identities.json)
 * whose carnets show the interesting cases: hours left with a booking,
 * nearly used up, expired; and, in each programme, one booked with the
 * Teams trainer, at a session already over (to mark) and an upcoming one.
 *
 * Runs once: a marker in `meta` says it is done. Every write is idempotent
 * (fixed ids, upserts, ledger operation ids), so a seed interrupted before
 * the marker can simply run again. Every hour moved goes through the
 * repositories' atomic ledger and seat methods, so the invariants hold
 * exactly as they do for real bookings. Logs carry counts only.
 */
import { DateTime } from 'luxon';
import { parseVoucherBookNumber } from '../domain/voucherBookNumber';
import { communePosition, nearest } from '../domain/communes';
import { hoursPerBook, type Programme } from '../domain/programme';
import { voucherBookPrefix } from '../domain/programmeRules';
import type { PlaceCleaning } from '../domain/places';
import type { Actor, LedgerEntry, LedgerOperation, Place, Slot } from '../domain/types';
import { issueVoucherBook } from '../domain/voucherLedger';
import { communes } from '../data/communes';
import { loadDemoIdentities, type DemoBeneficiary, type DemoIdentities } from '../data/demoIdentities';
import { loadPlaces } from '../data/places';
import { DuplicateKeyError } from '../store/errors';
import type { Stores } from '../store/repositories';
import { BookingService } from './bookingService';
import { planTimetable, type TimetablePlan } from './demoSeedPlan';

export const SEED_MARKER = 'demo.seededAt';

const SEED: Actor = { kind: 'system', id: 'seed' };
const DAY = 24 * 3_600_000;
const SLOT_BATCH = 1000;

/** Any pino-like logger; only counts are ever passed to it. */
export interface SeedLogger {
  info(details: object, message?: string): void;
}

export interface SeedOptions {
  programmes: readonly Programme[];
  now: Date;
  logger?: SeedLogger;
  /** Weeks of slots from `now` (default 4). */
  weeks?: number;
  /** Overrides for tests; by default read from data/. */
  places?: PlaceCleaning;
  identities?: DemoIdentities;
}

export interface SeedSummary {
  /** false when the marker was already there: nothing was written. */
  seeded: boolean;
  /** When the store was seeded (now, or the earlier run). */
  seededAt: string;
  programmes: number;
  places: number;
  trainingPlaces: number;
  prescribingPlaces: number;
  rejectedPlaces: number;
  trainers: number;
  prescribers: number;
  slots: number;
  beneficiaries: number;
  voucherBooks: number;
  bookings: number;
  ms: number;
}

/** The places the demo keeps: those with a role in a programme, or in one of their départements. */
export function seededPlaces(places: readonly Place[], programmes: readonly Programme[]): Place[] {
  const departements = new Set(programmes.map((p) => p.departement.code));
  return places.filter((p) => p.programmes.length > 0 || departements.has(p.postalCode.slice(0, 2)));
}

export async function seedDemo(stores: Stores, options: SeedOptions): Promise<SeedSummary> {
  const started = Date.now();
  const previous = await stores.meta.get(SEED_MARKER);
  if (previous) {
    options.logger?.info({ seededAt: previous }, 'demo data already seeded: nothing to do');
    return { ...emptySummary(previous), ms: Date.now() - started };
  }
  const { programmes, now } = options;
  const weeks = options.weeks ?? 4;
  const identities = options.identities ?? loadDemoIdentities();
  const cleaning = options.places ?? loadPlaces(programmes);
  const places = seededPlaces(cleaning.places, programmes);

  for (const programme of programmes) await stores.programmes.upsert(programme);
  for (const place of places) await stores.places.upsert(place);

  const summary = { ...emptySummary(now.toISOString()), seeded: true, programmes: programmes.length, places: places.length };
  summary.rejectedPlaces = cleaning.rejected.length;
  summary.trainingPlaces = places.filter((p) => p.programmes.some((r) => r.roles.includes('training'))).length;
  summary.prescribingPlaces = places.filter((p) => p.programmes.some((r) => r.roles.includes('prescribing'))).length;

  const plans = new Map<string, TimetablePlan>();
  for (const programme of programmes) {
    const plan = planTimetable({
      programme,
      places,
      firstNames: identities.trainers.firstNames[programme.id] ?? ['Alex'],
      teamsAadObjectId: identities.trainers.teams.find((t) => t.programmeId === programme.id)?.aadObjectId,
      now,
      weeks,
    });
    for (const trainer of plan.trainers) await stores.trainers.upsert(trainer);
    await insertSlots(stores, plan.slots);
    plans.set(programme.id, plan);
    summary.trainers += plan.trainers.length;
    summary.slots += plan.slots.length;
  }

  const selected = new Set(programmes.map((p) => p.id));
  for (const prescriber of identities.prescribers.filter((p) => selected.has(p.programmeId))) {
    await stores.prescribers.upsert({ ...prescriber, active: true });
    summary.prescribers += 1;
  }

  for (const person of identities.beneficiaries) {
    const programme = programmes.find((p) => p.id === person.programmeId);
    if (!programme) continue;
    const prescriber = identities.prescribers.find((p) => p.programmeId === programme.id);
    const issuer: Actor = prescriber ? { kind: prescriber.role, id: prescriber.id } : SEED;
    const plan = plans.get(programme.id);
    const booked = await seedBeneficiary(stores, {
      person,
      programme,
      issuer,
      structure: prescriber?.structure,
      now,
      slots: plan?.slots ?? [],
      teams: plan?.teams,
      places,
    });
    summary.beneficiaries += 1;
    summary.voucherBooks += 1;
    summary.bookings += booked;
  }

  await stores.meta.set(SEED_MARKER, summary.seededAt);
  summary.ms = Date.now() - started;
  options.logger?.info({ ...summary }, 'demo data seeded');
  return summary;
}

function emptySummary(seededAt: string): SeedSummary {
  return {
    seeded: false,
    seededAt,
    programmes: 0,
    places: 0,
    trainingPlaces: 0,
    prescribingPlaces: 0,
    rejectedPlaces: 0,
    trainers: 0,
    prescribers: 0,
    slots: 0,
    beneficiaries: 0,
    voucherBooks: 0,
    bookings: 0,
    ms: 0,
  };
}

/** In batches; after an interrupted seed some slots exist already (fixed ids): keep going. */
async function insertSlots(stores: Stores, slots: readonly Slot[]): Promise<void> {
  for (let i = 0; i < slots.length; i += SLOT_BATCH) {
    const batch = slots.slice(i, i + SLOT_BATCH);
    try {
      await stores.slots.insertMany(batch);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      for (const slot of batch) if (!(await stores.slots.get(slot.id))) await stores.slots.insertMany([slot]);
    }
  }
}

interface BeneficiaryContext {
  person: DemoBeneficiary;
  programme: Programme;
  issuer: Actor;
  structure?: string;
  now: Date;
  slots: readonly Slot[];
  /** The Teams trainer and their sessions of the week before `now`. */
  teams?: TimetablePlan['teams'];
  places: readonly Place[];
}

/**
 * What each scenario looks like, relative to `now`. `book`: the next
 * session near home at least two days away; or, with the Teams trainer,
 * their last session before `now` (over, to mark) and their first one at
 * least two days away.
 */
const SCENARIOS = {
  'active-with-booking': { issuedDaysAgo: 21, consumed: 2, expire: false, book: 'near' },
  'nearly-used': { issuedDaysAgo: 60, consumed: 4, expire: false, book: 'none' },
  expired: { issuedDaysAgo: 400, consumed: 3, expire: true, book: 'none' },
  'with-teams-trainer': { issuedDaysAgo: 30, consumed: 1, expire: false, book: 'teams-trainer' },
} as const;

/** Writes one person, their carnet and its history. Returns how many bookings were made. */
async function seedBeneficiary(stores: Stores, ctx: BeneficiaryContext): Promise<number> {
  const { person, programme, now } = ctx;
  const scenario = SCENARIOS[person.scenario];
  const parsed = parseVoucherBookNumber(person.voucherBookNumber);
  if (!parsed.ok || parsed.prefix !== voucherBookPrefix(programme)) {
    throw new Error(`demo identity ${person.id}: carnet number does not belong to programme ${programme.id}`);
  }
  if (!(await stores.beneficiaries.get(person.id))) {
    await stores.beneficiaries.create({
      id: person.id,
      programmeId: programme.id,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      communeInsee: person.communeInsee,
      ...(person.phone ? { phone: person.phone } : {}),
      createdAt: new Date(now.getTime() - scenario.issuedDaysAgo * DAY),
      createdBy: SEED,
    });
  }

  const issuedAt = new Date(now.getTime() - scenario.issuedDaysAgo * DAY);
  const expiresAt = DateTime.fromJSDate(issuedAt).plus({ months: programme.validityMonths.value }).toJSDate();
  const hours = hoursPerBook(programme);
  const bookId = `demo-book-${person.id.replace(/^demo-beneficiary-/, '')}`;
  if (!(await stores.voucherBooks.get(bookId))) {
    const book = issueVoucherBook({
      id: bookId,
      number: parsed.number,
      programmeId: programme.id,
      beneficiaryId: person.id,
      hours,
      issuedAt,
      expiresAt,
      issuedBy: ctx.issuer,
      structure: ctx.structure,
      reason: 'demo carnet',
    });
    await stores.voucherBooks.create(book);
  }

  // Past sessions: one hour reserved then consumed a week apart each.
  for (let i = 1; i <= scenario.consumed; i += 1) {
    const at = new Date(issuedAt.getTime() + i * 7 * DAY);
    await ledger(stores, bookId, 'reserve', `seed:${bookId}:reserve:${i}`, at, 'demo past session');
    await ledger(stores, bookId, 'consume', `seed:${bookId}:consume:${i}`, at, 'demo past session');
  }
  if (scenario.expire) {
    const book = await stores.voucherBooks.get(bookId);
    if (book && book.status === 'active' && book.hoursLeft > 0) {
      await ledger(stores, bookId, 'expire', `seed:${bookId}:expire`, expiresAt, 'carnet expired', book.hoursLeft);
    }
    await stores.voucherBooks.markExpired(bookId);
  }
  if (scenario.book === 'near') return (await bookSlot(stores, ctx, bookId, chooseSlot(ctx), 'booking')) ? 1 : 0;
  if (scenario.book === 'none' || !ctx.teams) return 0;
  return (await bookWithTeamsTrainer(stores, ctx, bookId, ctx.teams)).filter(Boolean).length;
}

async function ledger(
  stores: Stores,
  bookId: string,
  operation: Exclude<LedgerOperation, 'issue'>,
  operationId: string,
  at: Date,
  reason: string,
  hours = 1,
): Promise<void> {
  const entry: LedgerEntry = { operationId, operation, hours, at, by: SEED, reason };
  const result = await stores.voucherBooks.applyEntry(bookId, entry);
  if (result.outcome !== 'applied' && result.outcome !== 'duplicate') {
    throw new Error(`demo ledger ${operation} on ${bookId} refused: ${result.outcome}`);
  }
}

/**
 * Books a session through the booking service itself (so the demo booking
 * keeps every invariant), as if on `bookedAt`. Its request id makes a
 * re-run of an interrupted seed find it instead of booking twice.
 */
async function bookSlot(
  stores: Stores,
  ctx: BeneficiaryContext,
  bookId: string,
  slot: Slot | undefined,
  name: string,
  bookedAt: Date = ctx.now,
): Promise<boolean> {
  if (!slot) return false;
  const outcome = await new BookingService(stores).book({
    requestId: `seed:demo-${name}-${ctx.person.id}`,
    beneficiaryId: ctx.person.id,
    slotId: slot.id,
    actor: SEED,
    now: bookedAt,
  });
  return outcome.outcome === 'booked';
}

/**
 * The Teams trainer's last session before `now`, booked the day before it
 * (its slot written now: the timetable offers none in the past), still to
 * mark; and their first session at least two days away.
 */
async function bookWithTeamsTrainer(
  stores: Stores,
  ctx: BeneficiaryContext,
  bookId: string,
  teams: NonNullable<TimetablePlan['teams']>,
): Promise<boolean[]> {
  const past = teams.past.at(-1);
  if (past && !(await stores.slots.get(past.id))) await stores.slots.insertMany([past]);
  const bookedBefore = past && new Date(past.start.getTime() - DAY);
  const notBefore = ctx.now.getTime() + 2 * DAY;
  const next = ctx.slots
    .filter((s) => s.trainerId === teams.trainerId && s.start.getTime() >= notBefore)
    .sort((a, b) => a.start.getTime() - b.start.getTime())[0];
  return [
    await bookSlot(stores, ctx, bookId, past, 'past-booking', bookedBefore),
    await bookSlot(stores, ctx, bookId, next, 'next-booking'),
  ];
}

function chooseSlot(ctx: BeneficiaryContext): Slot | undefined {
  const notBefore = ctx.now.getTime() + 2 * DAY;
  const upcoming = ctx.slots.filter((s) => s.start.getTime() >= notBefore);
  const withSlots = new Set(upcoming.map((s) => s.placeId));
  const commune = communes().getByInsee(ctx.person.communeInsee);
  const origin = commune ? communePosition(commune) : undefined;
  const candidates = ctx.places.filter((p) => withSlots.has(p.id));
  const place = origin ? nearest(origin, candidates, (p) => ({ lat: p.latitude, lng: p.longitude }), { limit: 1 })[0]?.item : candidates[0];
  const atPlace = upcoming.filter((s) => s.placeId === place?.id);
  return atPlace.sort((a, b) => a.start.getTime() - b.start.getTime())[0];
}
