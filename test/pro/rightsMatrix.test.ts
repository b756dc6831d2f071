/**
 * The rights matrix, cell by cell, through the real services: every role
 * (and "not a professional") × every action × own / other programme × Teams,
 * Web Chat and SMS. Each cell asserts what is shown or that it is refused,
 * and that the access was audited either way.
 */
import assert from 'node:assert/strict';
import { decide, PRO_ACTIONS, type ProAction, type ProRole } from '../../src/domain/rights';
import type { Professional } from '../../src/domain/professional';
import { type ProFixture, proFixture } from './proFixture';
import { GERARD, MARTINE } from '../support/personas';
import { testNow } from '../support/clock';
import { lockForGood } from '../support/lockForGood';
import { IdentityGuard } from '../../src/services/identityGuard';

/** The expected grants, written out independently of domain/rights.ts. */
const EXPECTED: Record<ProRole, ProAction[]> = {
  prescriber: ['beneficiary.search', 'beneficiary.view', 'voucherBook.prescribe', 'voucherBook.unlock'],
  trainer: ['sessions.view', 'attendance.record'],
  coordinator: [
    'beneficiary.search',
    'beneficiary.view',
    'voucherBook.prescribe',
    'voucherBook.unlock',
    'sessions.view',
    'attendance.record',
    'audit.view',
    'figures.view',
  ],
};
const ROLES = ['prescriber', 'coordinator', 'trainer', 'none'] as const;
const SCOPES = ['own', 'other'] as const;
const CHANNELS = ['msteams', 'webchat', 'sms'] as const;

const shouldShow = (role: (typeof ROLES)[number], action: ProAction, scope: string, channel: string) =>
  channel === 'msteams' && role !== 'none' && EXPECTED[role].includes(action) && scope === 'own';

