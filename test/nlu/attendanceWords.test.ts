/**
 * A trainer's sentences about a session, as strangers typed them on Teams:
 * « je veux marquer la présence de Martine Delmas » was searched as
 * « marquer presence martine delmas », « Gérard Faure était absent hier » as
 * « gerard faure etait hier » among today's sessions. The name is what is
 * left once the words of marking and the day are gone; the day is the one
 * said (Wednesday 2 December 2026 here), never one ahead.
 */
import assert from 'node:assert/strict';
import {
  asksToMark,
  asksWhoComes,
  findComingDay,
  findMarkDay,
  readAttendance,
  withoutAttendanceWords,
} from '../../src/nlu/attendanceWords';
import { parsePersonQuery } from '../../src/nlu/proRequest';
import { testNow } from '../support/clock';

const name = (text: string) => parsePersonQuery(withoutAttendanceWords(text, testNow()), testNow())?.name;

describe('a trainer’s attendance sentences', () => {
  it('leave the name alone once the words of marking are gone', () => {
    assert.equal(name('je veux marquer la presence de Martine Delmas'), 'martine delmas');
    assert.equal(name('Gerard Faure etait absent hier'), 'gerard faure');
    assert.equal(name("Gérard Faure n'est pas venu ce matin"), 'gerard faure');
    assert.equal(name('martine etait bien la lundi'), 'martine');
    assert.equal(name('noter l absence de Josiane Bertrand avant-hier'), 'josiane bertrand');
    assert.equal(name('elle est pas venue'), undefined);
  });

  it('read the mark said, or a request to mark', () => {
    assert.equal(readAttendance('Gerard Faure etait absent hier'), 'missed');
    assert.equal(readAttendance('martine etait bien la lundi'), 'attended');
    assert.equal(readAttendance('je veux marquer la presence de Martine Delmas'), undefined);
    assert.ok(asksToMark('je veux marquer la presence de Martine Delmas'));
    assert.ok(asksToMark("faire l'appel"));
    assert.ok(!asksToMark('Martine Delmas'));
  });

  it('set the day looked at, today or before it', () => {
    const day = (text: string) => findMarkDay(text, testNow())?.day;
    assert.equal(day('Gerard Faure etait absent hier'), '2026-12-01');
    assert.equal(day('absente avant-hier'), '2026-11-30');
    assert.equal(day('elle était là ce matin'), '2026-12-02');
    assert.equal(day('martine etait bien la lundi'), '2026-11-30');
    assert.equal(day('pas venue lundi dernier'), '2026-11-30');
    // A Wednesday's « mercredi » is today; « jeudi » the last one, 6 days back.
    assert.equal(day('absent mercredi'), '2026-12-02');
    assert.equal(day('absent jeudi'), '2026-11-26');
    assert.equal(day('Martine Delmas absente'), undefined);
  });
});

describe('the day a trainer asks who comes', () => {
  // Wednesday 2 December 2026, 08:37 Paris.
  const now = new Date('2026-12-02T08:37:00+01:00');

  it('reads « lundi », « lundi prochain », « demain », « hier » and « lundi dernier » from today', () => {
    assert.equal(findComingDay('qui vient lundi', now), '2026-12-07');
    assert.equal(findComingDay('qui vient lundi prochain ?', now), '2026-12-07');
    assert.equal(findComingDay('qui vient mercredi prochain', now), '2026-12-09');
    assert.equal(findComingDay('qui vient mercredi', now), '2026-12-02');
    assert.equal(findComingDay('qui est inscrit demain', now), '2026-12-03');
    assert.equal(findComingDay('qui est inscrit apres demain', now), '2026-12-04');
    assert.equal(findComingDay('qui est venu hier', now), '2026-12-01');
    assert.equal(findComingDay('qui vient lundi dernier', now), '2026-11-30');
    assert.equal(findComingDay('qui vient', now), undefined);
  });

  it('tells « qui vient », « qui est inscrit », « j ai qui » from a name', () => {
    for (const text of ['qui vient lundi', 'qui est inscrit demain', "j'ai qui jeudi ?"]) assert.ok(asksWhoComes(text), text);
    for (const text of ['Martine Delmas', 'josette pas venue']) assert.ok(!asksWhoComes(text), text);
  });
});
