/**
 * A professional only ever reads their own programme: the admin CLI took a
 * Drôme trainer with a Lozère place, « séances de la semaine » then listed
 * « Martine D. », and the audit said ok (issue 16, medium 5). Registering
 * refuses a place of another programme; a session read filters what is not
 * the professional's programme and audits it as refused.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadProgrammes } from '../../src/data/programmes';
import type { Professional } from '../../src/domain/professional';
import { seedDemo } from '../../src/services/demoSeed';
import { openStores } from '../../src/store/openStores';
import { testNow } from '../support/clock';
import { proFixture, type ProFixture } from '../pro/proFixture';
import { MARTINE } from '../support/personas';

const ROOT = resolve(__dirname, '..', '..', '..');
const AAD = '12345678-1234-4234-8234-123456789abd';

describe('a professional reads only their programme', function () {
  this.timeout(90_000);

  describe('npm run admin add --role trainer', () => {
    let dir: string;
    let lozerePlace: string;
    let dromePlace: string;
    const admin = (...args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'admin.js'), ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', DATA_DIR: dir },
        encoding: 'utf8',
      });

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'admin-places-'));
      const stores = await openStores({ dataDir: dir });
      await seedDemo(stores, { programmes: loadProgrammes(['lozere', 'drome']), now: testNow() });
      lozerePlace = (await stores.trainers.get('demo-trainer-lozere-01'))!.placeIds[0]!;
      dromePlace = (await stores.trainers.get('demo-trainer-drome-01'))!.placeIds[0]!;
      await stores.close();
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('refuses a Drôme trainer with a Lozère place (exit 2, one line), and registers nobody', () => {
      const result = admin('add', '--role', 'trainer', '--programme', 'drome', '--name', 'Zoé', '--aad', AAD, '--places', lozerePlace);
      assert.equal(result.status, 2, result.stdout);
      assert.match(result.stderr, new RegExp(`--places: place "${lozerePlace}" is not a place of programme "drome"`));
      assert.doesNotMatch(admin('list', '--programme', 'drome').stdout, /Zoé/);
    });

    it('registers a Drôme trainer with a Drôme place', () => {
      const result = admin('add', '--role', 'trainer', '--programme', 'drome', '--name', 'Zoé', '--aad', AAD, '--places', dromePlace);
      assert.equal(result.status, 0, result.stderr);
    });
  });

  describe('every read of sessions', () => {
    let fixture: ProFixture;
    before(async () => {
      fixture = await proFixture();
    });
    after(async () => fixture.close());

    it('a Drôme trainer registered earlier with a Lozère place sees no Lozère booking, and the audit says refused', async () => {
      const lozerePlace = fixture.people.trainer.lozere.placeIds[0];
      const bookingId = await fixture.pastBooking('lozere', lozerePlace, MARTINE.id, 24);
      const intruder: Professional = { ...fixture.people.trainer.drome, id: 'drome-trainer-with-lozere-place', placeIds: [lozerePlace] };
      const outcome = await fixture.pro.attendance.bookingsToMark(fixture.ctx(intruder), 'week', testNow());
      assert.equal(outcome.outcome, 'bookings');
      const listed = outcome.outcome === 'bookings' ? outcome.bookings : [];
      assert.ok(
        listed.every((s) => s.booking.programmeId === 'drome'),
        JSON.stringify(listed.map((s) => s.booking.id)),
      );
      const events = await fixture.stores.audit.list({ actorId: intruder.id });
      const aboutMartine = events.filter((e) => e.subject.id === MARTINE.id);
      assert.ok(aboutMartine.length > 0, 'the attempt is audited');
      assert.ok(
        aboutMartine.every((e) => e.details?.outcome === 'refused' && e.details?.reason === 'other_programme'),
        JSON.stringify(aboutMartine),
      );
      // Marking that booking is refused too.
      const marked = await fixture.pro.attendance.record(
        fixture.ctx(intruder),
        bookingId,
        true,
        new Date(testNow().getTime() + 48 * 3_600_000),
      );
      assert.equal(marked.outcome, 'refused');
    });
  });
});