describe('rights matrix', function () {
  this.timeout(120_000);
  let f: ProFixture;
  const results = { cells: 0, shown: 0, refused: 0 };

  before(async () => {
    f = await proFixture();
  });
  after(async () => {
    await f.close();
    console.log(`      rights matrix: ${results.cells} cells, ${results.shown} shown, ${results.refused} refused`);
  });

  describe('the pure decision', () => {
    for (const role of ROLES)
      for (const action of PRO_ACTIONS)
        for (const scope of SCOPES)
          for (const channel of CHANNELS) {
            const show = shouldShow(role, action, scope, channel);
            it(`${role} × ${action} × ${scope} × ${channel}: ${show ? 'allowed' : 'refused'}`, () => {
              const decision = decide({ channelId: channel, role: role === 'none' ? undefined : role, action, scope });
              assert.equal(decision.allowed, show);
            });
          }
  });

  describe('through the services, with an audit event for every access', () => {
    /** The Lozère professional of each role; "own" subjects are Lozère's, "other" Drôme's. */
    const who = (role: (typeof ROLES)[number]): Professional | undefined => (role === 'none' ? undefined : f.people[role].lozere);

    /**
     * The person the cell is about: Martine (own) or Gérard (other), but for
     * a cell that books a session, someone new of that programme — every cell
     * books at the same hour, and a person is never in two sessions at once.
     */
    async function subjectOf(action: ProAction, scope: 'own' | 'other'): Promise<string> {
      const known = scope === 'own' ? MARTINE : GERARD;
      return action === 'sessions.view' || action === 'attendance.record' ? f.newBeneficiary(known.programmeId) : known.id;
    }

    /** Runs the action; true when the subject's data was shown / the change made. */
    async function attempt(
      pro: Professional | undefined,
      channel: string,
      action: ProAction,
      scope: 'own' | 'other',
      subjectId: string,
    ): Promise<boolean> {
      const ctx = f.ctx(pro, channel);
      const subject = scope === 'own' ? MARTINE : GERARD;
      switch (action) {
        case 'beneficiary.search': {
          const r = await f.pro.lookup.search(ctx, { voucherBookNumber: subject.voucherBookNumber });
          return r.outcome === 'found' && r.matches.some((m) => m.id === subject.id);
        }
        case 'beneficiary.view':
          return (await f.pro.lookup.file(ctx, subject.id, testNow())).outcome === 'file';
        case 'voucherBook.prescribe':
          return (
            (await f.pro.prescription.prescribe(ctx, { requestId: `matrix-${Math.random()}`, beneficiaryId: subject.id, now: testNow() }))
              .outcome === 'prescribed'
          );
        case 'sessions.view': {
          // Booked sessions of the subject's programme at a Lozère / Drôme trainer's place.
          const place = f.people.trainer[scope === 'own' ? 'lozere' : 'drome'].placeIds[0];
          const bookingId = await f.pastBooking(scope === 'own' ? 'lozere' : 'drome', place, subjectId, 0.5);
          const r = await f.pro.attendance.bookingsToMark(ctx, 'today', testNow());
          return r.outcome === 'bookings' && r.bookings.some((s) => s.booking.id === bookingId);
        }
        case 'attendance.record': {
          const place = f.people.trainer[scope === 'own' ? 'lozere' : 'drome'].placeIds[0];
          const bookingId = await f.pastBooking(scope === 'own' ? 'lozere' : 'drome', place, subjectId);
          return (await f.pro.attendance.record(ctx, bookingId, true, testNow())).outcome === 'recorded';
        }
        case 'voucherBook.unlock': {
          const guard = new IdentityGuard(f.stores.counters);
          await lockForGood(guard, subject.voucherBookNumber);
          const unlocked = (await f.pro.unlock.unlock(ctx, subject.id)).outcome === 'unlocked';
          const stillLocked = await guard.isLockedForGood(subject.voucherBookNumber);
          await guard.unlock(subject.voucherBookNumber); // the next cell starts unlocked
          return unlocked && !stillLocked;
        }
        case 'audit.view':
          return (await f.pro.accessLog.forCoordinator(ctx, subject.id)).outcome === 'entries';
        case 'figures.view':
          return (await f.pro.figures.report(ctx, scope === 'own' ? 'lozere' : 'drome', '2026-01-01', '2026-12-31')).outcome === 'report';
      }
    }

    for (const role of ROLES)
      for (const action of PRO_ACTIONS)
        for (const scope of SCOPES)
          for (const channel of CHANNELS) {
            const show = shouldShow(role, action, scope, channel);
            it(`${role} × ${action} × ${scope} programme × ${channel}: ${show ? 'shown' : 'refused'}`, async () => {
              const pro = who(role);
              const before = new Set((await f.stores.audit.list({})).map((e) => e.id));
              const subjectId = await subjectOf(action, scope);
              const shown = await attempt(pro, channel, action, scope, subjectId);
              assert.equal(shown, show);
              const events = (await f.stores.audit.list({})).filter((e) => !before.has(e.id));
              const mine = events.filter(
                (e) => e.details?.channel === channel && (pro ? e.actor.id === pro.id : e.actor.kind === 'system'),
              );
              // A session list only ever reads the professional's own programme: the other
              // programme's sessions are not refused one by one, they are simply not there.
              const listedOwnOnly = action === 'sessions.view' && scope === 'other' && shouldShow(role, action, 'own', channel);
              if (listedOwnOnly) {
                assert.ok(!events.some((e) => e.subject.id === subjectId), 'nothing of the other programme was read');
              } else {
                assert.ok(mine.length >= 1, 'the access is audited');
                if (!show)
                  assert.ok(
                    mine.some((e) => e.details?.outcome === 'refused'),
                    'the refusal is audited',
                  );
                // The figures are about the programme; everything else about a beneficiary.
                const named = action === 'figures.view' ? 'lozere' : subjectId;
                if (show)
                  assert.ok(
                    mine.some((e) => e.subject.id === named && e.details?.outcome === 'ok'),
                    'the access names its subject',
                  );
              }
              results.cells += 1;
              if (shown) results.shown += 1;
              else results.refused += 1;
            });
          }
  });
});
