import assert from 'node:assert/strict';
import { communes } from '../../src/data/communes';
import { communesInSentence } from '../../src/nlu/communeEntity';

const SERVED = ['48', '26'];
const named = (text: string) => communesInSentence(communes(), text, SERVED).map((c) => c.name);

describe('communes named in a sentence (src/nlu/communeEntity.ts)', () => {
  it('finds a commune elsewhere in France named after « à », so that the bot can say it is not served', () => {
    assert.deepEqual(named('jcherche un lieu pour apprendre internet a saint agreve'), ['Saint-Agrève']);
  });

  it('reads no commune in ordinary words after « à »: « qui a eu accès », « à l’hôpital », « à la place »', () => {
    for (const text of [
      'Qui a eu accès à mon carnet ?',
      "je suis infirmière à l'hôpital, puis-je avoir le pass",
      'je peux venir un autre jour a la place',
    ]) {
      assert.deepEqual(named(text), [], text);
    }
  });
});
