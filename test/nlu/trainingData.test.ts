import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { alsoInTraining, readLabelledSet } from '../../src/nlu/evaluation';
import { INTENTS, shorthand, trainingPhrases } from '../../src/nlu/intentLexicon';
import { normalize } from '../../src/nlu/normalize';
import { TEST_SET } from './intentModel.test';

describe('intent training data', () => {
  it('has training phrases for every intent', () => {
    const phrases = trainingPhrases();
    for (const intent of INTENTS) assert.ok(phrases[intent].length >= 20, `${intent}: ${phrases[intent].length} phrases`);
  });

  it('keeps the held-out test set out of training: no test phrase is a training phrase', () => {
    const copies = alsoInTraining(readLabelledSet(TEST_SET));
    assert.deepEqual(
      copies.map((c) => c.text),
      [],
    );
  });

  it('holds at least 15 held-out phrasings for every intent', () => {
    const counts = new Map<string, number>();
    for (const { intent } of readLabelledSet(TEST_SET)) counts.set(intent, (counts.get(intent) ?? 0) + 1);
    for (const intent of INTENTS) assert.ok((counts.get(intent) ?? 0) >= 15, `${intent}: ${counts.get(intent) ?? 0}`);
  });

  it('gives each training phrase one intent only', () => {
    const seen = new Map<string, string>();
    const phrases = trainingPhrases();
    for (const intent of INTENTS) {
      for (const phrase of phrases[intent]) {
        const key = normalize(phrase);
        const other = seen.get(key);
        assert.ok(other === undefined || other === intent, `"${phrase}" is both ${other} and ${intent}`);
        seen.set(key, intent);
      }
    }
  });

  it('writes shorthand keys the way the matcher sees them (lower case, no accents)', () => {
    for (const key of Object.keys(shorthand())) assert.equal(normalize(key), key);
  });

  it('reads the shared development set when it is there', function () {
    const dev = join(__dirname, '..', '..', '..', '..', 'shared', 'nlu', 'dev.tsv');
    if (!existsSync(dev)) {
      console.log(`      skipped: no shared development set at ${dev} (a clone without ../shared)`);
      this.skip();
    }
    assert.ok(readLabelledSet(dev).length > 0);
  });
});
