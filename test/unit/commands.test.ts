import assert from 'node:assert/strict';
import { matchCommand } from '../../src/nlu/commands';

describe('global commands', () => {
  it('recognises « menu », « aide », « annuler » typed alone, whatever the case or accents', () => {
    assert.equal(matchCommand('Menu'), 'menu');
    assert.equal(matchCommand('AIDE'), 'help');
    assert.equal(matchCommand('annuler'), 'cancel');
    assert.equal(matchCommand('Arrêter'), 'cancel');
  });

  it("recognises « parler à quelqu'un » inside a sentence", () => {
    assert.equal(matchCommand("je voudrais parler à quelqu'un svp"), 'human');
  });

  it('leaves « je veux annuler mon rendez-vous » to its own flow', () => {
    assert.equal(matchCommand('je veux annuler mon rendez-vous'), undefined);
  });

  it('takes a lone « ? » as a call for help', () => {
    assert.equal(matchCommand('?'), 'help');
  });

  it('ignores empty messages', () => {
    assert.equal(matchCommand(''), undefined);
    assert.equal(matchCommand(undefined), undefined);
  });
});
