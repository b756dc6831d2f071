import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { checkOpeningHours, isOpenAt, isValidOpeningHours, openIntervals } from '../../src/domain/openingHours';

const iso = (list: { start: Date; end: Date }[]) => list.map((i) => `${i.start.toISOString()}/${i.end.toISOString()}`);

/** Cases evaluated in this process and in child processes with other TZ values. */
const CASES: [string, string, string][] = [
  // Spring forward in Paris: Sunday 2026-03-29 at 02:00 → 03:00.
  ['Mo-Su 09:00-12:00', '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z'],
  ['Mo-Su 01:00-04:00', '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z'],
  // Fall back: Sunday 2026-10-25 at 03:00 → 02:00.
  ['Mo-Su 09:00-12:00', '2026-10-23T00:00:00Z', '2026-10-27T00:00:00Z'],
  ['Mo-Fr 08:30-12:00,13:30-17:00; We off', '2026-06-01T00:00:00Z', '2026-06-08T00:00:00Z'],
  ['Sa 22:00-24:00; Su 00:00-02:00', '2026-06-06T00:00:00Z', '2026-06-08T00:00:00Z'],
];

describe('opening hours (Europe/Paris)', () => {
  it('validates with the opening_hours library', () => {
    assert.ok(isValidOpeningHours('Tu 08:30-12:30; We 08:30-12:30,13:15-17:00; Th-Sa 08:30-12:30'));
    assert.ok(isValidOpeningHours('Mo-Fr 09:00-12:00; PH off'), 'French public holidays known');
    const bad = checkOpeningHours('Tu 09:00-12:00-16:30');
    assert.equal(bad.ok, false);
    assert.equal(checkOpeningHours('').ok, false);
  });

  it('gives Paris wall-clock hours as instants on both sides of the spring DST change', () => {
    assert.deepEqual(iso(openIntervals('Mo-Su 09:00-12:00', new Date('2026-03-28T00:00:00Z'), new Date('2026-03-30T00:00:00Z'))), [
      '2026-03-28T08:00:00.000Z/2026-03-28T11:00:00.000Z', // CET, UTC+1
      '2026-03-29T07:00:00.000Z/2026-03-29T10:00:00.000Z', // CEST, UTC+2
    ]);
  });

  it('opens for two real hours on the night that skips one', () => {
    const [night] = openIntervals('Mo-Su 01:00-04:00', new Date('2026-03-28T12:00:00Z'), new Date('2026-03-29T12:00:00Z'));
    assert.equal(night?.start.toISOString(), '2026-03-29T00:00:00.000Z');
    assert.equal(night?.end.toISOString(), '2026-03-29T02:00:00.000Z');
  });

  it('follows the autumn DST change', () => {
    assert.deepEqual(iso(openIntervals('Mo-Su 09:00-12:00', new Date('2026-10-24T00:00:00Z'), new Date('2026-10-26T00:00:00Z'))), [
      '2026-10-24T07:00:00.000Z/2026-10-24T10:00:00.000Z',
      '2026-10-25T08:00:00.000Z/2026-10-25T11:00:00.000Z',
    ]);
  });

  it('clips to the window and merges touching intervals', () => {
    const from = new Date('2026-06-03T08:00:00Z'); // Wednesday 10:00 in Paris
    const to = new Date('2026-06-03T14:00:00Z');
    assert.deepEqual(iso(openIntervals('We 09:30-13:00,13:00-18:30', from, to)), [`${from.toISOString()}/${to.toISOString()}`]);
    assert.deepEqual(openIntervals('We 09:30-13:00', to, from), []);
  });

  it('answers "open now?" in Paris time', () => {
    assert.equal(isOpenAt('Mo-Fr 09:00-12:00', new Date('2026-06-01T07:30:00Z')), true); // Monday 09:30
    assert.equal(isOpenAt('Mo-Fr 09:00-12:00', new Date('2026-06-01T06:30:00Z')), false); // Monday 08:30
    assert.equal(isOpenAt('Mo-Fr 09:00-12:00', new Date('2026-01-05T08:30:00Z')), true); // winter Monday 09:30
  });

  it('gives the same instants whatever the process time zone', function () {
    this.timeout(30_000);
    const modulePath = path.resolve(__dirname, '../../src/domain/openingHours.js');
    const script = `
      const { openIntervals } = require(${JSON.stringify(modulePath)});
      const cases = ${JSON.stringify(CASES)};
      const out = cases.map(([v, f, t]) => openIntervals(v, new Date(f), new Date(t)).map((i) => i.start.toISOString() + '/' + i.end.toISOString()));
      process.stdout.write(JSON.stringify(out));
    `;
    const here = CASES.map(([v, f, t]) => iso(openIntervals(v, new Date(f), new Date(t))));
    for (const zone of ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Pacific/Auckland']) {
      const output = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
      assert.deepEqual(JSON.parse(output), here, `TZ=${zone}`);
    }
    assert.equal(here[0].length, 4);
  });
});
