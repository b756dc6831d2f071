import assert from 'node:assert/strict';
import { DateTime, IANAZone, Settings } from 'luxon';
import { luxonZoneOffset, rememberZoneOffsets } from '../../src/domain/zoneOffsets';

const MINUTE = 60_000;

describe('time-zone offsets remembered per hour (src/domain/zoneOffsets.ts)', () => {
  before(() => rememberZoneOffsets());

  for (const name of ['Europe/Paris', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Indian/Reunion']) {
    it(`gives luxon's own offsets in ${name}, every 47 minutes over three years and around each change`, () => {
      const zone = IANAZone.create(name);
      const from = Date.parse('2025-01-01T00:00:00Z');
      const to = Date.parse('2028-01-01T00:00:00Z');
      for (let ts = from; ts < to; ts += 47 * MINUTE + 13_001)
        assert.equal(zone.offset(ts), luxonZoneOffset(zone, ts), new Date(ts).toISOString());
      // Every 10 s of the hours around every change of the period (Lord Howe changes by 30 minutes, on the half hour).
      let before = luxonZoneOffset(zone, from);
      for (let ts = from; ts < to; ts += 120 * MINUTE) {
        const now = luxonZoneOffset(zone, ts);
        if (now !== before) {
          for (let s = ts - 2 * 3_600_000; s < ts + 3_600_000; s += 10_001)
            assert.equal(zone.offset(s), luxonZoneOffset(zone, s), new Date(s).toISOString());
        }
        before = now;
      }
    });
  }

  it('gives the old offsets too (Paris before 1911: +0:09:21, birth dates of 1949)', () => {
    const zone = IANAZone.create('Europe/Paris');
    for (const iso of [
      '1890-06-01T12:00:00Z',
      '1911-03-11T00:00:00Z',
      '1911-03-10T23:50:39Z',
      '1945-09-16T01:30:00Z',
      '1949-11-03T00:00:00Z',
    ]) {
      const ts = Date.parse(iso);
      for (let s = ts - 3_600_000; s < ts + 3_600_000; s += 61_000)
        assert.equal(zone.offset(s), luxonZoneOffset(zone, s), new Date(s).toISOString());
    }
  });

  it('leaves luxon reading Paris dates as before (DST changes of 2026: luxon takes the later 02:30 in October)', () => {
    // Which 02:30 of the October night luxon takes depends on the offset of « now » (its first guess): a real clock in
    // summer time gave the earlier one. The test clock's winter instant, as every test does.
    const realNow = Settings.now;
    Settings.now = () => Date.parse('2026-12-02T07:37:00Z');
    try {
      assert.equal(DateTime.fromISO('2026-03-29T02:30', { zone: 'Europe/Paris' }).toISO(), '2026-03-29T03:30:00.000+02:00');
      assert.equal(DateTime.fromISO('2026-10-25T02:30', { zone: 'Europe/Paris' }).toISO(), '2026-10-25T02:30:00.000+01:00');
      assert.equal(
        DateTime.fromMillis(Date.parse('2026-10-25T01:00:00Z'), { zone: 'Europe/Paris' }).toISO(),
        '2026-10-25T02:00:00.000+01:00',
      );
    } finally {
      Settings.now = realNow;
    }
  });

  it('gives NaN for an invalid zone, as luxon does', () => {
    assert.ok(Number.isNaN(IANAZone.create('Fantasia/Castle').offset(0)));
  });
});
