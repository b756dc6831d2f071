import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { publicHolidayOn, publicHolidays } from '../../src/domain/holidays';
import { isOpenAt } from '../../src/domain/openingHours';
import {
  describeNextOpening,
  describeOpeningStatus,
  describeWeekHours,
  openingStatus,
  weekdaysWords,
} from '../../src/domain/openingHoursWords';
import { french } from '../../src/i18n';

const t = french();
/** A Paris wall-clock time as an instant. */
const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toJSDate();
const HOURS = 'Tu,Th 09:00-12:00,14:00-17:00; Sa 09:00-12:00';

describe('opening hours in words', () => {
  describe('now', () => {
    it('says open and when it closes', () => {
      assert.equal(describeOpeningStatus(HOURS, paris('2026-03-24T15:10'), t), 'ouvert maintenant, ferme à 17 h');
      assert.equal(describeOpeningStatus('Mo 08:30-12:15', paris('2026-03-23T11:00'), t), 'ouvert maintenant, ferme à 12 h 15');
    });

    it('says closed and when it opens: today, tomorrow, a weekday, a date', () => {
      assert.equal(describeOpeningStatus(HOURS, paris('2026-03-24T12:30'), t), "fermé, ouvre aujourd'hui à 14 h");
      assert.equal(describeOpeningStatus(HOURS, paris('2026-03-25T18:00'), t), 'fermé, ouvre demain à 9 h');
      assert.equal(describeOpeningStatus(HOURS, paris('2026-03-21T13:00'), t), 'fermé, ouvre mardi à 9 h');
      assert.equal(describeOpeningStatus('Mo 14:00-16:00', paris('2026-03-19T10:00'), t), 'fermé, ouvre lundi à 14 h');
      assert.equal(describeNextOpening('Mo 14:00-16:00', paris('2026-03-19T10:00'), t), 'ouvre lundi à 14 h');
    });

    it('says so when nothing opens within two weeks', () => {
      assert.equal(
        describeOpeningStatus('2026 Jan 05 09:00-12:00', paris('2026-03-19T10:00'), t),
        "fermé, pas d'ouverture prévue dans les 2 prochaines semaines",
      );
    });
  });

  describe('across the daylight-saving changes (Europe/Paris)', () => {
    it('spring forward (29 March 2026): the Monday opening is 9 h Paris, 7:00 UTC', () => {
      const saturday = paris('2026-03-28T18:00');
      const status = openingStatus('Mo-Sa 09:00-17:00', saturday);
      assert.equal(status.open, false);
      assert.equal(!status.open && status.opensAt?.toISOString(), '2026-03-30T07:00:00.000Z');
      assert.equal(describeOpeningStatus('Mo-Sa 09:00-17:00', saturday, t), 'fermé, ouvre lundi à 9 h');
      assert.equal(describeOpeningStatus('Mo-Sa 09:00-17:00', new Date('2026-03-30T14:30:00Z'), t), 'ouvert maintenant, ferme à 17 h');
    });

    it('fall back (25 October 2026): the Monday opening is 9 h Paris, 8:00 UTC', () => {
      const status = openingStatus('Mo-Sa 09:00-17:00', paris('2026-10-24T18:00'));
      assert.equal(!status.open && status.opensAt?.toISOString(), '2026-10-26T08:00:00.000Z');
      assert.equal(describeOpeningStatus('Mo-Sa 09:00-17:00', new Date('2026-10-26T15:30:00Z'), t), 'ouvert maintenant, ferme à 17 h');
      assert.equal(describeOpeningStatus('Mo-Sa 09:00-17:00', new Date('2026-10-26T16:30:00Z'), t), 'fermé, ouvre demain à 9 h');
    });

    it('"open now" agrees with the OSM evaluation every half hour of both DST weeks', () => {
      const hoursList = [HOURS, 'Mo-Fr 08:30-12:00,13:30-17:00; PH off', 'Su 01:00-04:00; We 22:00-23:30'];
      for (const start of ['2026-03-25T00:00', '2026-10-21T00:00']) {
        for (let q = 0; q < 7 * 24 * 2; q += 1) {
          const at = new Date(paris(start).getTime() + q * 30 * 60_000);
          for (const hours of hoursList) {
            const status = openingStatus(hours, at);
            assert.equal(status.open, isOpenAt(hours, at), `${hours} at ${at.toISOString()}`);
            if (status.open) assert.equal(isOpenAt(hours, new Date(status.closesAt.getTime() - 60_000)), true);
            if (status.open) assert.equal(isOpenAt(hours, status.closesAt), false);
            if (!status.open && status.opensAt) assert.equal(isOpenAt(hours, status.opensAt), true);
          }
        }
      }
    });
  });

  describe('public holidays', () => {
    it('knows the metropolitan French holidays of 2026', () => {
      assert.deepEqual(
        publicHolidays(2026).map((h) => h.date),
        [
          '2026-01-01',
          '2026-04-06',
          '2026-05-01',
          '2026-05-08',
          '2026-05-14',
          '2026-05-25',
          '2026-07-14',
          '2026-08-15',
          '2026-11-01',
          '2026-11-11',
          '2026-12-25',
        ],
      );
      assert.equal(publicHolidayOn('2026-05-14')?.name, 'Ascension');
      assert.equal(publicHolidayOn('2026-05-15'), undefined);
    });

    it('follows "PH off" on 1 May: closed, opens on Monday', () => {
      assert.equal(describeOpeningStatus('Mo-Fr 09:00-12:00; PH off', paris('2026-05-01T10:00'), t), 'fermé, ouvre lundi à 9 h');
    });

    it('gives the usual week even when a holiday falls in it', () => {
      // Ascension, Thursday 14 May 2026: the usual Thursday is still there.
      assert.equal(describeWeekHours('Mo-Fr 09:00-12:00; PH off', paris('2026-05-11T08:00'), t), 'lun.-ven. 9 h-12 h');
    });
  });

  describe('the week in short words for SMS', () => {
    it('groups days with the same hours', () => {
      assert.equal(describeWeekHours(HOURS, paris('2026-03-19T10:00'), t), 'mar. et jeu. 9 h-12 h, 14 h-17 h ; sam. 9 h-12 h');
      assert.equal(
        describeWeekHours('Mo-Fr 08:30-12:00,13:30-17:00; Sa 09:00-12:15', paris('2026-03-19T10:00'), t),
        'lun.-ven. 8 h 30-12 h, 13 h 30-17 h ; sam. 9 h-12 h 15',
      );
      assert.equal(
        describeWeekHours('Mo,We,Fr 14:00-18:00; Tu 09:00-12:00', paris('2026-03-19T10:00'), t),
        'lun., mer. et ven. 14 h-18 h ; mar. 9 h-12 h',
      );
    });

    it('the same words on both sides of a DST change', () => {
      assert.equal(describeWeekHours(HOURS, paris('2026-03-27T10:00'), t), 'mar. et jeu. 9 h-12 h, 14 h-17 h ; sam. 9 h-12 h');
      assert.equal(describeWeekHours(HOURS, paris('2026-10-22T10:00'), t), 'mar. et jeu. 9 h-12 h, 14 h-17 h ; sam. 9 h-12 h');
    });

    it('names runs of days', () => {
      assert.equal(weekdaysWords([1, 2, 3, 5], t), 'lun.-mer. et ven.');
      assert.equal(weekdaysWords([6], t), 'sam.');
    });
  });
});
