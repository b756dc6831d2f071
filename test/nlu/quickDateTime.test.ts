/**
 * The short date answers read without the DateTime model must mean exactly
 * what the model makes of them: same words, same resolution values in the
 * same order, at any reference time (each weekday, morning to late night,
 * both DST changes, the turn of the year). A seeded sample of the generated
 * messages × reference times runs by default; QUICK_DATE_ALL=1 runs them all
 * (~20,000 model calls, several minutes).
 */
import assert from 'node:assert/strict';
import { Culture, recognizeDateTime } from '@microsoft/recognizers-text-suite';
import { DateTime } from 'luxon';
import { findDateTimes, ZONE } from '../../src/nlu/dateTimeEntity';
import { quickDateTime } from '../../src/nlu/quickDateTime';

const DAYS = [
  ...['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'].flatMap((d) => [d, `${d} prochain`]),
  'demain',
  'après-demain',
  "aujourd'hui",
  'Mardi',
  'JEUDI prochain',
];
const TIMES = [
  '',
  '9h',
  '9h00',
  '9h30',
  'à 9h',
  'a 9h',
  'vers 9h',
  '8h',
  '10h',
  '11h',
  '11h45',
  '12h',
  '13h',
  '14h',
  '14h30',
  'à 14h30',
  '14:30',
  '9:05',
  '17h45',
  '18h',
  '19h',
  '20h',
  '21h',
  '7h',
  '1h',
  '0h',
  'matin',
  'après-midi',
  'soir',
];
const ALONE = ['14h', '9h', 'à 14h30', 'vers 10h', '10h15', '16:45', '20h', '7h30'];

const messages = [
  ...DAYS.flatMap((day) => TIMES.map((time) => (time ? `${day} ${time}` : day))),
  ...ALONE,
  // Variants the quick reader leaves to the model: they must still be read (by the model).
  'apres demain',
  'jeudi apres midi',
  'le mardi',
  'mardi 14 h 30',
  'Jeudi.',
  'jeudi 10h !',
];

/** Wall-clock reference times in Paris. */
const REFERENCES = [
  ...Array.from({ length: 7 }, (_, i) => i).flatMap((day) =>
    ['07:30', '10:00', '13:00', '18:30', '21:45', '23:59'].map((at) => `2025-01-${String(13 + day).padStart(2, '0')}T${at}`),
  ),
  '2025-03-29T10:00', // the day before summer time
  '2025-03-30T10:00', // summer time starts
  '2025-10-25T10:00',
  '2025-10-26T10:00', // winter time starts
  '2025-12-31T18:00',
  '2024-02-28T12:00', // leap year
].map((at) => DateTime.fromISO(at, { zone: ZONE }));

function pairs(): [string, DateTime][] {
  const all = messages.flatMap((m) => REFERENCES.map((r) => [m, r] as [string, DateTime]));
  if (process.env.QUICK_DATE_ALL) return all;
  // mulberry32: the same sample every run.
  let seed = 9;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return all.filter(() => random() < 0.008);
}

function model(text: string, reference: DateTime) {
  const wallClock = new Date(reference.year, reference.month - 1, reference.day, reference.hour, reference.minute, reference.second);
  return recognizeDateTime(text, Culture.French, undefined, wallClock).map((r) => ({
    text: r.text,
    values: (r.resolution as { values?: unknown[] } | null)?.values ?? [],
  }));
}

describe('short date answers read without the DateTime model', function () {
  // The model's first call compiles its grammar.
  this.timeout(QUICK_DATE_TIMEOUT());

  it('reads « mardi prochain à 14h30 », « jeudi 10h », « demain matin » itself', () => {
    const today = DateTime.fromISO('2025-01-15T10:00', { zone: ZONE }).startOf('day');
    for (const text of ['mardi prochain à 14h30', 'jeudi 10h', 'demain matin', 'lundi', '14h']) {
      assert.ok(quickDateTime(text, today), text);
    }
  });

  it('reads « hier matin » as yesterday morning, never as this morning', () => {
    const today = DateTime.fromISO('2026-12-02T08:37', { zone: ZONE }).startOf('day');
    const read = quickDateTime('hier matin', today)!;
    assert.deepEqual(
      read.values.map((v) => v.timex),
      ['2026-12-01TMO'],
    );
    assert.equal(quickDateTime('avant-hier', today)!.values[0].timex, '2026-11-30');
  });

  it('leaves other phrasings to the model: « le 3 décembre », « dans 2 jours », « 12h »', () => {
    const today = DateTime.fromISO('2025-01-15T10:00', { zone: ZONE }).startOf('day');
    for (const text of ['le 3 décembre', 'dans 2 jours', '12h', 'jeudi ou vendredi', 'rdv demain 10h stp']) {
      assert.equal(quickDateTime(text, today), undefined, text);
    }
  });

  it('gives the same words and resolutions as the model, for every weekday, hour and DST change sampled', () => {
    const differences: string[] = [];
    let compared = 0;
    for (const [text, reference] of pairs()) {
      const quick = quickDateTime(text, reference.startOf('day'));
      if (!quick) continue;
      compared += 1;
      const expected = model(text, reference);
      try {
        assert.deepEqual([quick], expected);
      } catch {
        differences.push(`${text} @ ${reference.toISO()}: quick ${JSON.stringify(quick)} model ${JSON.stringify(expected)}`);
      }
    }
    assert.ok(compared > 0);
    assert.deepEqual(differences, []);
  });

  it('answers « mardi prochain à 14h30 » with one instant in Paris, as before', () => {
    const now = new Date('2025-01-15T09:00:00Z');
    assert.deepEqual(
      findDateTimes('Mardi prochain à 14h30', now).map((e) => [e.grain, e.value, e.text]),
      [['instant', '2025-01-21T14:30:00+01:00', 'mardi prochain à 14h30']],
    );
  });
});

function QUICK_DATE_TIMEOUT(): number {
  return process.env.QUICK_DATE_ALL ? 30 * 60_000 : 120_000;
}
