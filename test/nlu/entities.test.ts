import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIntentRecognizer, type Entity, type IntentRecognizer } from '../../src/nlu/intentModel';

/** Wednesday 15 January 2025, 10:00 in Paris. */
const NOW = new Date('2025-01-15T09:00:00Z');

describe('entities of a message', () => {
  let model: IntentRecognizer;

  before(async () => {
    model = await createIntentRecognizer({ departements: ['48', '26'] });
  });

  function entities(text: string, type: Entity['type']): Entity[] {
    return model.recognize(text, { now: NOW }).entities.filter((e) => e.type === type);
  }

  it('finds the commune named in a sentence: « je cherche un lieu à Mende » needs no further question', () => {
    const result = model.recognize('je cherche un lieu à Mende', { now: NOW });
    assert.equal(result.intent, 'find_place');
    assert.deepEqual(
      result.entities.map((e) => (e.type === 'commune' ? [e.value, e.insee, e.departement] : e.type)),
      [['Mende', '48095', '48']],
    );
  });

  it('reads a commune written without accents or hyphens: « st chely d apcher »… « saint chely d apcher »', () => {
    const [commune] = entities('un lieu a saint chely d apcher', 'commune');
    assert.equal(commune?.value, "Saint-Chély-d'Apcher");
  });

  it('turns a postal code into its communes, the most populated first', () => {
    const [commune] = entities('lieu le plus proche de 26400', 'commune');
    assert.ok(commune?.type === 'commune');
    assert.equal(commune.value, 'Crest');
    assert.ok(commune.candidates.length > 1);
  });

  it('finds a commune outside the served départements named after « à » (« un lieu à Lyon »), so the bot says it is not served there', () => {
    assert.deepEqual(
      entities('un lieu à Lyon', 'commune').map((e) => e.type === 'commune' && [e.value, e.departement]),
      [['Lyon', '69']],
    );
    assert.deepEqual(entities('un lieu à la place', 'commune'), []);
  });

  it('resolves « demain 10h » to one instant in Europe/Paris', () => {
    assert.deepEqual(
      entities('rdv demain 10h stp', 'datetime').map((e) => e.type === 'datetime' && [e.grain, e.value]),
      [['instant', '2025-01-16T10:00:00+01:00']],
    );
  });

  it('resolves « mardi prochain après-midi » to a range', () => {
    const [range] = entities('mardi prochain après-midi', 'datetime');
    assert.ok(range?.type === 'datetime');
    assert.equal(range.grain, 'range');
    assert.equal(range.start.slice(0, 10), '2025-01-21');
    assert.ok(range.end && range.end > range.start);
  });

  it('takes « le 3 décembre » as the next 3 December, all day', () => {
    const [day] = entities('le 3 décembre', 'datetime');
    assert.ok(day?.type === 'datetime');
    assert.deepEqual([day.grain, day.start, day.end], ['day', '2025-12-03T00:00:00+01:00', '2025-12-04T00:00:00+01:00']);
  });

  it('does not read « il me reste 3 heures » as a time of day', () => {
    assert.deepEqual(entities('il me reste 3 heures ?', 'datetime'), []);
  });

  it('reads a phone number in E.164, and not as a date or numbers', () => {
    const found = model.recognize('mon numéro est le 06 12 34 56 78', { now: NOW }).entities;
    assert.deepEqual(found, [{ type: 'phoneNumber', value: '+33612345678' }]);
  });

  it('reads numbers and ordinals: « 2 », « le deuxième », « deux »', () => {
    assert.deepEqual(
      entities('2', 'number').map((e) => e.value),
      [2],
    );
    assert.deepEqual(
      entities('le deuxième', 'ordinal').map((e) => e.value),
      [2],
    );
    assert.deepEqual(
      entities('deux', 'number').map((e) => e.value),
      [2],
    );
    assert.deepEqual(entities('je voudrais un rendez-vous', 'number'), []);
  });

  it('reads yes and no: « ouais », « d’accord », « non merci »', () => {
    assert.deepEqual(
      entities('ouais', 'yesNo').map((e) => e.value),
      [true],
    );
    assert.deepEqual(
      entities("d'accord", 'yesNo').map((e) => e.value),
      [true],
    );
    assert.deepEqual(
      entities('non merci', 'yesNo').map((e) => e.value),
      [false],
    );
    assert.deepEqual(entities('je ne pourrai pas venir demain', 'yesNo'), []);
  });

  it('finds a carnet number and a birth date', () => {
    const identities = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'data', 'demo', 'identities.json'), 'utf8'));
    const voucherBookNumber: string = identities.beneficiaries[0].voucherBookNumber;
    assert.deepEqual(
      entities(`mon carnet ${voucherBookNumber.toLowerCase().replace(/-/g, ' ')}`, 'voucherBookNumber').map((e) => e.value),
      [voucherBookNumber],
    );
    assert.deepEqual(
      entities('je suis née le 12/04/1958', 'birthDate').map((e) => e.value),
      ['1958-04-12'],
    );
  });
});
