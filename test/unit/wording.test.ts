import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { french } from '../../src/i18n';
import {
  formatCalendarDate,
  formatDate,
  formatDayNoted,
  formatSlotStart,
  formatSlotStartFrom,
  formatSlotStartShort,
  lowerFirst,
} from '../../src/wording';

const t = french();
/** luxon in Europe/Paris, but « 1er » for the first of a month (French usage). */
const luxon = (date: Date, pattern: string) => {
  const day = DateTime.fromJSDate(date, { zone: 'Europe/Paris' }).setLocale('fr');
  return day.day === 1 ? day.toFormat(pattern).replace(/(^|\D)1(?= )/, '$11er') : day.toFormat(pattern);
};

/** Every 97 minutes over a year and a half: both changes of time, the year's end, a leap day. */
const instants = Array.from({ length: 8_000 }, (_, i) => new Date(Date.UTC(2027, 0, 1) + i * 97 * 60_000));

describe('sessions and dates in words (src/wording.ts, formatted once an instant)', () => {
  it('says what luxon says in Europe/Paris, first call and again', () => {
    for (const date of instants) {
      const paris = DateTime.fromJSDate(date, { zone: 'Europe/Paris' });
      const short = paris.minute === 0 ? t('formats.session_short') : t('formats.session_short_minutes');
      const long = paris.minute === 0 ? t('formats.session') : t('formats.session_minutes');
      for (let again = 0; again < 2; again += 1) {
        assert.equal(formatSlotStart(date, t), luxon(date, long), date.toISOString());
        assert.equal(formatSlotStartShort(date, t), luxon(date, short), date.toISOString());
        assert.equal(formatDate(date, t), luxon(date, t('formats.date')), date.toISOString());
      }
    }
  });

  it('writes the first of a month « 1er », in every format, and no other day so', () => {
    assert.equal(formatDate(new Date('2026-11-01T10:00:00Z'), t), '1er novembre 2026');
    assert.equal(formatSlotStart(new Date('2027-03-01T09:00:00Z'), t), 'lundi 1er mars à 10 h');
    assert.equal(formatSlotStartShort(new Date('2027-03-01T09:30:00Z'), t), 'lun. 1er mars 10 h 30');
    assert.equal(formatSlotStart(new Date('2027-03-11T09:00:00Z'), t), 'jeudi 11 mars à 10 h');
    assert.equal(formatDate(new Date('2026-12-21T10:00:00Z'), t), '21 décembre 2026');
  });

  it('reads « mardi 2 mars à 10 h » for a session at 9:00 UTC in winter, 10 h at 8:00 UTC in summer', () => {
    assert.equal(formatSlotStart(new Date('2027-03-02T09:00:00Z'), t), 'mardi 2 mars à 10 h');
    assert.equal(formatSlotStart(new Date('2027-07-06T08:00:00Z'), t), 'mardi 6 juillet à 10 h');
  });

  it('writes minutes the French way, « 14 h 30 », on buttons too', () => {
    assert.equal(formatSlotStart(new Date('2027-03-02T13:30:00Z'), t), 'mardi 2 mars à 14 h 30');
    assert.equal(formatSlotStartShort(new Date('2027-03-02T13:30:00Z'), t), 'mar. 2 mars 14 h 30');
    assert.equal(formatSlotStartShort(new Date('2027-03-02T13:00:00Z'), t), 'mar. 2 mars 14 h');
  });
});

describe('days counted from today, in words (src/wording.ts)', () => {
  const now = new Date('2026-12-02T08:37:00+01:00');
  it("« hier », « aujourd'hui », « demain » near today, the day in words further, the year when it is another", () => {
    assert.equal(formatSlotStartFrom(new Date('2026-12-01T14:00:00+01:00'), now, t), 'hier à 14 h');
    assert.equal(formatSlotStartFrom(new Date('2026-12-02T09:30:00+01:00'), now, t), "aujourd'hui à 9 h 30");
    assert.equal(formatSlotStartFrom(new Date('2026-12-03T10:00:00+01:00'), now, t), 'demain à 10 h');
    assert.equal(formatSlotStartFrom(new Date('2026-12-04T09:00:00+01:00'), now, t), 'vendredi 4 décembre à 9 h');
    assert.equal(formatSlotStartFrom(new Date('2025-03-03T14:00:00+01:00'), now, t), '3 mars 2025 à 14 h');
    assert.equal(formatDayNoted(new Date('2026-12-01T00:00:00+01:00'), now, t), 'mardi 1er décembre (hier)');
    assert.equal(formatCalendarDate('1949-11-03', t), '3 novembre 1949');
  });

  it('counts days on the Paris calendar: on 31 December, 1 January is « demain »', () => {
    const newYearsEve = new Date('2026-12-31T23:30:00+01:00');
    assert.equal(formatSlotStartFrom(new Date('2027-01-01T09:00:00+01:00'), newYearsEve, t), 'demain à 9 h');
  });
});

describe('a label inside a sentence (lowerFirst)', () => {
  it("« C'est noté : les bases … »: a label's capital is lowered mid-sentence", () => {
    assert.equal(lowerFirst('Les bases : ordinateur, téléphone, mails'), 'les bases : ordinateur, téléphone, mails');
  });

  it('keeps an acronym as it is (« PAC et MSA », not « pAC »)', () => {
    assert.equal(lowerFirst('PAC et MSA en ligne'), 'PAC et MSA en ligne');
  });
});
