/**
 * « jeudi prochain » said on Wednesday 2 December 2026 was read as tomorrow,
 * Thursday 3, and booked as such (a stranger's, issue 14). In French the
 * words mean « the coming Thursday » to some and « Thursday of next week »
 * to others when the coming one is tomorrow or in this very week (« demain »
 * or « ce jeudi » would have said it): both are kept, and the booking asks.
 * Read with the clock on several days.
 */
import assert from 'node:assert/strict';
import { sessionNamedByMoment } from '../../dialogs/sessionByMoment';
import { readingsOf, readWhen } from '../../src/nlu/whenEntity';

const day = (iso: string) => iso.slice(0, 10);
/** The days « text » may mean, said at `now` (Paris). */
function daysMeant(text: string, now: string): string[] {
  const when = readWhen(text, { now: new Date(now) });
  assert.ok(when, `${text} is a moment`);
  return readingsOf(when).map((reading) => day(reading.start));
}

describe('« jeudi prochain »: the coming Thursday or the one after, by the day it is said', () => {
  it('on Wednesday 2 December, « jeudi prochain » is tomorrow 3 or Thursday 10', () => {
    assert.deepEqual(daysMeant('jeudi prochain', '2026-12-02T08:37:00+01:00'), ['2026-12-03', '2026-12-10']);
    assert.deepEqual(daysMeant('je voudrais un rdv jeudi prochain', '2026-12-02T08:37:00+01:00'), ['2026-12-03', '2026-12-10']);
  });

  it('keeps the hour and the part of the day in both', () => {
    const at = readWhen('jeudi prochain a 14h', { now: new Date('2026-12-02T08:37:00+01:00') })!;
    assert.deepEqual(
      readingsOf(at).map((r) => [r.start, r.grain]),
      [
        ['2026-12-03T14:00:00+01:00', 'instant'],
        ['2026-12-10T14:00:00+01:00', 'instant'],
      ],
    );
    const afternoon = readWhen('jeudi prochain aprem', { now: new Date('2026-12-02T08:37:00+01:00') })!;
    assert.deepEqual(
      readingsOf(afternoon).map((r) => [r.start, r.partOfDay]),
      [
        ['2026-12-03T12:00:00+01:00', 'afternoon'],
        ['2026-12-10T12:00:00+01:00', 'afternoon'],
      ],
    );
    assert.ok(readingsOf(afternoon).every((r) => !r.orWeekAfter));
  });

  it('on a Wednesday, « samedi prochain » (this week) is Saturday 5 or 12; « mardi prochain » (next week already) is only Tuesday 8', () => {
    assert.deepEqual(daysMeant('samedi prochain', '2026-12-02T08:37:00+01:00'), ['2026-12-05', '2026-12-12']);
    assert.deepEqual(daysMeant('mardi prochain', '2026-12-02T08:37:00+01:00'), ['2026-12-08']);
  });

  it('on a Thursday, « jeudi prochain » is next week’s only; on a Wednesday, « mercredi prochain » too', () => {
    assert.deepEqual(daysMeant('jeudi prochain', '2026-12-03T10:00:00+01:00'), ['2026-12-10']);
    assert.deepEqual(daysMeant('mercredi prochain', '2026-12-02T08:37:00+01:00'), ['2026-12-09']);
  });

  it('on Sunday 6 December, « lundi prochain » is tomorrow 7 or Monday 14', () => {
    assert.deepEqual(daysMeant('lundi prochain', '2026-12-06T10:00:00+01:00'), ['2026-12-07', '2026-12-14']);
  });

  it('on Monday 7 December, « jeudi prochain » is Thursday 10 (this week) or 17', () => {
    assert.deepEqual(daysMeant('jeudi prochain', '2026-12-07T10:00:00+01:00'), ['2026-12-10', '2026-12-17']);
  });

  it('across a month and a year: on Wednesday 30 December, Thursday 31 or 7 January', () => {
    assert.deepEqual(daysMeant('jeudi prochain', '2026-12-30T08:37:00+01:00'), ['2026-12-31', '2027-01-07']);
  });

  it('across the change to summer time, the week after keeps the hour said', () => {
    // Wednesday 24 March 2027; clocks go forward on Sunday 28 March.
    const at = readWhen('samedi prochain 10h', { now: new Date('2027-03-24T09:00:00+01:00') })!;
    assert.deepEqual(
      readingsOf(at).map((r) => r.start),
      ['2027-03-27T10:00:00+01:00', '2027-04-03T10:00:00+02:00'],
    );
  });

  it('« jeudi » alone, « demain », « jeudi 10 » mean one day', () => {
    const now = '2026-12-02T08:37:00+01:00';
    assert.deepEqual(daysMeant('jeudi', now), ['2026-12-03']);
    assert.deepEqual(daysMeant('demain', now), ['2026-12-03']);
    assert.deepEqual(daysMeant('jeudi 10', now), ['2026-12-10']);
    assert.deepEqual(daysMeant('à partir de jeudi prochain', now), ['2026-12-03']);
  });

  it('« celle de vendredi prochain » names the one session on either Friday, and none when both have one', () => {
    const now = new Date('2026-12-02T08:37:00+01:00');
    const friday4 = '2026-12-04T09:00:00+01:00';
    const tuesday8 = '2026-12-08T10:00:00+01:00';
    const friday11 = '2026-12-11T14:00:00+01:00';
    assert.equal(sessionNamedByMoment('celle de vendredi prochain', [tuesday8, friday4], now), 1);
    assert.equal(sessionNamedByMoment('celle de vendredi prochain', [tuesday8, friday11], now), 1);
    assert.equal(sessionNamedByMoment('celle de vendredi prochain', [friday4, friday11], now), undefined);
  });
});
